import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = new URL('../..', import.meta.url).pathname;
const CLI = join(ROOT, 'packages/cli/bin/lbaas.js');
const DIST = join(ROOT, 'packages/cli/dist/main.js');

/** Throws a clear error when the compiled CLI is missing (the e2e tests run the built product). */
export function assertCliBuilt(): void {
  if (!existsSync(DIST)) {
    throw new Error(`${DIST} is missing: run \`npm run build\` first (scripts/test.sh does it in its setup)`);
  }
}

/** A fresh temporary state directory for one `lbaas up` (and its restarts). */
export function makeStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'lbaas-dp-'));
}

/**
 * A real `lbaas up` child process (API server + embedded agent running real HAProxy) on a free loopback
 * port, or a real `lbaas agent` (see `agent`). Unlike `LbaasProcess` the state dir belongs to the caller,
 * so a test can kill the process and start another one on the same state dir.
 */
export class LbaasUpProcess {
  private constructor(
    readonly url: string,
    readonly stateDir: string,
    private readonly child: ChildProcess,
    readonly logs: string[],
  ) {}

  /**
   * `lbaas up --port 0 --state-dir <stateDir> --log-level <level> [args...]`; resolves once it listens and
   * its embedded agent has registered. `args` are extra CLI arguments (e.g. `--network-mode netns`).
   */
  static start(
    stateDir: string,
    opts: { env?: Record<string, string>; logLevel?: string; args?: string[] } = {},
  ): Promise<LbaasUpProcess> {
    // `lbaas: listening on URL` comes before the embedded agent has registered; the banner
    // (`lbaas is up: URL`) comes after, and only then can a load balancer be provisioned.
    let listening: string | undefined;
    return LbaasUpProcess.spawn(
      'lbaas up',
      [
        'up',
        '--port',
        '0',
        '--state-dir',
        stateDir,
        '--log-level',
        opts.logLevel ?? 'warn',
        ...(opts.args ?? []),
      ],
      stateDir,
      // The e2e tests talk to the API without tokens: noauth unless the caller asks for keystone.
      { LBAAS_AUTH: 'noauth', ...opts.env },
      (line) => {
        const m = /lbaas: listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m?.[1]) listening = m[1];
        return listening && line.startsWith(`lbaas is up: ${listening}`) ? listening : undefined;
      },
    );
  }

  /**
   * A separate `lbaas agent --server <serverUrl> --state-dir <stateDir>` (the product path of a
   * multi-host deployment); resolves once it logged that it started. Its `url` is the server's.
   */
  static agent(stateDir: string, serverUrl: string): Promise<LbaasUpProcess> {
    return LbaasUpProcess.spawn(
      'lbaas agent',
      ['agent', '--server', serverUrl, '--state-dir', stateDir, '--log-level', 'info'],
      stateDir,
      // No credentials: the agent of a noauth server sends no token.
      { LBAAS_AUTH: 'noauth', LBAAS_AGENT_PASSWORD: '', LBAAS_AGENT_PASSWORD_FILE: '' },
      (line) => (line.includes('"msg":"agent started"') ? serverUrl : undefined),
    );
  }

  /** Spawns the CLI with `args`; resolves when `ready` returns the URL for a line of its output. */
  private static async spawn(
    what: string,
    args: string[],
    stateDir: string,
    env: Record<string, string>,
    ready: (line: string) => string | undefined,
  ): Promise<LbaasUpProcess> {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: string[] = [];
    const keep = (line: string): void => {
      logs.push(line);
      if (logs.length > 1000) logs.shift();
    };
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${what} did not start within 30 s:\n${logs.join('\n')}`)),
          30_000,
        );
        child.once('error', (err) => {
          clearTimeout(timer);
          reject(err);
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`${what} exited with ${code ?? signal}:\n${logs.join('\n')}`));
        });
        for (const stream of [child.stdout, child.stderr]) {
          createInterface({ input: stream! }).on('line', (line) => {
            keep(line);
            const url = ready(line);
            if (url) {
              clearTimeout(timer);
              resolve(url);
            }
          });
        }
      });
      return new LbaasUpProcess(url, stateDir, child, logs);
    } catch (err) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      throw err;
    }
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last `n` log lines, for assertion messages. */
  tail(n = 30): string {
    return this.logs.slice(-n).join('\n');
  }

  /** Sends SIGKILL (the control plane dies without any cleanup) and waits until the process is gone. */
  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL', 10_000);
  }

  /** SIGTERM, then SIGKILL after 10 s. The HAProxy processes survive by design; the state dir stays. */
  async stop(): Promise<void> {
    if (!this.running) return;
    const exited = this.signalAndWait('SIGTERM', 15_000);
    const timer = setTimeout(() => {
      if (this.running) this.child.kill('SIGKILL');
    }, 10_000);
    try {
      await exited;
    } finally {
      clearTimeout(timer);
    }
  }

  private async signalAndWait(signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
    if (!this.running) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`lbaas (pid ${this.pid}) did not exit after ${signal}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `<stateDir>/agent/lb/<lbId>`: where the embedded agent keeps one load balancer's HAProxy. */
export function lbDir(stateDir: string, lbId: string): string {
  return join(stateDir, 'agent', 'lb', lbId);
}

/** The HAProxy master PID of a load balancer, from its pid file (undefined when there is none). */
export function haproxyPid(stateDir: string, lbId: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(join(lbDir(stateDir, lbId), 'haproxy.pid'), 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** The PID of the HAProxy worker serving a load balancer (`show info` on its admin socket; bounded 5 s). */
export function haproxyWorkerPid(stateDir: string, lbId: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    let out = '';
    const socket = connect(join(lbDir(stateDir, lbId), 'haproxy.sock'));
    const timer = setTimeout(() => socket.destroy(), 5_000);
    socket.on('connect', () => socket.end('show info\n'));
    socket.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      const pid = /^Pid: (\d+)$/m.exec(out)?.[1];
      resolve(pid === undefined ? undefined : Number(pid));
    });
  });
}

/** True while `pid` is a live (non-zombie) process. */
export function processAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) S ..." — the state follows the last ')'.
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/** True when `pid` is a live HAProxy whose command line mentions `dir` (guards against PID reuse). */
function isOurHaproxy(pid: number, dir: string): boolean {
  if (!processAlive(pid)) return false;
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    return cmdline.includes('haproxy') && cmdline.includes(dir);
  } catch {
    return false;
  }
}

/**
 * Last-resort cleanup: stops every HAProxy master still listed in a pid file under `<stateDir>/agent/lb`
 * (by that PID only, after checking it is that load balancer's HAProxy), then removes the state dir.
 */
export async function cleanupStateDir(stateDir: string): Promise<void> {
  const base = join(stateDir, 'agent', 'lb');
  const pids: number[] = [];
  let dirs: string[] = [];
  try {
    dirs = readdirSync(base);
  } catch {
    // no agent state
  }
  for (const id of dirs) {
    const pid = haproxyPid(stateDir, id);
    if (pid !== undefined && isOurHaproxy(pid, join(base, id))) {
      try {
        process.kill(pid, 'SIGTERM');
        pids.push(pid);
      } catch {
        // already gone
      }
    }
  }
  const deadline = Date.now() + 5_000;
  while (pids.some(processAlive) && Date.now() < deadline) await sleep(100);
  for (const pid of pids.filter(processAlive)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  rmSync(stateDir, { recursive: true, force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
