import {
  AgentController,
  createNetworkPlumber,
  HaproxyApplier,
  HaproxyBinary,
  LinuxProcessTable,
  NodeFileSystem,
  NodeProcessRunner,
  NodeUnixSocketClient,
  SystemClock,
  type AgentTokenSource,
} from '@lbaas/agent';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { NetworkModeChoice } from './network-mode-flags.js';

/** A running agent (control loop only: the HAProxy processes it manages outlive it by design). */
export interface RunningAgent {
  agentId: string;
  baseDir: string;
  networkMode: string;
  controller: AgentController;
  stop(): Promise<void>;
}

/** Options of `lbaas agent` and of the agent `lbaas up` embeds. */
export interface AgentRuntimeOptions {
  serverUrl: string;
  stateDir: string;
  haproxyPath?: string | undefined;
  /** Where VIPs go (DESIGN.md §4). */
  network: NetworkModeChoice;
  logger: Logger;
  statsIntervalMs?: number;
  /** Keystone tokens for the agent API (servers with keystone auth). */
  tokens?: AgentTokenSource | undefined;
}

// Upper bound per load balancer; each HAProxy raises its own fd limit to match (2 fds per connection + slack).
const MAX_MAXCONN = 50_000;

/**
 * Starts an agent: a stable id kept in `<stateDir>/agent/agent-id` (so a restarted agent is the same agent
 * and adopts its processes), load balancers under `<stateDir>/agent/lb/<id>/`, maxconn from the fd limit.
 */
export async function startAgent(opts: AgentRuntimeOptions): Promise<RunningAgent> {
  const agentDir = resolve(opts.stateDir, 'agent');
  const baseDir = join(agentDir, 'lb');
  mkdirSync(baseDir, { recursive: true });
  const agentId = agentIdIn(agentDir);
  const processes = new LinuxProcessTable();
  const { hard } = await processes.openFileLimit();
  const maxconn =
    hard === null ? MAX_MAXCONN : Math.max(256, Math.min(MAX_MAXCONN, Math.floor((hard - 256) / 2)));
  const runner = new NodeProcessRunner();
  const fs = new NodeFileSystem();
  const warn = (message: string): void => opts.logger.warn({}, message);
  const plumber = createNetworkPlumber({
    mode: opts.network.mode,
    ...(opts.network.vipInterface ? { vipInterface: opts.network.vipInterface } : {}),
    baseDir,
    runner,
    fs,
    warn,
  });
  const applier = new HaproxyApplier({
    baseDir,
    binary: new HaproxyBinary(runner, opts.haproxyPath ? { path: opts.haproxyPath } : {}),
    fs,
    sockets: new NodeUnixSocketClient(),
    processes,
    clock: new SystemClock(),
    plumber,
    warn,
  });
  const controller = new AgentController({
    serverUrl: opts.serverUrl,
    agentId,
    baseDir,
    maxconn,
    applier,
    network: plumber,
    logger: opts.logger,
    host: hostname(),
    version: '0.1.0',
    ...(opts.statsIntervalMs ? { statsIntervalMs: opts.statsIntervalMs } : {}),
    ...(opts.tokens ? { tokens: opts.tokens } : {}),
  });
  controller.start();
  return { agentId, baseDir, networkMode: plumber.mode, controller, stop: () => controller.stop() };
}

function agentIdIn(dir: string): string {
  const file = join(dir, 'agent-id');
  try {
    const id = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return id;
  } catch {
    // first start: fall through and create one
  }
  const id = randomUUID();
  writeFileSync(file, `${id}\n`, { mode: 0o600 });
  return id;
}
