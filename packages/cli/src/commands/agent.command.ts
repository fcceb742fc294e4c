import type { Command } from 'commander';
import { addAgentAdminCommands } from './agent-admin.commands.js';
import { addNetworkModeOptions } from './network-mode-options.js';

/** The options of `lbaas agent` (the service). */
export interface AgentFlags {
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

/** `lbaas agent`: runs the HAProxy agent of this host against a server. */
export function addAgentCommand(program: Command): void {
  const command = program
    .command('agent')
    .description(
      'run the HAProxy agent of this host (one HAProxy per load balancer; adopts running ones); with a subcommand: list, show, enable or disable the agents of a server (admin, through the --os-* cloud options)',
    )
    .option(
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
  addAgentAdminCommands(command);
  addNetworkModeOptions(command).action(async (flags: AgentFlags) => {
    // Not a requiredOption: commander would then demand it of the subcommands too.
    if (!flags.server) {
      process.stderr.write("error: required option '--server <url>' not specified\n");
      process.exitCode = 2;
      return;
    }
    // Loaded only when the service runs, so `lbaas agent list` and the resource commands start fast.
    const { runAgentService } = await import('./agent-service.js');
    await runAgentService(flags);
  });
}
