// Helpers for privileged networking tests: real namespaces, veths and bridges with names the test run
// generates, each registered for cleanup the moment it is created (run in reverse, failures ignored).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { ProcessRunner, RunOptions, RunResult } from '../system/process-runner.js';
import { NodeProcessRunner } from '../system/process-runner.js';

/** `skip` option for node:test: a reason unless running as root with iproute2 and nftables. */
export function skipUnlessRoot(): string | false {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, bridges, nftables)';
  for (const tool of [
    ['ip', '-V'],
    ['nft', '--version'],
  ] as const) {
    if (spawnSync(tool[0], [tool[1]], { stdio: 'ignore' }).status !== 0) return `${tool[0]} not installed`;
  }
  return false;
}

/** A few random hex digits that make this run's names unique. */
export function runTag(bytes = 2): string {
  return randomBytes(bytes).toString('hex');
}

/** Runs a command synchronously; throws with its stderr when it fails. */
export function sh(...argv: string[]): string {
  const [file, ...args] = argv;
  const result = spawnSync(file ?? '', args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${argv.join(' ')}: ${result.stderr || result.error?.message || ''}`);
  return result.stdout;
}

/** Runs a command synchronously and ignores failures (cleanup). */
export function shQuiet(...argv: string[]): void {
  const [file, ...args] = argv;
  spawnSync(file ?? '', args, { stdio: 'ignore' });
}

/** Cleanup actions run in reverse order of registration, each failure ignored. */
export class Cleanup {
  private readonly actions: (() => void | Promise<void>)[] = [];

  add(action: () => void | Promise<void>): void {
    this.actions.push(action);
  }

  /** A namespace, deleted at cleanup. */
  netns(name: string): string {
    this.add(() => shQuiet('ip', 'netns', 'del', name));
    sh('ip', 'netns', 'add', name);
    sh('ip', '-n', name, 'link', 'set', 'lo', 'up');
    return name;
  }

  /** A bridge of the test's own (not marked as lbaas's), deleted at cleanup. */
  bridge(name: string): string {
    this.add(() => shQuiet('ip', 'link', 'del', 'dev', name));
    sh('ip', 'link', 'add', 'name', name, 'type', 'bridge');
    sh('ip', 'link', 'set', 'dev', name, 'up');
    return name;
  }

  /** A "machine" on a bridge: veth `hostName` ↔ `ifName` in `ns` with `cidr`, optionally a default route. */
  attach(ns: string, hostName: string, ifName: string, bridge: string, cidr: string, gateway?: string): void {
    this.add(() => shQuiet('ip', 'link', 'del', 'dev', hostName));
    sh('ip', 'link', 'add', 'name', hostName, 'type', 'veth', 'peer', 'name', ifName, 'netns', ns);
    sh('ip', 'link', 'set', 'dev', hostName, 'master', bridge, 'up');
    sh('ip', '-n', ns, 'link', 'set', 'dev', ifName, 'up');
    sh('ip', '-n', ns, 'addr', 'add', cidr, 'dev', ifName, 'nodad');
    if (gateway !== undefined) sh('ip', '-n', ns, 'route', 'add', 'default', 'via', gateway);
  }

  async run(): Promise<void> {
    for (const action of this.actions.splice(0).reverse()) {
      try {
        await action();
      } catch {
        // best effort: the next action may still succeed
      }
    }
  }
}

/** Starts an HTTP server inside `ns` answering every request with `body`; killed (by pid) at cleanup. */
export async function startHttpServerInNs(
  cleanup: Cleanup,
  ns: string,
  address: string,
  port: number,
  body: string,
): Promise<void> {
  const script =
    `require('node:http').createServer((q, s) => { s.setHeader('connection', 'close'); s.end(${JSON.stringify(body)}); })` +
    `.listen(${port}, ${JSON.stringify(address)}, () => console.log('ready'))`;
  const child: ChildProcess = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  cleanup.add(() => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`http server in ${ns} did not start`)), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`http server in ${ns} exited with ${code}`)));
  });
}

/** `curl` from inside a namespace; resolves the body, or undefined when the request failed. */
export function curlInNs(ns: string, url: string, timeoutSeconds = 3): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn('ip', ['netns', 'exec', ns, 'curl', '-sS', '-m', String(timeoutSeconds), url], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (code) => resolve(code === 0 ? out : undefined));
    child.on('error', () => resolve(undefined));
  });
}

/** A ProcessRunner that records every argv it runs (to prove that a steady-state ensure changes nothing). */
export class RecordingRunner implements ProcessRunner {
  readonly calls: string[][] = [];
  private readonly inner = new NodeProcessRunner();

  run(argv: readonly string[], options?: RunOptions): Promise<RunResult> {
    this.calls.push([...argv]);
    return this.inner.run(argv, options);
  }

  spawnDetached(argv: readonly string[], options?: { cwd?: string }): Promise<number> {
    this.calls.push([...argv]);
    return this.inner.spawnDetached(argv, options);
  }
}

/** Names of the host's links (`ip -br link`). */
export function hostLinkNames(): string[] {
  return sh('ip', '-br', 'link')
    .split('\n')
    .map((l) => (l.split(/\s+/)[0] ?? '').replace(/@.*$/, ''))
    .filter((n) => n !== '');
}

/** Names of the namespaces (`ip netns list`). */
export function namespaceNames(): string[] {
  return sh('ip', 'netns', 'list')
    .split('\n')
    .map((l) => l.split(' ')[0] ?? '')
    .filter((n) => n !== '');
}
