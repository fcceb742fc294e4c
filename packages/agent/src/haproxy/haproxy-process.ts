import { join } from 'node:path';
import type { Clock } from '../system/clock.js';
import type { FileSystem } from '../system/file-system.js';
import type { ProcessTable } from '../system/process-table.js';
import type { UnixSocketClient } from '../system/unix-socket-client.js';
import type { HaproxyBinary, StartOptions } from './haproxy-binary.js';
import { parseShowProc, type MasterProcessList } from './master-process-list.js';
import { RuntimeApi } from './runtime-api.js';

/** Files of one load balancer's HAProxy under its directory. */
export interface HaproxyPaths {
  dir: string;
  cfg: string;
  masterSocket: string;
  statsSocket: string;
  pidFile: string;
  serverState: string;
}

/** The paths HaproxyProcess uses inside `dir`; the rendered config must name the same stats socket and state file. */
export function haproxyPaths(dir: string): HaproxyPaths {
  return {
    dir,
    cfg: join(dir, 'haproxy.cfg'),
    masterSocket: join(dir, 'master.sock'),
    statsSocket: join(dir, 'haproxy.sock'),
    pidFile: join(dir, 'haproxy.pid'),
    serverState: join(dir, 'server-state'),
  };
}

/** Collaborators of HaproxyProcess. */
export interface HaproxyProcessDeps {
  binary: HaproxyBinary;
  fs: FileSystem;
  sockets: UnixSocketClient;
  processes: ProcessTable;
  clock: Clock;
  /** Non-fatal problems (e.g. server state could not be saved before a reload). */
  warn?: (message: string) => void;
}

/** Bounds of the waits; every loop ends. */
export interface HaproxyProcessTimeouts {
  startMs: number;
  reloadMs: number;
  /** Time a soft stop (SIGUSR1: finish in-flight sessions) gets before SIGTERM. */
  softStopMs: number;
  hardStopMs: number;
  pollMs: number;
}

const defaultTimeouts: HaproxyProcessTimeouts = {
  startMs: 10_000,
  reloadMs: 10_000,
  softStopMs: 5_000,
  hardStopMs: 3_000,
  pollMs: 25,
};

/** One daemonized HAProxy master-worker for one load-balancer directory (survives agent restarts). */
export class HaproxyProcess {
  readonly paths: HaproxyPaths;
  readonly runtime: RuntimeApi;
  private readonly timeouts: HaproxyProcessTimeouts;

  constructor(
    dir: string,
    private readonly deps: HaproxyProcessDeps,
    timeouts: Partial<HaproxyProcessTimeouts> = {},
  ) {
    this.paths = haproxyPaths(dir);
    this.runtime = new RuntimeApi(deps.sockets, this.paths.statsSocket);
    this.timeouts = { ...defaultTimeouts, ...timeouts };
  }

  /** The pid recorded in the pid file, alive or not. */
  async recordedPid(): Promise<number | undefined> {
    const text = await this.deps.fs.readText(this.paths.pidFile);
    const pid = Number(text?.trim().split('\n')[0]);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  }

  /** The live master's pid, or undefined. */
  async masterPid(): Promise<number | undefined> {
    const pid = await this.recordedPid();
    if (pid === undefined || !(await this.deps.processes.isAlive(pid))) return undefined;
    // After a host reboot the pid file is stale and the pid may belong to anything: require our -f path.
    // (Started through `ip netns exec`, the master's argv is still HAProxy's: ip execs it in place.)
    const argv = await this.deps.processes.commandLine(pid);
    return argv?.includes(this.paths.cfg) ? pid : undefined;
  }

  async isRunning(): Promise<boolean> {
    return (await this.masterPid()) !== undefined;
  }

  /**
   * Starts the master-worker (inside `options.netns` when given) and waits until its worker answers on the
   * stats socket; resolves the master pid.
   */
  async start(options: StartOptions = {}): Promise<number> {
    if (await this.isRunning()) throw new Error(`haproxy already running for ${this.paths.dir}`);
    await this.deps.binary.startMasterWorker(this.paths, options);
    const deadline = this.deps.clock.now() + this.timeouts.startMs;
    while (this.deps.clock.now() < deadline) {
      // The launcher exits before the master CLI listens: ready = master CLI up and its worker serving.
      const pid = await this.masterPid();
      const procs = pid === undefined ? undefined : await this.showProc().catch(() => undefined);
      const worker = procs?.workers.find((w) => w.reloads === 0);
      if (pid !== undefined && worker !== undefined && (await this.workerServing()) === worker.pid)
        return pid;
      await this.deps.clock.sleep(this.timeouts.pollMs);
    }
    throw new Error(`haproxy for ${this.paths.dir} did not come up within ${this.timeouts.startMs} ms`);
  }

  /**
   * Hitless reload through the master CLI: the master re-executes, a new worker takes over the bound
   * sockets, old workers drain. Resolves with the new worker's pid once it answers on the stats socket;
   * rejects if the master kept the old worker (the new config failed to load) or on timeout.
   */
  async reload(): Promise<number> {
    if (!(await this.isRunning())) throw new Error(`haproxy is not running for ${this.paths.dir}`);
    await this.saveServerState();
    const before = await this.showProc();
    const previous = new Set(before.workers.map((w) => w.pid));
    // 2.6 closes the connection without an answer while it re-executes; the outcome is read from `show proc`.
    await this.deps.sockets.request(this.paths.masterSocket, 'reload').catch(() => '');
    const deadline = this.deps.clock.now() + this.timeouts.reloadMs;
    while (this.deps.clock.now() < deadline) {
      await this.deps.clock.sleep(this.timeouts.pollMs);
      const now = await this.showProc().catch(() => undefined);
      if (now === undefined || now.masterReloads <= before.masterReloads) continue;
      // The re-executed master serves its CLI only after forking, so a missing new worker is final.
      const fresh = now.workers.find((w) => w.reloads === 0 && !previous.has(w.pid));
      if (fresh === undefined) {
        throw new Error(
          'haproxy reload failed: the master kept the previous worker (new configuration not loaded)',
        );
      }
      if ((await this.workerServing()) === fresh.pid) return fresh.pid;
    }
    throw new Error(`haproxy reload for ${this.paths.dir} not confirmed within ${this.timeouts.reloadMs} ms`);
  }

  /** Soft stop (SIGUSR1), then SIGTERM, then SIGKILL, each bounded; resolves once the master is gone. */
  async stop(): Promise<void> {
    const pid = await this.masterPid();
    if (pid === undefined) return;
    const workers = (await this.showProc().catch(() => undefined))?.workers.map((w) => w.pid) ?? [];
    const steps: [NodeJS.Signals, number][] = [
      ['SIGUSR1', this.timeouts.softStopMs],
      ['SIGTERM', this.timeouts.hardStopMs],
      ['SIGKILL', this.timeouts.hardStopMs],
    ];
    let gone = false;
    for (const [signal, waitMs] of steps) {
      if (!this.deps.processes.signal(pid, signal) || (await this.waitGone(pid, waitMs))) {
        gone = true;
        break;
      }
    }
    if (!gone) throw new Error(`haproxy master ${pid} survived SIGKILL`);
    // Workers notice the master's death and exit by themselves; only stragglers of ours are killed.
    for (const worker of workers) {
      if (await this.waitGone(worker, this.timeouts.hardStopMs)) continue;
      if ((await this.deps.processes.commandLine(worker))?.includes(this.paths.cfg)) {
        this.deps.processes.signal(worker, 'SIGKILL');
      }
    }
  }

  /** Saves `show servers state` where `server-state-file` points, so health and admin state survive a reload. */
  async saveServerState(): Promise<void> {
    try {
      await this.deps.fs.writeFileAtomic(this.paths.serverState, await this.runtime.showServersState());
    } catch (error) {
      // Like Octavia: losing it only means servers restart as "UP, re-check", not an outage.
      this.deps.warn?.(`could not save server state of ${this.paths.dir}: ${String(error)}`);
    }
  }

  /** The master CLI's `show proc`. */
  async showProc(): Promise<MasterProcessList> {
    return parseShowProc(await this.deps.sockets.request(this.paths.masterSocket, 'show proc'));
  }

  private async workerServing(): Promise<number | undefined> {
    const info = await this.runtime.showInfo().catch(() => undefined);
    const pid = Number(info?.get('Pid'));
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  }

  private async waitGone(pid: number, ms: number): Promise<boolean> {
    const deadline = this.deps.clock.now() + ms;
    for (;;) {
      if (!(await this.deps.processes.isAlive(pid))) return true;
      if (this.deps.clock.now() >= deadline) return false;
      await this.deps.clock.sleep(this.timeouts.pollMs);
    }
  }
}
