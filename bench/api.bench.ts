// API benchmark (not part of `npm test`): POST /loadbalancers latency, and GET of a 100-load-balancer
// list with 1 and 8 concurrent clients, against a real listening server with the noop driver.
// Usage: npm run bench            (SQLite in a temp dir)
//        LBAAS_BENCH_DATABASE_URL=postgres://… npm run bench   (PostgreSQL)
import { composeServer, loadServerConfig } from '@lbaas/server';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const POSTS = 200;
const LIST_SIZE = 100;
const LIST_REQUESTS_SEQ = 300;
const LIST_REQUESTS_CONC = 1600;
const CONCURRENCY = 8;
const DEADLINE_MS = 120_000;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'lbaas-bench-'));
  const dbUrl = process.env.LBAAS_BENCH_DATABASE_URL;
  const config = loadServerConfig({ port: 0, stateDir, logLevel: 'silent' }, { ...(dbUrl ? { LBAAS_DATABASE_URL: dbUrl } : {}) });
  const server = await composeServer(config);
  const base = `${server.url}/load-balancer/v2.0/lbaas`;
  const deadline = Date.now() + DEADLINE_MS;
  const subnets = (await (await fetch(`${server.url}/network/v2.0/subnets?name=lbaas-loopback-subnet`)).json()) as { subnets: { id: string }[] };
  const subnetId = subnets.subnets[0]?.id;
  if (!subnetId) throw new Error('default subnet missing');

  const post = async (i: number): Promise<void> => {
    const res = await fetch(`${base}/loadbalancers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ loadbalancer: { name: `bench-${i}`, vip_subnet_id: subnetId } }),
    });
    if (res.status !== 201) throw new Error(`POST ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  const list = async (): Promise<void> => {
    const res = await fetch(`${base}/loadbalancers?limit=${LIST_SIZE}`);
    if (res.status !== 200) throw new Error(`GET ${res.status}`);
    await res.arrayBuffer();
  };

  for (let i = 0; i < 10; i++) await post(-i - 1); // warm-up
  const postTimes: number[] = [];
  for (let i = 0; i < POSTS && Date.now() < deadline; i++) postTimes.push(await timed(() => post(i)));
  postTimes.sort((a, b) => a - b);

  for (let i = 0; i < 20; i++) await list();
  const seqTimes: number[] = [];
  const seqStart = performance.now();
  for (let i = 0; i < LIST_REQUESTS_SEQ && Date.now() < deadline; i++) seqTimes.push(await timed(list));
  const seqRps = (seqTimes.length / (performance.now() - seqStart)) * 1000;
  seqTimes.sort((a, b) => a - b);

  let issued = 0;
  const concTimes: number[] = [];
  const concStart = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < LIST_REQUESTS_CONC && Date.now() < deadline) {
        issued++;
        concTimes.push(await timed(list));
      }
    }),
  );
  const concRps = (concTimes.length / (performance.now() - concStart)) * 1000;
  concTimes.sort((a, b) => a - b);

  await server.close();
  rmSync(stateDir, { recursive: true, force: true });

  const f = (n: number): string => n.toFixed(2).padStart(9);
  const rows = [
    ['POST /loadbalancers', postTimes.length, pct(postTimes, 50), pct(postTimes, 95), (postTimes.length / postTimes.reduce((a, b) => a + b, 0)) * 1000],
    [`GET list (${LIST_SIZE} LBs), 1 client`, seqTimes.length, pct(seqTimes, 50), pct(seqTimes, 95), seqRps],
    [`GET list (${LIST_SIZE} LBs), ${CONCURRENCY} clients`, concTimes.length, pct(concTimes, 50), pct(concTimes, 95), concRps],
  ] as const;
  console.log(`\nlbaas API benchmark — ${dbUrl ? 'PostgreSQL' : 'SQLite'}, noop driver, node ${process.version}\n`);
  console.log('| operation | requests | p50 ms | p95 ms | req/s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, n, p50, p95, rps] of rows) console.log(`| ${name} | ${n} | ${f(p50)} | ${f(p95)} | ${f(rps)} |`);
}

await main();
