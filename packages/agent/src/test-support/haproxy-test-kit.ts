// Helpers for tests that run real HAProxy on loopback: backends, free ports, small configs, cleanup by pid.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, get, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HaproxyApplier, type HaproxyApplierOptions } from '../apply/haproxy-applier.js';
import { HaproxyBinary } from '../haproxy/haproxy-binary.js';
import { HaproxyProcess } from '../haproxy/haproxy-process.js';
import { SystemClock } from '../system/clock.js';
import { NodeFileSystem } from '../system/file-system.js';
import { NodeProcessRunner } from '../system/process-runner.js';
import { LinuxProcessTable } from '../system/process-table.js';
import { NodeUnixSocketClient } from '../system/unix-socket-client.js';

const missingMessage = 'haproxy not installed (apt-get install haproxy)';

/** `skip` option for node:test: a reason when haproxy is missing, except under CI where missing must fail. */
export function skipWithoutHaproxy(): string | false {
  const found = spawnSync('haproxy', ['-v'], { stdio: 'ignore' }).status === 0;
  if (found) return false;
  if (process.env['CI']) throw new Error(missingMessage);
  return missingMessage;
}

/** sha256 hex, like the server's config hash. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A fresh temp dir; the returned function removes it. */
export async function tempDir(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'lbaas-agent-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** An ephemeral loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A tiny HTTP server on 127.0.0.1 that answers every request with its name. */
export interface TestBackend {
  name: string;
  port: number;
  close(): Promise<void>;
}

export async function startBackend(name: string): Promise<TestBackend> {
  const server: Server = createServer((_req, res) => {
    res.setHeader('connection', 'close');
    res.end(name);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    name,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** GET http://127.0.0.1:<port>/ on a fresh connection; resolves the body or rejects. */
export function httpGet(port: number, timeoutMs = 3_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

/** A server line of a test config. */
export interface TestServer {
  name: string;
  /** Default 127.0.0.1. */
  address?: string;
  port: number;
  weight?: number;
  disabled?: boolean;
}

/**
 * A minimal valid haproxy.cfg for one LB dir: admin stats socket, server-state file, one frontend (bound to
 * 127.0.0.1:<port>, or to `address:port` when a string is given) and one backend.
 */
export function testConfig(
  dir: string,
  frontend: number | string,
  servers: readonly TestServer[],
  extra = '',
): string {
  const serverLines = servers.map(
    (s) =>
      `    server ${s.name} ${s.address ?? '127.0.0.1'}:${s.port} weight ${s.weight ?? 1}${s.disabled ? ' disabled' : ''}`,
  );
  return [
    'global',
    `    stats socket ${dir}/haproxy.sock mode 600 level admin`,
    `    server-state-file ${dir}/server-state`,
    '    hard-stop-after 5s',
    'defaults',
    '    mode http',
    '    timeout connect 2s',
    '    timeout client 10s',
    '    timeout server 10s',
    '    load-server-state-from-file global',
    'frontend fe',
    `    bind ${typeof frontend === 'number' ? `127.0.0.1:${frontend}` : frontend}`,
    '    default_backend be',
    'backend be',
    '    balance roundrobin',
    ...serverLines,
    extra,
    '',
  ].join('\n');
}

function realDeps() {
  return {
    binary: new HaproxyBinary(new NodeProcessRunner()),
    fs: new NodeFileSystem(),
    sockets: new NodeUnixSocketClient(),
    processes: new LinuxProcessTable(),
    clock: new SystemClock(),
  };
}

/** An applier wired to the real system implementations (plus e.g. a network plumber). */
export function realApplier(baseDir: string, extra: Partial<HaproxyApplierOptions> = {}): HaproxyApplier {
  return new HaproxyApplier({ baseDir, ...realDeps(), ...extra });
}

/** A HaproxyProcess for one LB dir, wired to the real system implementations. */
export function realProcess(dir: string): HaproxyProcess {
  return new HaproxyProcess(dir, realDeps());
}

/** Last resort for test cleanup: SIGKILL the master recorded in `<dir>/haproxy.pid` (workers follow it). */
export async function killRecordedMaster(dir: string): Promise<void> {
  const text = await readFile(join(dir, 'haproxy.pid'), 'utf8').catch(() => '');
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(dir)) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** A deterministic UUID for tests. */
export function testLoadBalancerId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
