import { CachedTokenSource } from '@lbaas/agent';
import { composeServer, ConfigError, loadServerConfig, type ServerFlags } from '@lbaas/server';
import type { Command } from 'commander';
import { pino } from 'pino';
import { startAgent, type RunningAgent } from './agent-runtime.js';
import { startDemo, type Demo } from './demo.js';

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
      '--driver <name>',
      'provisioning driver: agent (default: HAProxy through lbaas agent processes) or noop (no data plane, for API tests) (env LBAAS_DRIVER)',
      undefined,
    )
    .option('--log-level <level>', 'pino log level: fatal|error|warn|info|debug|trace|silent', undefined);
}

/** How `runServer` was invoked. */
export interface RunOptions {
  /** Print the welcome banner (lbaas up). */
  banner: boolean;
  /** Run an agent in this process when the driver is `agent` (lbaas up). */
  embedAgent: boolean;
  /** Start two local backends and a load balancer over them (lbaas up --demo). */
  demo: boolean;
  haproxyPath?: string | undefined;
}

/** Runs the API server (and for `up`, an agent) until SIGINT/SIGTERM; resolves with the exit code. */
export async function runServer(flags: ServerFlags, opts: RunOptions): Promise<number> {
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
  const url = handle.url ?? '';
  let agent: RunningAgent | undefined;
  let demo: Demo | undefined;
  try {
    if (opts.embedAgent && config.driver === 'agent') {
      agent = await startAgent({
        serverUrl: url,
        stateDir: config.stateDir,
        haproxyPath: opts.haproxyPath,
        logger: pino({ level: config.logLevel }),
        // Keystone auth: tokens of the lbaas-agent user, minted in-process (no password needed here).
        tokens: handle.identity ? new CachedTokenSource(handle.identity.agentToken) : undefined,
      });
      await agent.controller.registered;
    }
    // Ready means ready: with an embedded agent, only once it registered (a load balancer created
    // earlier would wait for it).
    process.stderr.write(`lbaas: listening on ${url}\n`);
    if (!agent && config.driver === 'agent') {
      process.stderr.write(
        `lbaas: load balancers are provisioned by agents; start one per host with: lbaas agent --server ${url}\n`,
      );
    }
    if (opts.demo) demo = await startDemo(url, { token: (await handle.identity?.adminToken())?.token });
  } catch (err) {
    process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
    await agent?.stop();
    await handle.close();
    return 1;
  }
  if (opts.banner) {
    const database = config.databaseUrl ? 'PostgreSQL' : `${config.stateDir}/lbaas.sqlite`;
    process.stdout.write(banner(url, database, config.driver, agent, demo, handle.identity?.cloudsYamlPath));
  }
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await demo?.close();
  await agent?.stop();
  await handle.close();
  return 0;
}

function banner(
  url: string,
  database: string,
  driver: string,
  agent: RunningAgent | undefined,
  demo: Demo | undefined,
  cloudsYaml?: string | undefined,
): string {
  const lines = [
    '',
    `lbaas is up: ${url}`,
    `  load-balancer API  ${url}/load-balancer/v2.0/lbaas/loadbalancers`,
    `  network API        ${url}/network/v2.0/subnets  (VIP subnet: lbaas-loopback-subnet)`,
    `  health             ${url}/healthz`,
    `  database           ${database}`,
    driver === 'agent'
      ? `  data plane         HAProxy per load balancer, agent ${agent?.agentId ?? '(external)'} in ${agent?.baseDir ?? '?'}`
      : '  data plane         none (noop driver: load balancers go ACTIVE but serve no traffic)',
  ];
  if (demo) {
    lines.push(
      '',
      `Demo: load balancer ${demo.loadBalancerId} over ${demo.backends.map((b) => `${b.name} (${b.address}:${b.port})`).join(' and ')}.`,
      'Round robin, one request after the other:',
      `  for i in 1 2 3 4; do curl -s ${demo.url}; echo; done`,
    );
  }
  lines.push(
    '',
    'Try it with the OpenStack CLI:',
    cloudsYaml
      ? `  export OS_CLIENT_CONFIG_FILE=${cloudsYaml} OS_CLOUD=lbaas   # admin credentials (keystone auth)`
      : `  export OS_AUTH_TYPE=none OS_ENDPOINT=${url}/load-balancer`,
    '  openstack loadbalancer create --name lb1 --vip-subnet-id lbaas-loopback-subnet --wait',
    '  openstack loadbalancer list',
    '',
    'Ctrl-C stops the control plane; HAProxy keeps serving and is adopted by the next `lbaas up`.',
    '',
  );
  return lines.join('\n');
}
