import type { Command } from 'commander';
import { pino } from 'pino';
import { startAgent } from './agent-runtime.js';

/** `lbaas agent`: runs the HAProxy agent of this host against a server. */
export function addAgentCommand(program: Command): void {
  program
    .command('agent')
    .description('run the HAProxy agent of this host (one HAProxy per load balancer; adopts running ones)')
    .requiredOption(
      '--server <url>',
      'URL of an lbaas server, e.g. http://127.0.0.1:9876 (env LBAAS_SERVER)',
      process.env.LBAAS_SERVER,
    )
    .option(
      '--state-dir <dir>',
      'agent state: id and one directory per load balancer (env LBAAS_STATE_DIR)',
      process.env.LBAAS_STATE_DIR ?? '.lbaas',
    )
    .option('--haproxy <path>', 'haproxy binary (default: haproxy on PATH)', undefined)
    .option('--log-level <level>', 'pino log level', process.env.LBAAS_LOG_LEVEL ?? 'info')
    .action(async (flags: { server: string; stateDir: string; haproxy?: string; logLevel: string }) => {
      const logger = pino({ level: flags.logLevel });
      const agent = await startAgent({
        serverUrl: flags.server,
        stateDir: flags.stateDir,
        haproxyPath: flags.haproxy,
        logger,
      });
      logger.info({ agentId: agent.agentId, baseDir: agent.baseDir }, 'agent started');
      await new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      // HAProxy processes are left running on purpose: the data plane outlives the agent.
      await agent.stop();
    });
}
