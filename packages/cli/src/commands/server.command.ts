import { CachedTokenSource } from '@lbaas/agent';
import {
  composeServer,
  ConfigError,
  loadServerConfig,
  type ServerFlags,
  type ServerHandle,
} from '@lbaas/server';
import { pino } from 'pino';
import { startAgent, type RunningAgent } from './agent-runtime.js';
import type { NetworkModeChoice } from './network-mode-flags.js';
import { startDemo, type Demo } from './demo.js';

/** How `runServer` was invoked. */
export interface RunOptions {
  /** Print the welcome banner (lbaas up). */
  banner: boolean;
  /** Run an agent in this process when the driver is `agent` (lbaas up). */
  embedAgent: boolean;
  /** Start two local backends and a load balancer over them (lbaas up --demo). */
  demo: boolean;
  haproxyPath?: string | undefined;
  /** Networking mode of the embedded agent (default loopback). */
  network?: NetworkModeChoice;
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
        network: opts.network ?? { mode: 'loopback' },
        logger: pino({ level: config.logLevel }),
        tokens: embeddedAgentTokens(handle),
      });
      await agent.controller.registered;
    }
    // Ready means ready: with an embedded agent, only once it registered (a load balancer created
    // earlier would wait for it).
    process.stderr.write(`lbaas: listening on ${url}\n`);
    if (!agent && config.driver === 'agent') {
      process.stderr.write(
        `lbaas: load balancers are provisioned by agents; start one per host with: lbaas agent --server ${url}${handle.externalKeystone ? ` --auth-url ${handle.externalKeystone.url}` : ''}\n`,
      );
    }
    if (opts.demo) {
      const admin = handle.identity?.adminToken ?? handle.externalKeystone?.serviceToken;
      demo = await startDemo(url, { token: (await admin?.())?.token });
    }
  } catch (err) {
    process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
    await agent?.stop();
    await handle.close();
    return 1;
  }
  if (opts.banner) {
    const database = config.databaseUrl ? 'PostgreSQL' : `${config.stateDir}/lbaas.sqlite`;
    process.stdout.write(
      banner(url, database, config.driver, agent, demo, {
        cloudsYaml: handle.identity?.cloudsYamlPath,
        keystoneUrl: handle.externalKeystone?.url,
      }),
    );
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

/**
 * Tokens of `lbaas up`'s embedded agent: the built-in `lbaas-agent` user's, minted in-process (no password
 * needed here), or under an external Keystone the service user's (which then needs role admin).
 */
function embeddedAgentTokens(handle: ServerHandle): CachedTokenSource | undefined {
  const issue = handle.identity?.agentToken ?? handle.externalKeystone?.serviceToken;
  return issue ? new CachedTokenSource(issue) : undefined;
}

function banner(
  url: string,
  database: string,
  driver: string,
  agent: RunningAgent | undefined,
  demo: Demo | undefined,
  auth: { cloudsYaml?: string | undefined; keystoneUrl?: string | undefined },
): string {
  const lines = [
    '',
    `lbaas is up: ${url}`,
    `  load-balancer API  ${url}/load-balancer/v2.0/lbaas/loadbalancers`,
    `  network API        ${url}/network/v2.0/subnets  (VIP subnet: lbaas-loopback-subnet)`,
    `  health             ${url}/healthz`,
    `  database           ${database}`,
    driver === 'agent'
      ? `  data plane         HAProxy per load balancer, agent ${agent?.agentId ?? '(external)'} in ${agent?.baseDir ?? '?'}${agent ? `, network mode ${agent.networkMode}` : ''}`
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
    auth.keystoneUrl
      ? `  tokens come from the Keystone at ${auth.keystoneUrl}: use your cloud's credentials (its catalog, or load_balancer_endpoint_override, must point at ${url}/load-balancer)`
      : auth.cloudsYaml
        ? `  export OS_CLIENT_CONFIG_FILE=${auth.cloudsYaml} OS_CLOUD=lbaas   # admin credentials (keystone auth)`
        : `  export OS_AUTH_TYPE=none OS_ENDPOINT=${url}/load-balancer`,
    '  openstack loadbalancer create --name lb1 --vip-subnet-id lbaas-loopback-subnet --wait',
    '  openstack loadbalancer list',
    '',
    'Ctrl-C stops the control plane; HAProxy keeps serving and is adopted by the next `lbaas up`.',
    '',
  );
  return lines.join('\n');
}
