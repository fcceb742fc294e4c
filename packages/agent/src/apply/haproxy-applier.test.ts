import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { PING_CHECK_SCRIPT, PING_CHECK_SCRIPT_NAME } from '@lbaas/contract';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { HaproxyApplier } from './haproxy-applier.js';
import {
  freePort,
  httpGet,
  killRecordedMaster,
  realApplier,
  realProcess,
  sha256,
  skipWithoutHaproxy,
  startBackend,
  tempDir,
  testConfig,
  testLoadBalancerId,
  type TestBackend,
  type TestServer,
} from '../test-support/haproxy-test-kit.js';
import type { LoadBalancerConfig } from './load-balancer-config.js';

const skip = skipWithoutHaproxy();
const id = testLoadBalancerId(1);

interface Fixture {
  baseDir: string;
  dir: string;
  port: number;
  backends: TestBackend[];
  applier: HaproxyApplier;
  config(revision: number, servers: readonly TestServer[], extra?: string): LoadBalancerConfig;
}

/** Temp base dir, three backends, a frontend port; everything is torn down after the test, even on failure. */
async function fixture(t: TestContext): Promise<Fixture> {
  const base = await tempDir();
  const dir = join(base.path, id);
  const backends = [await startBackend('a'), await startBackend('b'), await startBackend('c')];
  const port = await freePort();
  const applier = realApplier(base.path);
  t.after(async () => {
    await applier.remove(id).catch(() => undefined);
    await killRecordedMaster(dir);
    await Promise.all(backends.map((b) => b.close()));
    await base.remove();
  });
  return {
    baseDir: base.path,
    dir,
    port,
    backends,
    applier,
    config(revision, servers, extra = '') {
      const haproxyCfg = testConfig(dir, port, servers, extra);
      return { loadBalancerId: id, revision, hash: sha256(haproxyCfg), haproxyCfg };
    },
  };
}

function servers(f: Fixture, names: string, options: Partial<TestServer> = {}): TestServer[] {
  return f.backends
    .filter((b) => names.includes(b.name))
    .map((b) => ({ name: b.name, port: b.port, ...options }));
}

async function bodies(port: number, count: number): Promise<string[]> {
  const result: string[] = [];
  for (let i = 0; i < count; i++) result.push(await httpGet(port));
  return result;
}

test(
  'start serves round robin; same hash is a no-op; changed backends reload without a failed request',
  { skip },
  async (t) => {
    const f = await fixture(t);
    await f.applier.apply(f.config(1, servers(f, 'ab')));
    assert.deepEqual((await bodies(f.port, 4)).sort(), ['a', 'a', 'b', 'b']);
    const [listed] = await f.applier.list();
    assert.ok(listed?.running);
    assert.deepEqual(listed, {
      loadBalancerId: id,
      revision: 1,
      hash: f.config(1, servers(f, 'ab')).hash,
      running: true,
      masterPid: listed.masterPid,
    });
    const process = realProcess(f.dir);
    const before = await process.showProc();

    await f.applier.apply(f.config(2, servers(f, 'ab')));
    assert.equal((await process.showProc()).masterReloads, before.masterReloads, 'same hash must not reload');
    assert.equal((await f.applier.list())[0]?.revision, 2);

    // Two clients send 200 requests in total; a reload is triggered after every 50 answers.
    let errors = 0;
    let sent = 0;
    const deadline = Date.now() + 30_000;
    const client = async (): Promise<void> => {
      while (sent < 200 && Date.now() < deadline) {
        sent++;
        await httpGet(f.port).catch(() => errors++);
      }
    };
    const traffic = Promise.all([client(), client()]);
    for (const [i, names] of ['abc', 'ac', 'bc'].entries()) {
      while (sent < 50 * (i + 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      await f.applier.apply(f.config(3 + i, servers(f, names)));
    }
    await traffic;
    assert.equal(sent, 200);
    assert.equal(errors, 0, `${errors} of ${sent} requests failed across reloads`);

    const after = await process.showProc();
    assert.equal(after.masterPid, before.masterPid, 'reload keeps the master');
    assert.equal(after.masterReloads, before.masterReloads + 3);
    assert.deepEqual([...new Set(await bodies(f.port, 4))].sort(), ['b', 'c']);
  },
);

test('an invalid config is rejected and the old one keeps serving', { skip }, async (t) => {
  const f = await fixture(t);
  const good = f.config(1, servers(f, 'ab'));
  await f.applier.apply(good);
  const pid = (await f.applier.list())[0]?.masterPid;

  const bad = f.config(2, servers(f, 'ab'), '    bogus-keyword here');
  await assert.rejects(f.applier.apply(bad), /haproxy rejected revision 2 .*bogus-keyword/s);
  assert.equal(readFileSync(join(f.dir, 'haproxy.cfg'), 'utf8'), good.haproxyCfg);
  assert.equal(existsSync(join(f.dir, 'haproxy.cfg.new')), false);
  assert.deepEqual(await f.applier.list(), [
    { loadBalancerId: id, revision: 1, hash: good.hash, running: true, masterPid: pid },
  ]);
  assert.deepEqual((await bodies(f.port, 2)).sort(), ['a', 'b']);
});

test('a config that passes -c but cannot load is rolled back to last-good', { skip }, async (t) => {
  const f = await fixture(t);
  const good = f.config(1, servers(f, 'ab'));
  await f.applier.apply(good);
  // A second frontend on a port someone else holds: valid syntax, fails only when binding during reload.
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  const address = holder.address();
  assert.ok(address !== null && typeof address === 'object');
  const clash = f.config(
    2,
    servers(f, 'abc'),
    `frontend clash\n    bind 127.0.0.1:${address.port}\n    default_backend be`,
  );

  await assert.rejects(f.applier.apply(clash), /reload failed.*previous configuration is serving again/s);
  assert.equal(readFileSync(join(f.dir, 'haproxy.cfg'), 'utf8'), good.haproxyCfg);
  assert.equal(readFileSync(join(f.dir, 'haproxy.cfg.last-good'), 'utf8'), good.haproxyCfg);
  assert.equal((await f.applier.list())[0]?.hash, good.hash);
  assert.deepEqual((await bodies(f.port, 4)).sort(), ['a', 'a', 'b', 'b']);
});

test('weight and disabled changes go through the runtime API without a reload', { skip }, async (t) => {
  const f = await fixture(t);
  await f.applier.apply(f.config(1, servers(f, 'abc')));
  const process = realProcess(f.dir);
  const before = await process.showProc();

  const [a, b, c] = servers(f, 'abc');
  assert.ok(a && b && c);
  const changed = f.config(2, [{ ...a, weight: 5 }, { ...b, disabled: true }, c]);
  await f.applier.apply(changed);

  const after = await process.showProc();
  assert.equal(after.masterReloads, before.masterReloads, 'no reload');
  assert.deepEqual(after.workers, before.workers, 'same worker');
  const rows = await f.applier.stats(id);
  const row = (name: string) => rows.find((r) => r.pxname === 'be' && r.svname === name);
  assert.equal(row('a')?.weight, 5);
  assert.equal(row('b')?.status, 'MAINT');
  assert.equal(row('c')?.weight, 1);
  assert.equal(readFileSync(join(f.dir, 'haproxy.cfg'), 'utf8'), changed.haproxyCfg);
  assert.equal((await f.applier.list())[0]?.hash, changed.hash);
  assert.ok(!(await bodies(f.port, 12)).includes('b'), 'disabled member gets no traffic');

  // A later full reload keeps the member in maintenance (config says disabled, server state agrees).
  await f.applier.apply(f.config(3, [{ ...a, weight: 5 }, { ...b, disabled: true }, c], '# reload'));
  assert.equal((await process.showProc()).masterReloads, before.masterReloads + 1);
  assert.equal((await f.applier.stats(id)).find((r) => r.svname === 'b')?.status, 'MAINT');

  // Re-enabling is hitless too.
  await f.applier.apply(f.config(4, [{ ...a, weight: 5 }, b, c], '# reload'));
  assert.equal((await process.showProc()).masterReloads, before.masterReloads + 1);
  assert.notEqual((await f.applier.stats(id)).find((r) => r.svname === 'b')?.status, 'MAINT');
});

test(
  'a restarted agent adopts the running process; remove stops it and deletes the dir',
  { skip },
  async (t) => {
    const f = await fixture(t);
    const first = f.config(1, servers(f, 'ab'));
    await f.applier.apply(first);
    const [listed] = await f.applier.list();
    assert.ok(listed);

    const restarted = realApplier(f.baseDir);
    assert.deepEqual(await restarted.list(), [listed]);
    const process = realProcess(f.dir);
    const reloads = (await process.showProc()).masterReloads;
    await restarted.apply(first);
    assert.equal((await process.showProc()).masterReloads, reloads, 'same hash after restart: no-op');
    await restarted.apply(f.config(2, servers(f, 'bc')));
    const now = await process.showProc();
    assert.equal(now.masterPid, listed.masterPid);
    assert.equal(now.masterReloads, reloads + 1);

    const stats = await restarted.stats(id);
    assert.deepEqual(
      stats.map((r) => `${r.pxname}/${r.svname}/${r.type}`),
      ['fe/FRONTEND/frontend', 'be/b/server', 'be/c/server', 'be/BACKEND/backend'],
    );
    const frontend = stats[0];
    assert.ok(frontend && frontend.status === 'OPEN' && frontend.slim !== null && frontend.stot >= 0);

    await restarted.remove(id);
    assert.equal(existsSync(f.dir), false);
    assert.equal(
      existsSync(`/proc/${listed.masterPid}/cmdline`) &&
        readFileSync(`/proc/${listed.masterPid}/cmdline`, 'utf8').includes(f.dir),
      false,
    );
    await assert.rejects(httpGet(f.port, 500));
    assert.deepEqual(await restarted.list(), []);
    await restarted.remove(id); // absent: no-op
  },
);

test('load balancer ids must be UUIDs', async () => {
  const applier = realApplier('/nonexistent-lbaas-base');
  for (const bad of [
    '../etc',
    'abc',
    '00000000-0000-4000-8000-00000000000A',
    '{00000000-0000-4000-8000-000000000001}',
  ]) {
    await assert.rejects(
      applier.apply({ loadBalancerId: bad, revision: 1, hash: 'x', haproxyCfg: '' }),
      /invalid load balancer id/,
    );
    await assert.rejects(applier.remove(bad), /invalid load balancer id/);
  }
});

test('the PING helper script is in place and a PING-checked server comes UP', { skip }, async (t) => {
  const f = await fixture(t);
  // The renderer's PING monitor shape (core/render): external-check through the agent-written script.
  const pingCfg = testConfig(f.dir, f.port, [])
    .replace('global\n', 'global\n    insecure-fork-wanted\n    external-check\n')
    .replace(
      'backend be\n    balance roundrobin\n',
      `backend be\n    balance roundrobin\n    option external-check\n    external-check command ${f.dir}/${PING_CHECK_SCRIPT_NAME}\n` +
        `    server a 127.0.0.1:${f.backends[0]!.port} check inter 200ms fall 2 rise 1\n`,
    );
  await f.applier.apply({ loadBalancerId: id, revision: 1, hash: sha256(pingCfg), haproxyCfg: pingCfg });
  const script = join(f.dir, PING_CHECK_SCRIPT_NAME);
  assert.equal(readFileSync(script, 'utf8'), PING_CHECK_SCRIPT);
  assert.equal(statSync(script).mode & 0o777, 0o755);
  let status = '';
  for (let i = 0; i < 50 && !status.startsWith('UP'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    const row = (await f.applier.stats(id)).find((r) => r.svname === 'a');
    status = `${row?.status ?? ''} ${row?.checkStatus ?? ''}`.trim();
  }
  assert.match(status, /^UP/, `server a should be UP by ICMP echo, was '${status}'`);
});
