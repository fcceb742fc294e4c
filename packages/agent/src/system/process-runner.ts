import { spawn } from 'node:child_process';

/** Outcome of a finished command; `code` is null when it was killed by a signal (e.g. on timeout). */
export interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Options of one command run. */
export interface RunOptions {
  /** Kill the command (SIGKILL) after this many milliseconds; default 30 000. */
  timeoutMs?: number;
  cwd?: string;
  /** Written to the command's stdin, which is then closed (stdin is /dev/null without it). */
  input?: string;
}

/** Runs programs. argv arrays only: nothing is ever interpreted by a shell. */
export interface ProcessRunner {
  /** Runs argv[0] with the rest as arguments to completion and captures its output. */
  run(argv: readonly string[], options?: RunOptions): Promise<RunResult>;
  /** Starts a daemon that must outlive this process (own session, no stdio); resolves with its pid. */
  spawnDetached(argv: readonly string[], options?: { cwd?: string }): Promise<number>;
}

// Output beyond this is dropped: a runaway child must not grow the agent's heap without bound.
const maxOutputBytes = 1024 * 1024;

/** ProcessRunner over node:child_process. */
export class NodeProcessRunner implements ProcessRunner {
  run(argv: readonly string[], options: RunOptions = {}): Promise<RunResult> {
    const [file, ...args] = argv;
    if (file === undefined) return Promise.reject(new Error('run: empty argv'));
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, {
        cwd: options.cwd,
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        shell: false,
      });
      if (options.input !== undefined && child.stdin !== null) {
        // A command that exits without reading its input must not crash the agent with EPIPE.
        child.stdin.on('error', () => undefined);
        child.stdin.end(options.input, 'utf8');
      }
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let outBytes = 0;
      let errBytes = 0;
      child.stdout?.on('data', (chunk: Buffer) => {
        if (outBytes < maxOutputBytes) out.push(chunk);
        outBytes += chunk.length;
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        if (errBytes < maxOutputBytes) err.push(chunk);
        errBytes += chunk.length;
      });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? 30_000);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve({
          code,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          timedOut,
        });
      });
    });
  }

  spawnDetached(argv: readonly string[], options: { cwd?: string } = {}): Promise<number> {
    const [file, ...args] = argv;
    if (file === undefined) return Promise.reject(new Error('spawnDetached: empty argv'));
    return new Promise((resolve, reject) => {
      const child = spawn(file, args, { cwd: options.cwd, detached: true, stdio: 'ignore', shell: false });
      child.once('error', reject);
      child.once('spawn', () => {
        child.unref();
        if (child.pid === undefined) reject(new Error(`spawnDetached: no pid for ${file}`));
        else resolve(child.pid);
      });
    });
  }
}
