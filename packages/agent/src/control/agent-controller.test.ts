import assert from 'node:assert/strict';
import { test } from 'node:test';
// The real server, in-process, over real HTTP: the agent package does not depend on the server, only
// this test does.
import {
  activeMember,
  activeStack,
  API,
  createOne,
  getOne,
  str,
} from '../../../server/src/api/api-fixtures.js';
import { TestServer } from '../../../server/src/test-support/test-server.js';
import { AgentController } from './agent-controller.js';
import { FakeApplier, statRow, testControllerOptions } from './fake-applier-fixtures.js';

const AGENT_ID = '5f0c8f3e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';

/** Polls `check` until it stops throwing (bounded: fails after 10 s with the last assertion). */
async function eventually(check: () => Promise<void> | void): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

interface Rig {
  server: TestServer;
  url: string;
  applier: FakeApplier;
  controller: AgentController;
}

async function withAgent(
  fn: (rig: Rig) => Promise<void>,
  applier = new FakeApplier(),
  pacing: {
    statsIntervalMs?: number;
    healthPollMs?: number;
    agentHeartbeatMs?: number;
    pollWaitMs?: number;
  } = {},
): Promise<void> {
  const { agentHeartbeatMs, ...controllerPacing } = pacing;
  const server = await TestServer.start({
    config: {
      driver: 'agent',
      driverTimeoutMs: 10_000,
      ...(agentHeartbeatMs ? { agentHeartbeatMs } : {}),
    },
  });
  const url = await server.handle.app.listen({ host: '127.0.0.1', port: 0 });
  const controller = new AgentController(
    testControllerOptions(url, AGENT_ID, {
      applier,
      pollWaitMs: 5_000,
      ...controllerPacing,
    }),
  );
  controller.start();
  try {
    await controller.registered;
    await fn({ server, url, applier, controller });
  } finally {
    await controller.stop();
    await server.close();
  }
}

test('agent: LB create → applied → ACTIVE; member change → new revision; delete → removed → 404', () =>
  withAgent(async ({ server, applier }) => {
    const { lbId, listenerId, poolId } = await activeStack(server);
    assert.equal(
      (await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'ACTIVE',
    );
    const first = applier.running.get(lbId);
    assert.ok(first, 'the load balancer runs on the agent');
    assert.match(first.haproxyCfg, new RegExp(`frontend ${listenerId}`));
    assert.match(first.haproxyCfg, /\/var\/lib\/lbaas-test\//);

    const member = await activeMember(server, poolId, { address: '192.0.2.10', protocol_port: 8080 });
    const second = applier.running.get(lbId);
    assert.ok(second && second.revision > first.revision, 'a newer revision was applied');
    assert.match(second.haproxyCfg, new RegExp(`server ${str(member, 'id')} 192\\.0\\.2\\.10:8080`));
    assert.equal(
      (await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'ACTIVE',
    );

    const del = await server.json('DELETE', `${API}/loadbalancers/${lbId}?cascade=true`);
    assert.equal(del.status, 204);
    await server.settle();
    assert.equal((await server.json('GET', `${API}/loadbalancers/${lbId}`)).status, 404);
    assert.equal(applier.running.has(lbId), false);
    assert.deepEqual(await server.handle.store.read((tx) => tx.placements.get(lbId)), undefined);
  }));

test('agent: an apply error puts the load balancer in ERROR with the agent message', () =>
  withAgent(async ({ server, applier }) => {
    const { lbId } = await activeStack(server);
    applier.failWith = 'haproxy -c: [ALERT] parsing failed';
    await createOne(server, 'listeners', 'listener', {
      loadbalancer_id: lbId,
      protocol: 'TCP',
      protocol_port: 8443,
    });
    await server.settle();
    const lb = await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer');
    assert.equal(lb.provisioning_status, 'ERROR');
    const stored = await server.handle.store.read((tx) => tx.loadBalancers.get(lbId));
    assert.equal(stored?.last_error, 'haproxy -c: [ALERT] parsing failed');
  }));

test('agent: stats reports feed the stats API monotonically and drive operating statuses', () =>
  withAgent(async ({ server, applier }) => {
    const { lbId, listenerId, poolId } = await activeStack(server);
    const member = str(
      await activeMember(server, poolId, { address: '192.0.2.10', protocol_port: 80 }),
      'id',
    );
    const backend = `${poolId}:${listenerId}`;
    const rows = (bin: number, memberStatus: string) => [
      statRow({
        pxname: listenerId,
        svname: 'FRONTEND',
        type: 'frontend',
        status: 'OPEN',
        scur: 2,
        slim: 100,
        stot: 7,
        bin,
        bout: 2 * bin,
        ereq: 1,
      }),
      statRow({ pxname: backend, svname: 'BACKEND', type: 'backend', status: 'UP' }),
      statRow({ pxname: backend, svname: member, type: 'server', status: memberStatus }),
    ];
    const stats = async (path: string) =>
      (await server.json('GET', `${API}/${path}/stats`)).body['stats'] as Record<string, number>;

    applier.statRows.set(lbId, rows(100, 'no check'));
    await eventually(async () => {
      assert.deepEqual(await stats(`listeners/${listenerId}`), {
        bytes_in: 100,
        bytes_out: 200,
        active_connections: 2,
        total_connections: 7,
        request_errors: 1,
      });
      assert.equal(
        (await getOne(server, `pools/${poolId}/members/${member}`, 'member')).operating_status,
        'NO_MONITOR',
      );
      assert.equal(
        (await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer')).operating_status,
        'ONLINE',
      );
      assert.equal((await getOne(server, `listeners/${listenerId}`, 'listener')).operating_status, 'ONLINE');
      assert.equal((await getOne(server, `pools/${poolId}`, 'pool')).operating_status, 'ONLINE');
    });

    // A reload restarted the worker: raw counters dropped; the totals keep growing.
    applier.statRows.set(lbId, rows(30, 'DOWN'));
    await eventually(async () => {
      const lb = await stats(`loadbalancers/${lbId}`);
      assert.equal(lb.bytes_in, 130);
      assert.equal(lb.bytes_out, 260);
      assert.equal(lb.total_connections, 14);
      assert.equal(lb.active_connections, 2);
      assert.equal(
        (await getOne(server, `pools/${poolId}/members/${member}`, 'member')).operating_status,
        'ERROR',
      );
      assert.equal((await getOne(server, `pools/${poolId}`, 'pool')).operating_status, 'DEGRADED');
      assert.equal(
        (await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer')).operating_status,
        'DEGRADED',
      );
    });
    // Provisioning statuses are not the stats path's business.
    assert.equal(
      (await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status,
      'ACTIVE',
    );
  }));

test('agent: the network plan reaches the applier and every later converge re-applies it (repair)', () =>
  withAgent(
    async ({ server, url, applier, controller }) => {
      const { lbId } = await activeStack(server);
      const lb = await getOne(server, `loadbalancers/${lbId}`, 'loadbalancer');
      const first = applier.running.get(lbId);
      assert.ok(first?.network, 'the config carries a network plan');
      assert.equal(first.network.vip.address, lb.vip_address);
      assert.equal(first.network.vip.port_id, lb.vip_port_id);
      assert.equal(first.network.vip.subnet_id, lb.vip_subnet_id);
      assert.equal(first.network.vip.loopback, true, 'the built-in network is the loopback one');
      assert.match(first.network.vip.mac_address, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
      assert.deepEqual(first.network.floating_ips, []);
      // Nothing changes on the server, yet the next assignments answer (the long-poll's end) repairs.
      const applies = (): number => applier.calls.filter((c) => c.startsWith(`apply ${lbId} `)).length;
      const before = applies();
      await eventually(() => assert.ok(applies() > before, 'a repair apply follows'));
      assert.equal(applier.running.get(lbId)?.revision, first.revision, 'no new revision for a repair');
      await controller.stop();

      // A restarted agent (same host state) fetches the plan once and repairs with it.
      const again = new FakeApplier();
      again.running.set(lbId, { ...first, network: undefined });
      const restarted = new AgentController(
        testControllerOptions(url, AGENT_ID, { applier: again, pollWaitMs: 300 }),
      );
      restarted.start();
      try {
        await eventually(() => assert.deepEqual(again.running.get(lbId)?.network, first.network));
      } finally {
        await restarted.stop();
      }
    },
    new FakeApplier(),
    { pollWaitMs: 300 },
  ));

test('agent: load balancers on the host that are not assigned are removed (orphans)', async () => {
  const applier = new FakeApplier();
  applier.running.set('0e1d2c3b-4a59-4687-a9b8-c7d6e5f40312', {
    loadBalancerId: '0e1d2c3b-4a59-4687-a9b8-c7d6e5f40312',
    revision: 3,
    hash: 'abc',
    haproxyCfg: 'global\n',
  });
  await withAgent(async ({ applier: a }) => {
    await eventually(() => assert.equal(a.running.size, 0));
    assert.ok(a.calls.includes('remove 0e1d2c3b-4a59-4687-a9b8-c7d6e5f40312'));
  }, applier);
});

test('agent: a health change is reported at the next sample, not the next stats report', async () => {
  // Stats reports (= heartbeats) every 60 s: only the health sampling (every 20 ms) can deliver the
  // changes within `eventually`'s 10 s bound.
  await withAgent(
    async ({ server, applier }) => {
      const { lbId, listenerId, poolId } = await activeStack(server);
      const member = str(
        await activeMember(server, poolId, { address: '192.0.2.10', protocol_port: 80 }),
        'id',
      );
      const backend = `${poolId}:${listenerId}`;
      const rows = (memberStatus: string) => [
        statRow({ pxname: listenerId, svname: 'FRONTEND', type: 'frontend', status: 'OPEN' }),
        statRow({ pxname: backend, svname: 'BACKEND', type: 'backend', status: 'UP' }),
        statRow({ pxname: backend, svname: member, type: 'server', status: memberStatus }),
      ];
      const memberStatus = async () =>
        (await getOne(server, `pools/${poolId}/members/${member}`, 'member')).operating_status;
      applier.statRows.set(lbId, rows('UP'));
      await eventually(async () => assert.equal(await memberStatus(), 'ONLINE'));
      applier.statRows.set(lbId, rows('DOWN'));
      await eventually(async () => assert.equal(await memberStatus(), 'ERROR'));
      applier.statRows.set(lbId, rows('UP'));
      await eventually(async () => assert.equal(await memberStatus(), 'ONLINE'));
    },
    new FakeApplier(),
    { statsIntervalMs: 60_000, agentHeartbeatMs: 60_000, healthPollMs: 20 },
  );
});
