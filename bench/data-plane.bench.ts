// Data-plane benchmark (not part of `npm test`): through-LB req/s vs direct vs a hand-written HAProxy
// config for the same job (HTTP keep-alive and TCP), create → ACTIVE → first 200, and idle memory per LB.
// Needs wrk and haproxy (apt-get install wrk haproxy). Usage: npm run build && npm run bench:data-plane
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoBackend, type DemoBackend } from '../packages/cli/src/commands/demo-backends.js';
import { cleanupStateDir, LbaasUpProcess, makeStateDir } from '../test/support/lbaas-up-process.js';

const WRK_SECONDS = 8;
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
  const server = await LbaasUpProcess.start(stateDir, { logLevel: 'warn' });
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

    const direct = await wrk(`http://${backends[0]!.address}:${backends[0]!.port}/`);
    const lbHttp = await wrk(`http://${http.vip}:8080/`);
    const hwHttp = await wrk('http://127.0.0.1:18081/');
    const lbTcp = await wrk(`http://${tcp.vip}:9090/`);
    const hwTcp = await wrk('http://127.0.0.1:19091/');

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
    const perLb = lbs
      .slice(2)
      .map((id) => haproxyPids(join(lbRoot, id)).reduce((a, pid) => a + rssKiB(pid), 0));
    const avgMiB = perLb.reduce((a, b) => a + b, 0) / perLb.length / 1024;

    const f = (n: number): string => n.toFixed(0);
    console.log(
      `\nlbaas data-plane benchmark — HAProxy ${spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).stdout.split(' ')[2]}, node backends ×2, wrk -t2 -c16 -d${WRK_SECONDS}s\n`,
    );
    console.log('| path | req/s | vs hand-written |');
    console.log('|---|---:|---:|');
    console.log(`| direct to one backend (HTTP) | ${f(direct)} | |`);
    console.log(
      `| through lbaas, HTTP listener (keep-alive) | ${f(lbHttp)} | ${(lbHttp / hwHttp).toFixed(3)}× |`,
    );
    console.log(`| hand-written HAProxy, HTTP | ${f(hwHttp)} | 1.000× |`);
    console.log(`| through lbaas, TCP listener | ${f(lbTcp)} | ${(lbTcp / hwTcp).toFixed(3)}× |`);
    console.log(`| hand-written HAProxy, TCP | ${f(hwTcp)} | 1.000× |`);
    console.log('');
    console.log('| measure | value |');
    console.log('|---|---:|');
    console.log(`| POST (graph: LB + listener + pool + 2 members) → ACTIVE | ${active.toFixed(0)} ms |`);
    console.log(`| POST → first 200 through the VIP | ${first200.toFixed(0)} ms |`);
    console.log(
      `| idle memory per load balancer (master + worker RSS, ${perLb.length} LBs) | ${avgMiB.toFixed(1)} MiB |`,
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
