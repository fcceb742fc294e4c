import { assertNamespaceName } from '../net/network-names.js';
import type { ProcessRunner, RunResult } from '../system/process-runner.js';

/** Result of `haproxy -c`: ok, or HAProxy's own explanation. */
export type ConfigCheck = { ok: true } | { ok: false; message: string };

/** Options of HaproxyBinary. */
export interface HaproxyBinaryOptions {
  /** Executable; default `haproxy` looked up on PATH (Debian: /usr/sbin/haproxy). */
  path?: string;
  /** Bound for `-c` and for the daemonizing launcher; default 30 s. */
  timeoutMs?: number;
  /** iproute2's `ip`, used to start HAProxy inside a network namespace; default `ip` on PATH. */
  ipPath?: string;
}

/** Where a master-worker starts. */
export interface StartOptions {
  /**
   * Network namespace (netns mode): the launcher runs as `ip netns exec <ns> haproxy …`, which execs
   * HAProxy in place, so the master's argv is HAProxy's own and its reloads (re-execs) stay in the namespace.
   */
  netns?: string;
}

/** The haproxy executable: config validation and launching a daemonized master-worker. */
export class HaproxyBinary {
  readonly path: string;
  private readonly timeoutMs: number;
  private readonly ipPath: string;

  constructor(
    private readonly runner: ProcessRunner,
    options: HaproxyBinaryOptions = {},
  ) {
    this.path = options.path ?? 'haproxy';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.ipPath = options.ipPath ?? 'ip';
  }

  /**
   * `haproxy -c -f <cfg>` (not `-q`: on 2.6 it also silences the ALERTs that say what is wrong).
   * Exit 2 ("no error but will not start": no listener at all) counts as invalid.
   */
  async check(cfgPath: string): Promise<ConfigCheck> {
    const result = await this.runner.run([this.path, '-c', '-f', cfgPath], { timeoutMs: this.timeoutMs });
    if (result.code === 0) return { ok: true };
    if (result.code === 2) {
      return { ok: false, message: 'configuration has no listener at all, haproxy would not start' };
    }
    return { ok: false, message: alerts(result) || describe(result) || `haproxy -c ${exitOf(result)}` };
  }

  /**
   * `haproxy -W -D -S <master.sock> -p <pidfile> -f <cfg>`: the launcher forks a master that outlives the
   * agent and exits; its exit status tells whether the master and first worker came up. With `netns`,
   * prefixed by `ip netns exec <ns>`.
   */
  async startMasterWorker(
    paths: { cfg: string; masterSocket: string; pidFile: string },
    options: StartOptions = {},
  ): Promise<void> {
    const argv = [
      ...(options.netns === undefined
        ? []
        : [this.ipPath, 'netns', 'exec', assertNamespaceName(options.netns)]),
      this.path,
      '-W',
      '-D',
      '-S',
      `${paths.masterSocket},mode,600`,
      '-p',
      paths.pidFile,
      '-f',
      paths.cfg,
    ];
    const result = await this.runner.run(argv, { timeoutMs: this.timeoutMs });
    if (result.code !== 0) {
      throw new Error(`haproxy failed to start (${exitOf(result)}): ${alerts(result) || describe(result)}`);
    }
  }
}

function describe(result: RunResult): string {
  return `${result.stderr}\n${result.stdout}`.trim();
}

// HAProxy prints NOTICE/WARNING lines on every start; the ALERTs are the reason it failed.
function alerts(result: RunResult): string {
  return describe(result)
    .split('\n')
    .filter((line) => line.includes('[ALERT]'))
    .join('\n');
}

function exitOf(result: RunResult): string {
  if (result.timedOut) return 'timed out';
  return result.code === null ? `signal ${result.signal ?? '?'}` : `exit ${result.code}`;
}
