import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * A real `lbaas server` child process on a free loopback port, with its own state dir. Its driver is the
 * default (agent) unless `env` sets LBAAS_DRIVER; its auth is noauth unless `env` (LBAAS_AUTH) or
 * `extraArgs` (`--auth keystone`) say otherwise.
 */
export class LbaasProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    readonly stateDir: string,
    readonly logs: string[],
  ) {}

  /** Starts the compiled CLI (`packages/cli/bin/lbaas.js server`) and waits until it listens. */
  static async start(
    env: Record<string, string> = {},
    logLevel = 'info',
    extraArgs: readonly string[] = [],
  ): Promise<LbaasProcess> {
    const stateDir = mkdtempSync(join(tmpdir(), 'lbaas-e2e-'));
    const child = spawn(
      process.execPath,
      [
        join(ROOT, 'packages/cli/bin/lbaas.js'),
        'server',
        '--port',
        '0',
        '--state-dir',
        stateDir,
        '--log-level',
        logLevel,
        ...extraArgs,
      ],
      {
        env: { ...process.env, LBAAS_AUTH: 'noauth', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Bounded: a long-running benchmark server must not grow this without limit.
    const logs: string[] = [];
    const keep = (line: string): void => {
      logs.push(line);
      if (logs.length > 500) logs.shift();
    };
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`lbaas server did not start:\n${logs.join('\n')}`)),
        30_000,
      );
      child.once('exit', (code) =>
        reject(new Error(`lbaas server exited with ${code}:\n${logs.join('\n')}`)),
      );
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream! }).on('line', (line) => {
          keep(line);
          const m = /lbaas: listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
          if (m?.[1]) {
            clearTimeout(timer);
            resolve(m[1]);
          }
        });
      }
    });
    return new LbaasProcess(url, child, stateDir, logs);
  }

  /** Stops the process (SIGTERM, then SIGKILL after 10 s) and removes its state dir. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
