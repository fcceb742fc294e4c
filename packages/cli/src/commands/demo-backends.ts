import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tiny HTTP backend that answers with its own name (what `lbaas up --demo` and the traffic tests use). */
export interface DemoBackend {
  name: string;
  address: string;
  port: number;
  /** Requests answered so far. */
  hits(): number;
  close(): Promise<void>;
}

/** Starts one backend on `address` (a loopback address) and an ephemeral or given port. */
export async function startDemoBackend(name: string, address = '127.0.0.1', port = 0): Promise<DemoBackend> {
  let count = 0;
  const server: Server = createServer((req, res) => {
    count++;
    const body = JSON.stringify({
      backend: name,
      path: req.url ?? '/',
      // Echoed so tests can see what the load balancer inserted.
      headers: {
        'x-forwarded-for': req.headers['x-forwarded-for'] ?? null,
        'x-forwarded-port': req.headers['x-forwarded-port'] ?? null,
        'x-forwarded-proto': req.headers['x-forwarded-proto'] ?? null,
        cookie: req.headers.cookie ?? null,
      },
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  const info = server.address() as AddressInfo;
  return {
    name,
    address,
    port: info.port,
    hits: () => count,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
