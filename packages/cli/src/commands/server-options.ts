import type { Command } from 'commander';

/** Options shared by `lbaas server` and `lbaas up`. */
export function addServerOptions(cmd: Command): Command {
  return cmd
    .option('--host <host>', 'address to listen on (env LBAAS_HOST)', undefined)
    .option('--port <port>', 'port to listen on (env LBAAS_PORT)', undefined)
    .option(
      '--state-dir <dir>',
      'directory for the SQLite database and agent state (env LBAAS_STATE_DIR)',
      undefined,
    )
    .option(
      '--auth <strategy>',
      'authentication: keystone (default: tokens from the built-in identity API) or noauth (env LBAAS_AUTH)',
      undefined,
    )
    .option(
      '--keystone-url <url>',
      'validate tokens at this external Keystone (e.g. http://keystone:5000/v3) instead of serving /identity; service user from LBAAS_KEYSTONE_USERNAME / LBAAS_KEYSTONE_PASSWORD(_FILE) (env LBAAS_KEYSTONE_URL)',
      undefined,
    )
    .option(
      '--driver <name>',
      'provisioning driver: agent (default: HAProxy through lbaas agent processes) or noop (no data plane, for API tests) (env LBAAS_DRIVER)',
      undefined,
    )
    .option('--log-level <level>', 'pino log level: fatal|error|warn|info|debug|trace|silent', undefined);
}
