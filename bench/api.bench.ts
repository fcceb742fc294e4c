// API benchmark (not part of `npm test`): POST /loadbalancers latency, and GET of a 100-load-balancer
// list with 1 and 8 concurrent clients, against a real `lbaas server` process (compiled CLI, noop driver,
// logging at warn) — the load generator runs in this process, the server in its own.
// Usage: npm run build && npm run bench                     (SQLite in a temp dir)
//        LBAAS_DATABASE_URL=postgres://… npm run bench         (PostgreSQL)
//        LBAAS_BENCH_URL=http://127.0.0.1:9876 npm run bench   (a server you started, e.g. under a profiler)
import { spawnSync } from 'node:child_process';
import { Agent, request } from 'node:http';
import { LbaasProcess } from '../test/support/lbaas-process.js';

/** A lean keep-alive HTTP client, so the load generator costs the 2-core machine as little as possible. */
const agent = new Agent({ keepAlive: true, maxSockets: 16 });
function call(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The POST phase creates the load balancers the list phase lists: exactly LIST_SIZE in the listed project
// (as in Octavia's measurement), the rest in another project.
const LIST_SIZE = 100;
const POSTS = 400;
const LIST_REQUESTS_SEQ = 300;
const LIST_REQUESTS_CONC = 1600;
const CONCURRENCY = 8;
const DEADLINE_MS = 120_000;
/** The project's member lists its own load balancers (scoped list, as a tenant would). */
const LIST_AS = { 'x-project-id': 'default-project', 'x-roles': 'member' };

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const dbUrl = process.env.LBAAS_DATABASE_URL;
  const external = process.env.LBAAS_BENCH_URL;
  const server = external
    ? { url: external, stop: async () => undefined }
    : await LbaasProcess.start({ LBAAS_DRIVER: 'noop', LBAAS_AUTH: 'noauth' }, 'warn');
  const base = `${server.url}/load-balancer/v2.0/lbaas`;
  const deadline = Date.now() + DEADLINE_MS;
  const subnets = JSON.parse(
    (await call(`${server.url}/network/v2.0/subnets?name=lbaas-loopback-subnet`, 'GET', {})).text,
  ) as { subnets: { id: string }[] };
  const subnetId = subnets.subnets[0]?.id;
  if (!subnetId) throw new Error('default subnet missing');

  const post = async (i: number, headers: Record<string, string> = {}): Promise<void> => {
    const body = JSON.stringify({ loadbalancer: { name: `bench-${i}`, vip_subnet_id: subnetId } });
    const res = await call(
      `${base}/loadbalancers`,
      'POST',
      { 'content-type': 'application/json', ...headers },
      body,
    );
    if (res.status !== 201) throw new Error(`POST ${res.status}: ${res.text}`);
  };
  let listBytes = 0;
  const list = async (): Promise<void> => {
    const res = await call(`${base}/loadbalancers`, 'GET', LIST_AS);
    if (res.status !== 200 || res.text.length !== listBytes)
      throw new Error(`GET ${res.status}, ${res.text.length} bytes`);
  };

  // Warm-up (JIT, statement caches) in another project, so the list below holds exactly LIST_SIZE items.
  for (let i = 0; i < 10; i++) await post(-i - 1, { 'x-project-id': 'bench-warmup' });
  const postTimes: number[] = [];
  for (let i = 0; i < POSTS && Date.now() < deadline; i++) {
    const project = i < LIST_SIZE ? {} : { 'x-project-id': 'bench-other' };
    postTimes.push(await timed(() => post(i, project)));
  }
  postTimes.sort((a, b) => a - b);

  // Check once that the list holds exactly LIST_SIZE items; afterwards every response must have that size.
  const first = await call(`${base}/loadbalancers`, 'GET', LIST_AS);
  const count = (JSON.parse(first.text) as { loadbalancers: unknown[] }).loadbalancers.length;
  if (count !== LIST_SIZE) throw new Error(`listed ${count}, expected ${LIST_SIZE}`);
  listBytes = first.text.length;
  for (let i = 0; i < 20; i++) await list();
  const seqTimes: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < LIST_REQUESTS_SEQ && Date.now() < deadline; i++) seqTimes.push(await timed(list));
  const seqRps = (seqTimes.length / (performance.now() - seqStart)) * 1000;
  seqTimes.sort((a, b) => a - b);

  // 8 concurrent clients: wrk (Debian package, C) when installed, since a Node load generator sharing the
  // 2 cores saturates before the server does; otherwise the Node client.
  const concurrent = hasWrk() ? wrkList(`${base}/loadbalancers`) : await nodeConcurrentList(list, deadline);

  agent.destroy();
  await server.stop();

  const f = (n: number): string => n.toFixed(2).padStart(9);
  const rows = [
    [
      'POST /loadbalancers',
      postTimes.length,
      pct(postTimes, 50),
      pct(postTimes, 90),
      pct(postTimes, 99),
      (postTimes.length / postTimes.reduce((a, b) => a + b, 0)) * 1000,
    ],
    [
      `GET list (${LIST_SIZE} LBs), 1 client`,
      seqTimes.length,
      pct(seqTimes, 50),
      pct(seqTimes, 90),
      pct(seqTimes, 99),
      seqRps,
    ],
    [
      `GET list (${LIST_SIZE} LBs), ${CONCURRENCY} clients (${concurrent.tool})`,
      concurrent.requests,
      concurrent.p50,
      concurrent.p90,
      concurrent.p99,
      concurrent.rps,
    ],
  ] as const;
  console.log(
    `\nlbaas API benchmark — ${dbUrl ? 'PostgreSQL' : 'SQLite'}, noop driver, node ${process.version}\n`,
  );
  console.log('| operation | requests | p50 ms | p90 ms | p99 ms | req/s |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name, n, p50, p90, p99, rps] of rows)
    console.log(`| ${name} | ${n} | ${f(p50)} | ${f(p90)} | ${f(p99)} | ${f(rps)} |`);
}

interface ConcurrentResult {
  tool: string;
  requests: number;
  p50: number;
  p90: number;
  p99: number;
  rps: number;
}

function hasWrk(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** 10 s of wrk with 8 connections; parses its latency distribution and Requests/sec. */
function wrkList(url: string): ConcurrentResult {
  const args = ['-t2', `-c${CONCURRENCY}`, '-d10s', '--latency'];
  for (const [k, v] of Object.entries(LIST_AS)) args.push('-H', `${k}: ${v}`);
  const out = spawnSync('wrk', [...args, url], { encoding: 'utf8', timeout: 60_000 }).stdout;
  const ms = (label: string): number => {
    const m = new RegExp(`^\\s+${label}%\\s+([\\d.]+)(us|ms|s)`, 'm').exec(out);
    if (!m?.[1]) return NaN;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  if (errors) throw new Error(`wrk saw ${errors[1]} error responses`);
  return {
    tool: 'wrk',
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
    p50: ms('50'),
    p90: ms('90'),
    p99: ms('99'),
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
  };
}

async function nodeConcurrentList(list: () => Promise<void>, deadline: number): Promise<ConcurrentResult> {
  let issued = 0;
  const times: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < LIST_REQUESTS_CONC && Date.now() < deadline) {
        issued++;
        times.push(await timed(list));
      }
    }),
  );
  const rps = (times.length / (performance.now() - start)) * 1000;
  times.sort((a, b) => a - b);
  return {
    tool: 'node',
    requests: times.length,
    p50: pct(times, 50),
    p90: pct(times, 90),
    p99: pct(times, 99),
    rps,
  };
}

await main();
