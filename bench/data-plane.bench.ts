// Data-plane benchmark (not part of `npm test`): through-LB req/s vs direct vs a hand-written HAProxy
// config for the same job (HTTP keep-alive and TCP), create → ACTIVE → first 200, and idle memory per LB.
// Needs wrk and haproxy (apt-get install wrk haproxy). Usage: npm run build && npm run bench:data-plane
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoBackend, type DemoBackend } from '../packages/cli/src/commands/demo-backends.js';
import { cleanupStateDir, LbaasUpProcess, makeStateDir } from '../test/support/lbaas-up-process.js';

const WRK_SECONDS = 5;
/** Interleaved wrk rounds per path; the table shows medians. */
const ROUNDS = 5;

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
const MEMORY_LBS = 10;

/** Runs wrk without blocking this process (the backends live in it). */
async function wrk(url: string): Promise<number> {
  const child = spawn('wrk', ['-t2', '-c16', `-d${WRK_SECONDS}s`, url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise((resolve) => child.once('exit', resolve));
  if (/Non-2xx|Socket errors/.test(out)) throw new Error(`errors during wrk against ${url}:\n${out}`);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  if (!(rps > 0)) throw new Error(`wrk against ${url} measured nothing:\n${out}`);
  return rps;
}

async function api(
  base: string,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/load-balancer/v2.0/lbaas${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
}

function get200(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false, timeout: 500 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function createLb(
  base: string,
  subnetId: string,
  backends: DemoBackend[],
  port: number,
  protocol: 'HTTP' | 'TCP',
): Promise<{ id: string; vip: string }> {
  const r = (await api(base, '/loadbalancers', 'POST', {
    loadbalancer: {
      vip_subnet_id: subnetId,
      listeners: [
        {
          protocol,
          protocol_port: port,
          default_pool: {
            name: `p-${port}`,
            protocol,
            lb_algorithm: 'ROUND_ROBIN',
            members: backends.map((b) => ({ address: b.address, protocol_port: b.port })),
          },
        },
      ],
    },
  })) as { loadbalancer: { id: string; vip_address: string } };
  return { id: r.loadbalancer.id, vip: r.loadbalancer.vip_address };
}

/** The health monitor of the detection measurement: DOWN after 2 failed checks 1 s apart, UP after 1. */
const MONITOR = { type: 'HTTP', delay: 1, timeout: 1, max_retries: 1, max_retries_down: 2, url_path: '/' };
const TRIALS = 3;

/** One server's status in HAProxy's own `show stat` (runtime API socket of the load balancer). */
function haproxyStatus(socket: string, server: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const conn = createConnection(socket);
    let out = '';
    conn.on('connect', () => conn.end('show stat\n'));
    conn.on('data', (d: Buffer) => (out += d.toString()));
    conn.on('error', () => resolve(undefined));
    conn.on('close', () => {
      const row = out.split('\n').find((l) => l.split(',')[1] === server);
      resolve(row?.split(',')[17]);
    });
  });
}

/** Polls `probe` every 10 ms until it is true (bounded at 30 s); the elapsed ms since `t0`. */
async function until(t0: number, probe: () => Promise<boolean>): Promise<number> {
  for (let i = 0; i < 3000; i++) {
    if (await probe()) return performance.now() - t0;
    await new Promise((r) => setTimeout(r, 10));
  }
  return NaN;
}

interface Detection {
  haproxyDown: number;
  apiError: number;
  haproxyUp: number;
  apiOnline: number;
  failed: number;
}

/**
 * Closes a backend of a monitored pool and times HAProxy marking it DOWN and the API showing ERROR, while
 * a client keeps requesting (failures counted); then restarts it and times UP / ONLINE.
 */
async function detection(base: string, lbRoot: string, subnetId: string): Promise<Detection[]> {
  const keep = await startDemoBackend('keep');
  let victim = await startDemoBackend('victim');
  const r = (await api(base, '/loadbalancers', 'POST', {
    loadbalancer: {
      vip_subnet_id: subnetId,
      listeners: [
        {
          protocol: 'HTTP',
          protocol_port: 8181,
          default_pool: {
            name: 'health',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: MONITOR,
            members: [keep, victim].map((b) => ({ name: b.name, address: b.address, protocol_port: b.port })),
          },
        },
      ],
    },
  })) as { loadbalancer: { id: string; vip_address: string; pools: { id: string }[] } };
  const lb = r.loadbalancer;
  const poolId = lb.pools[0]!.id;
  const socket = join(lbRoot, lb.id, 'haproxy.sock');
  const trials: Detection[] = [];
  try {
    const members = (await api(base, `/pools/${poolId}/members`)).members as { id: string; name: string }[];
    const victimId = members.find((m) => m.name === 'victim')!.id;
    const memberStatus = async (): Promise<string> =>
      ((await api(base, `/pools/${poolId}/members/${victimId}`)).member as { operating_status: string })
        .operating_status;
    await until(performance.now(), async () => (await memberStatus()) === 'ONLINE');
    for (let trial = 0; trial < TRIALS; trial++) {
      let failed = 0;
      let stop = false;
      const client = (async () => {
        for (let i = 0; i < 5000 && !stop; i++) {
          if (!(await get200(`http://${lb.vip_address}:8181/`))) failed++;
          await new Promise((res) => setTimeout(res, 10));
        }
      })();
      const port = victim.port;
      const t0 = performance.now();
      await victim.close();
      const [haproxyDown, apiError] = await Promise.all([
        until(t0, async () => (await haproxyStatus(socket, victimId))?.startsWith('DOWN') === true),
        until(t0, async () => (await memberStatus()) === 'ERROR'),
      ]);
      victim = await startDemoBackend('victim', '127.0.0.1', port);
      const t1 = performance.now();
      const [haproxyUp, apiOnline] = await Promise.all([
        until(t1, async () => (await haproxyStatus(socket, victimId)) === 'UP'),
        until(t1, async () => (await memberStatus()) === 'ONLINE'),
      ]);
      stop = true;
      await client;
      trials.push({ haproxyDown, apiError, haproxyUp, apiOnline, failed });
    }
  } finally {
    await api(base, `/loadbalancers/${lb.id}?cascade=true`, 'DELETE').catch(() => undefined);
    await keep.close();
    await victim.close();
  }
  return trials;
}

function rssKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

function haproxyPids(lbDir: string): number[] {
  const master = Number(readFileSync(join(lbDir, 'haproxy.pid'), 'utf8').trim());
  const children = readFileSync(`/proc/${master}/task/${master}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
  return [master, ...children];
}

function handWritten(dir: string, port: number, backends: DemoBackend[], mode: 'http' | 'tcp'): string {
  return [
    'global',
    '    maxconn 9000',
    `    stats socket ${dir}/hw.sock mode 600 level admin`,
    'defaults',
    `    mode ${mode}`,
    '    timeout connect 5s',
    '    timeout client 50s',
    '    timeout server 50s',
    ...(mode === 'http' ? ['    option http-keep-alive', '    http-reuse always'] : []),
    'frontend fe',
    `    bind 127.0.0.1:${port}`,
    '    default_backend be',
    'backend be',
    '    balance roundrobin',
    ...backends.map((b, i) => `    server s${i} ${b.address}:${b.port}`),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error || spawnSync('haproxy', ['-v']).error) {
    throw new Error('this benchmark needs wrk and haproxy (apt-get install wrk haproxy)');
  }
  const stateDir = makeStateDir();
  const server = await LbaasUpProcess.start(stateDir, { logLevel: 'warn', env: { LBAAS_AUTH: 'noauth' } });
  const work = mkdtempSync(join(tmpdir(), 'lbaas-dp-bench-'));
  const backends = [await startDemoBackend('b1'), await startDemoBackend('b2')];
  const hw: ChildProcess[] = [];
  const lbs: string[] = [];
  try {
    const subnets = (await (
      await fetch(`${server.url}/network/v2.0/subnets?name=lbaas-loopback-subnet`)
    ).json()) as { subnets: { id: string }[] };
    const subnetId = subnets.subnets[0]!.id;

    // create → ACTIVE → first 200 through the VIP
    const t0 = performance.now();
    const http = await createLb(server.url, subnetId, backends, 8080, 'HTTP');
    lbs.push(http.id);
    let active = NaN;
    for (let i = 0; i < 600 && Number.isNaN(active); i++) {
      const lb = (await api(server.url, `/loadbalancers/${http.id}`)).loadbalancer as {
        provisioning_status: string;
      };
      if (lb.provisioning_status === 'ACTIVE') active = performance.now() - t0;
      else await new Promise((r) => setTimeout(r, 5));
    }
    let first200 = NaN;
    for (let i = 0; i < 2000 && Number.isNaN(first200); i++) {
      if (await get200(`http://${http.vip}:8080/`)) first200 = performance.now() - t0;
    }

    const tcp = await createLb(server.url, subnetId, backends, 9090, 'TCP');
    lbs.push(tcp.id);
    for (let i = 0; i < 600; i++) {
      const lb = (await api(server.url, `/loadbalancers/${tcp.id}`)).loadbalancer as {
        provisioning_status: string;
      };
      if (lb.provisioning_status === 'ACTIVE') break;
      await new Promise((r) => setTimeout(r, 20));
    }

    // Hand-written expert configs for the same jobs, on 127.0.0.1.
    for (const [mode, port] of [
      ['http', 18080],
      ['tcp', 19090],
    ] as const) {
      const cfg = join(work, `${mode}.cfg`);
      writeFileSync(cfg, handWritten(work, port + 1, backends, mode).replace('hw.sock', `hw-${mode}.sock`));
      const check = spawnSync('haproxy', ['-c', '-f', cfg], { encoding: 'utf8' });
      if (check.status !== 0)
        throw new Error(`hand-written ${mode} config rejected:\n${check.stdout}${check.stderr}`);
      hw.push(spawn('haproxy', ['-db', '-f', cfg], { stdio: ['ignore', 'ignore', 'inherit'] }));
    }
    await new Promise((r) => setTimeout(r, 500));

    // Interleaved rounds, median per path: one 2-core VM drifts by ±20 % between single runs.
    const runs: Record<'direct' | 'lbHttp' | 'hwHttp' | 'lbTcp' | 'hwTcp', number[]> = {
      direct: [],
      lbHttp: [],
      hwHttp: [],
      lbTcp: [],
      hwTcp: [],
    };
    for (let round = 0; round < ROUNDS; round++) {
      runs.direct.push(await wrk(`http://${backends[0]!.address}:${backends[0]!.port}/`));
      // Which of the pair goes first alternates, so drift does not favour one side.
      const pair = async (a: () => Promise<void>, b: () => Promise<void>): Promise<void> => {
        if (round % 2 === 0) {
          await a();
          await b();
        } else {
          await b();
          await a();
        }
      };
      await pair(
        async () => void runs.lbHttp.push(await wrk(`http://${http.vip}:8080/`)),
        async () => void runs.hwHttp.push(await wrk('http://127.0.0.1:18081/')),
      );
      await pair(
        async () => void runs.lbTcp.push(await wrk(`http://${tcp.vip}:9090/`)),
        async () => void runs.hwTcp.push(await wrk('http://127.0.0.1:19091/')),
      );
    }
    const [direct, lbHttp, hwHttp, lbTcp, hwTcp] = [
      runs.direct,
      runs.lbHttp,
      runs.hwHttp,
      runs.lbTcp,
      runs.hwTcp,
    ].map(median) as [number, number, number, number, number];

    // Idle memory: MEMORY_LBS more load balancers, RSS of their master + worker.
    for (let i = 0; i < MEMORY_LBS; i++)
      lbs.push((await createLb(server.url, subnetId, backends, 7000 + i, 'HTTP')).id);
    for (let i = 0; i < 600; i++) {
      const list = (await api(server.url, '/loadbalancers')).loadbalancers as {
        provisioning_status: string;
      }[];
      if (list.every((l) => l.provisioning_status === 'ACTIVE')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const lbRoot = join(server.stateDir, 'agent', 'lb');
    const health = await detection(server.url, lbRoot, subnetId);
    const perLb = lbs
      .slice(2)
      .map((id) => haproxyPids(join(lbRoot, id)).reduce((a, pid) => a + rssKiB(pid), 0));
    const avgMiB = perLb.reduce((a, b) => a + b, 0) / perLb.length / 1024;

    const f = (n: number): string => n.toFixed(0);
    console.log(
      `\nlbaas data-plane benchmark — HAProxy ${spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).stdout.split(' ')[2]}, node backends ×2, wrk -t2 -c16 -d${WRK_SECONDS}s, median of ${ROUNDS} interleaved rounds\n`,
    );
    const all = (xs: number[]): string => xs.map(f).join(' / ');
    console.log('| path | req/s (median) | vs hand-written | rounds |');
    console.log('|---|---:|---:|---|');
    console.log(`| direct to one backend (HTTP) | ${f(direct)} | | ${all(runs.direct)} |`);
    console.log(
      `| through lbaas, HTTP listener (keep-alive) | ${f(lbHttp)} | ${(lbHttp / hwHttp).toFixed(3)}× | ${all(runs.lbHttp)} |`,
    );
    console.log(`| hand-written HAProxy, HTTP | ${f(hwHttp)} | 1.000× | ${all(runs.hwHttp)} |`);
    console.log(
      `| through lbaas, TCP listener | ${f(lbTcp)} | ${(lbTcp / hwTcp).toFixed(3)}× | ${all(runs.lbTcp)} |`,
    );
    console.log(`| hand-written HAProxy, TCP | ${f(hwTcp)} | 1.000× | ${all(runs.hwTcp)} |`);
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| POST (graph: LB + listener + pool + 2 members) → ACTIVE | ${active.toFixed(0)} ms |`);
    console.log(`| POST → first 200 through the VIP | ${first200.toFixed(0)} ms |`);
    console.log(
      `| idle memory per load balancer (master + worker RSS, ${perLb.length} LBs) | ${avgMiB.toFixed(1)} MiB |`,
    );
    const ms = (n: number): string =>
      Number.isNaN(n) ? 'not reached in 30 s' : `${(n / 1000).toFixed(2)} s`;
    console.log(
      `\nHealth detection: HTTP monitor delay ${MONITOR.delay} s, timeout ${MONITOR.timeout} s, max_retries_down ${MONITOR.max_retries_down}, max_retries ${MONITOR.max_retries}; a client requests every 10 ms throughout.`,
    );
    console.log(
      `Bounds: out within delay × max_retries_down + delay = ${MONITOR.delay * MONITOR.max_retries_down + MONITOR.delay} s; back within delay × max_retries + delay = ${MONITOR.delay * MONITOR.max_retries + MONITOR.delay} s.\n`,
    );
    console.log(
      '| trial | backend closed → HAProxy DOWN | → API member ERROR | restarted → HAProxy UP | → API ONLINE | failed requests |',
    );
    console.log('|---:|---:|---:|---:|---:|---:|');
    health.forEach((h, i) =>
      console.log(
        `| ${i + 1} | ${ms(h.haproxyDown)} | ${ms(h.apiError)} | ${ms(h.haproxyUp)} | ${ms(h.apiOnline)} | ${h.failed} |`,
      ),
    );
  } finally {
    for (const id of lbs)
      await api(server.url, `/loadbalancers/${id}?cascade=true`, 'DELETE').catch(() => undefined);
    for (let i = 0; i < 100; i++) {
      const left = readdirSync(join(server.stateDir, 'agent', 'lb'));
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const p of hw) p.kill('SIGTERM');
    await Promise.all(backends.map((b) => b.close()));
    await server.stop();
    await cleanupStateDir(stateDir);
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
