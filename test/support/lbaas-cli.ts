import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'packages/cli/bin/lbaas.js');

/** What one `lbaas …` run printed and how it ended. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the compiled `lbaas` CLI as a subprocess (stdin closed, stdout/stderr piped, so not a TTY) with
 * `env` on top of a clean environment: HOME and XDG_CACHE_HOME point at a private temporary directory and
 * no OS_* variable leaks in from the developer's shell. Bounded by `timeoutMs`.
 */
export function runLbaas(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('OS_') && !k.startsWith('LBAAS_')),
    );
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...clean, HOME: privateHome(), XDG_CACHE_HOME: join(privateHome(), '.cache'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

let home: string | undefined;
function privateHome(): string {
  return (home ??= mkdtempSync(join(tmpdir(), 'lbaas-cli-home-')));
}

/** Environment for talking to a noauth server at `serverUrl` (like `openstack --os-auth-type none`). */
export function noauthEnv(serverUrl: string): Record<string, string> {
  return { OS_AUTH_TYPE: 'none', OS_ENDPOINT: `${serverUrl}/load-balancer` };
}

/** Runs `lbaas …`, failing with the CLI's stderr when it does not exit 0; returns stdout. */
export async function lbaasOk(args: readonly string[], env: Record<string, string>): Promise<string> {
  const r = await runLbaas(args, env);
  if (r.status !== 0)
    throw new Error(`lbaas ${args.join(' ')} exited ${r.status}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Runs `lbaas … -f json` and parses stdout. */
export async function lbaasJson<T = Record<string, unknown>>(
  args: readonly string[],
  env: Record<string, string>,
): Promise<T> {
  return JSON.parse(await lbaasOk([...args, '-f', 'json'], env)) as T;
}
