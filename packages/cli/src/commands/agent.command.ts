import { CachedTokenSource, keystonePasswordLogin, type AgentTokenSource } from '@lbaas/agent';
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { startAgent } from './agent-runtime.js';
import { addNetworkModeOptions, networkModeChoice } from './network-mode-flags.js';

interface AgentFlags {
  server: string;
  authUrl?: string;
  stateDir: string;
  haproxy?: string;
  logLevel: string;
  username: string;
  project: string;
  passwordFile?: string;
  networkMode?: string;
  vipInterface?: string;
}

/**
 * Keystone credentials of the agent: the password from --password-file (LBAAS_AGENT_PASSWORD_FILE) or
 * LBAAS_AGENT_PASSWORD. Without either the agent sends no token (a server with --auth noauth).
 */
function tokenSource(flags: AgentFlags): AgentTokenSource | undefined {
  let password = process.env.LBAAS_AGENT_PASSWORD || undefined;
  if (flags.passwordFile) password = readFileSync(flags.passwordFile, 'utf8').split('\n')[0]?.trim();
  if (!password) return undefined;
  return new CachedTokenSource(
    keystonePasswordLogin({
      serverUrl: flags.server,
      authUrl: flags.authUrl,
      username: flags.username,
      password,
      projectName: flags.project,
    }),
  );
}

/** `lbaas agent`: runs the HAProxy agent of this host against a server. */
export function addAgentCommand(program: Command): void {
  const command = program
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
    .option(
      '--auth-url <url>',
      "keystone to log in at, e.g. http://keystone:5000/v3 when the server validates tokens with an external Keystone (env LBAAS_AGENT_AUTH_URL; default: the server's <server>/identity/v3)",
      process.env.LBAAS_AGENT_AUTH_URL || undefined,
    )
    .option(
      '--username <name>',
      'keystone user the agent logs in as (env LBAAS_AGENT_USERNAME)',
      process.env.LBAAS_AGENT_USERNAME ?? 'lbaas-agent',
    )
    .option(
      '--project <name>',
      'project the agent token is scoped to (env LBAAS_AGENT_PROJECT)',
      process.env.LBAAS_AGENT_PROJECT ?? 'service',
    )
    .option(
      '--password-file <path>',
      "file holding the user's password, e.g. the server's <state-dir>/agent-password (env LBAAS_AGENT_PASSWORD_FILE; or set LBAAS_AGENT_PASSWORD); none = no token (server with --auth noauth)",
      process.env.LBAAS_AGENT_PASSWORD_FILE,
    )
    .option('--haproxy <path>', 'haproxy binary (default: haproxy on PATH)', undefined)
    .option('--log-level <level>', 'pino log level', process.env.LBAAS_LOG_LEVEL ?? 'info');
  addNetworkModeOptions(command).action(async (flags: AgentFlags) => {
    let network;
    try {
      network = networkModeChoice(flags, process.getuid?.());
    } catch (err) {
      process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
      return;
    }
    const logger = pino({ level: flags.logLevel });
    const tokens = tokenSource(flags);
    const agent = await startAgent({
      serverUrl: flags.server,
      stateDir: flags.stateDir,
      haproxyPath: flags.haproxy,
      network,
      logger,
      tokens,
    });
    logger.info(
      {
        agentId: agent.agentId,
        baseDir: agent.baseDir,
        auth: tokens ? `keystone as ${flags.username}` : 'none',
        networkMode: network.mode,
        ...(tokens && flags.authUrl ? { authUrl: flags.authUrl } : {}),
      },
      'agent started',
    );
    await new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
    });
    // HAProxy processes are left running on purpose: the data plane outlives the agent.
    await agent.stop();
  });
}
