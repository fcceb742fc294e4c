import { composeServer, ConfigError, loadServerConfig, type ServerFlags } from '@lbaas/server';
import type { Command } from 'commander';

/** Options shared by `lbaas server` and `lbaas up`. */
export function addServerOptions(cmd: Command): Command {
  return cmd
    .option('--host <host>', 'address to listen on (env LBAAS_HOST)', undefined)
    .option('--port <port>', 'port to listen on (env LBAAS_PORT)', undefined)
    .option('--state-dir <dir>', 'directory for the SQLite database (env LBAAS_STATE_DIR)', undefined)
    .option('--auth <strategy>', 'authentication strategy: noauth (env LBAAS_AUTH)', undefined)
    .option('--driver <name>', 'provisioning driver: noop (env LBAAS_DRIVER)', undefined)
    .option('--log-level <level>', 'pino log level: fatal|error|warn|info|debug|trace|silent', undefined);
}

/** Runs the API server until SIGINT/SIGTERM; resolves with the process exit code. */
export async function runServer(flags: ServerFlags, opts: { banner: boolean }): Promise<number> {
  let config;
  try {
    config = loadServerConfig(flags, process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`lbaas: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const handle = await composeServer(config);
  process.stderr.write(`lbaas: listening on ${handle.url ?? ''}\n`);
  if (opts.banner)
    process.stdout.write(
      banner(
        handle.url ?? '',
        config.databaseUrl ? 'PostgreSQL' : `${config.stateDir}/lbaas.sqlite`,
        config.driver,
      ),
    );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await handle.close();
  return 0;
}

function banner(url: string, database: string, driver: string): string {
  return [
    '',
    `lbaas is up: ${url}`,
    `  load-balancer API  ${url}/load-balancer/v2.0/lbaas/loadbalancers`,
    `  network API        ${url}/network/v2.0/subnets  (VIP subnet: lbaas-loopback-subnet)`,
    `  health             ${url}/healthz`,
    `  database           ${database}`,
    `  driver             ${driver}${driver === 'noop' ? '  (no data plane yet: load balancers go ACTIVE but serve no traffic)' : ''}`,
    '',
    'Try it with the OpenStack CLI:',
    `  export OS_AUTH_TYPE=none OS_ENDPOINT=${url}/load-balancer`,
    '  openstack loadbalancer create --name lb1 --vip-subnet-id lbaas-loopback-subnet --wait',
    '  openstack loadbalancer list',
    '',
    'Ctrl-C stops it.',
    '',
  ].join('\n');
}
