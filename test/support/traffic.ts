import { createServer, request, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The answer to one request sent through the load balancer. */
export interface ProbeResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  /** `backend` from the JSON body, when there is one. */
  backend: string | undefined;
  /** The parsed JSON body, when it is JSON. */
  json: Record<string, unknown> | undefined;
}

/**
 * One HTTP/1.1 GET on its own TCP connection (`Connection: close`, no agent), optionally from a given
 * loopback source address. Rejects on a socket error or after `timeoutMs`.
 */
export function httpGet(
  url: string,
  opts: { headers?: Record<string, string>; localAddress?: string; timeoutMs?: number } = {},
): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        agent: false,
        headers: { connection: 'close', ...opts.headers },
        ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> | undefined;
          try {
            json = JSON.parse(body) as Record<string, unknown>;
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            backend: typeof json?.backend === 'string' ? json.backend : undefined,
            json,
          });
        });
      },
    );
    req.setTimeout(opts.timeoutMs ?? 10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
export function setCookies(result: ProbeResult): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of result.headers['set-cookie'] ?? []) {
    const pair = line.split(';', 1)[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0) out.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
  return out;
}

/** A test backend: answers `{"backend": name, ...}`, can hold requests open and set an app cookie. */
export interface TestBackend {
  name: string;
  address: string;
  port: number;
  hits(): number;
  /** Requests being answered right now (held by `?delay=`). */
  inFlight(): number;
  /** Answers every held request now. */
  releaseAll(): void;
  close(): Promise<void>;
}

const MAX_DELAY_MS = 20_000;

/**
 * Starts a backend on `address` (loopback) and an ephemeral port. `GET /?delay=<ms>` holds the answer up to
 * `ms` (at most 20 s, or until `releaseAll()`); `setCookie` adds `Set-Cookie: <setCookie>=<name>` to
 * every answer (an application session cookie for APP_COOKIE persistence).
 */
export async function startTestBackend(
  name: string,
  opts: { address?: string; setCookie?: string } = {},
): Promise<TestBackend> {
  let hits = 0;
  const held = new Set<() => void>();
  const server = createServer((req, res) => {
    hits++;
    const url = new URL(req.url ?? '/', 'http://backend');
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, Number(url.searchParams.get('delay') ?? 0) || 0));
    const answer = (): void => reply(res, name, req.headers, opts.setCookie);
    if (delay === 0) {
      answer();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      held.delete(done);
      answer();
    };
    const timer = setTimeout(done, delay);
    held.add(done);
    res.on('close', () => {
      clearTimeout(timer);
      held.delete(done);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, opts.address ?? '127.0.0.1', () => resolve());
  });
  const info = server.address() as AddressInfo;
  return {
    name,
    address: info.address,
    port: info.port,
    hits: () => hits,
    inFlight: () => held.size,
    releaseAll: () => {
      for (const done of [...held]) done();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const done of [...held]) done();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, name: string, headers: IncomingHttpHeaders, cookie?: string): void {
  const body = JSON.stringify({ backend: name, cookie: headers.cookie ?? null });
  const out: Record<string, string | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  };
  if (cookie) out['set-cookie'] = `${cookie}=${name}; Path=/`;
  res.writeHead(200, out);
  res.end(body);
}

/** A loopback port nobody listens on right now (the kernel's pick), for a listener's protocol_port. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}
