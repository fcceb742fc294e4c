import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '@lbaas/core';
import { systemClock } from '../main.js';
import { AgentDriver, NO_ALIVE_AGENT } from '../reconciler/agent.driver.js';
import { AgentSignals } from '../services/agent-signals.js';
import { createStore } from '../store/create-store.js';
import { TestServer } from '../test-support/test-server.js';
import {
  API,
  createLb,
  expectFault,
  expectStatus,
  getOne,
  memberOf,
  readerOf,
  str,
  type Wire,
} from './api-fixtures.js';

const AGENT = '7d3c2b1a-0f9e-4d8c-b7a6-152433221100';
const AGENT_API = '/agent/v1';
const registration = { id: AGENT, host: 'host-1', base_dir: '/srv/lbaas', maxconn: 2000, version: '0.1.0' };

async function withAgentServer(fn: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await TestServer.start({ config: { driver: 'agent', driverTimeoutMs: 10_000 } });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/** Fails the test (instead of hanging) when `p` does not settle within 10 s. */
function bounded<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within 10 s`)), 10_000);
  });
  return Promise.race([p, limit]).finally(() => clearTimeout(timer));
}

async function register(s: TestServer): Promise<Wire> {
  return expectStatus(await s.json('POST', `${AGENT_API}/agents`, { agent: registration }), 200);
}

/** Plays the agent by hand: applies (reports ok) whatever is assigned and not applied yet. */
async function applyAssigned(s: TestServer, ok = true): Promise<void> {
  const a = expectStatus(await s.json('GET', `${AGENT_API}/agents/${AGENT}/assignments?wait_ms=0`), 200);
  const applied = [];
  for (const lb of a['load_balancers'] as { id: string; revision: number; hash: string }[]) {
    applied.push({
      load_balancer_id: lb.id,
      revision: lb.revision,
      hash: lb.hash,
      ok,
      ...(ok ? {} : { error: 'boom' }),
    });
  }
  const res = await s.request('POST', `${AGENT_API}/agents/${AGENT}/reports`, { report: { applied } });
  assert.equal(res.statusCode, 204, res.body);
}

test('agent API: registration answers with the liveness timing; admin only; validated', () =>
  withAgentServer(async (s) => {
    assert.deepEqual(await register(s), {
      agent: { ...registration, heartbeat_interval_ms: 3000, dead_after_ms: 15000 },
    });
    expectFault(
      await s.json('POST', `${AGENT_API}/agents`, { agent: registration }, memberOf('p1')),
      403,
      'Policy does not allow this request to be performed.',
    );
    const bad = await s.json('POST', `${AGENT_API}/agents`, { agent: { ...registration, base_dir: 'rel' } });
    assert.equal(bad.status, 400);
    expectFault(
      await s.json('GET', `${AGENT_API}/agents/${registration.id.replace('7', '8')}/assignments`),
      404,
      `Agent ${registration.id.replace('7', '8')} not found.`,
    );
    const report = await s.json('POST', `${AGENT_API}/agents/${registration.id.replace('7', '8')}/reports`, {
      report: {},
    });
    assert.equal(report.status, 404);
    assert.equal((await s.json('GET', `${AGENT_API}/agents/${AGENT}/assignments?wait_ms=99999`)).status, 400);
  }));

test('agent API: no alive agent until the driver deadline → the load balancer goes to ERROR', async () => {
  const s = await TestServer.start({ config: { driver: 'agent', driverTimeoutMs: 300 } });
  try {
    const lb = await createLb(s);
    await s.settle();
    const stored = await s.handle.store.read((tx) => tx.loadBalancers.get(str(lb, 'id')));
    assert.equal(stored?.provisioning_status, 'ERROR');
    assert.equal(stored?.last_error, NO_ALIVE_AGENT);
  } finally {
    await s.close();
  }
});

test('agent API: a load balancer created before any agent waits for one, then goes ACTIVE', () =>
  withAgentServer(async (s) => {
    const id = str(await createLb(s), 'id');
    const status = async () => (await getOne(s, `loadbalancers/${id}`, 'loadbalancer')).provisioning_status;
    // Bounded: the driver is waiting for an agent (its deadline is 10 s), nothing is placed.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await status(), 'PENDING_CREATE');
    assert.equal(await s.handle.store.read((tx) => tx.placements.get(id)), undefined);
    await register(s);
    const deadline = Date.now() + 5_000;
    while (!(await s.handle.store.read((tx) => tx.placements.get(id)))) {
      assert.ok(Date.now() < deadline, 'the load balancer was not placed on the new agent');
      await new Promise((r) => setTimeout(r, 20));
    }
    await applyAssigned(s);
    await s.settle();
    assert.equal(await status(), 'ACTIVE');
  }));

test('agent API: a long-poll wakes on a new assignment; config and applied report make it ACTIVE', () =>
  withAgentServer(async (s) => {
    await register(s);
    const first = expectStatus(await s.json('GET', `${AGENT_API}/agents/${AGENT}/assignments`), 200);
    assert.deepEqual(first, { generation: 0, load_balancers: [] });
    const poll = s.json('GET', `${AGENT_API}/agents/${AGENT}/assignments?after=0&wait_ms=30000`);
    const lbId = str(await createLb(s), 'id');
    const woke = expectStatus(await bounded(poll, 'the long-poll'), 200);
    assert.equal(woke['generation'], 1);
    const [entry] = woke['load_balancers'] as {
      id: string;
      revision: number;
      hash: string;
      deleted: boolean;
    }[];
    assert.equal(entry?.id, lbId);
    assert.equal(entry?.deleted, false);
    assert.match(entry?.hash ?? '', /^[0-9a-f]{64}$/);

    const config = expectStatus(
      await s.json('GET', `${AGENT_API}/agents/${AGENT}/load-balancers/${lbId}/config`),
      200,
    )['config'] as Wire;
    assert.equal(config['revision'], entry?.revision);
    assert.equal(config['hash'], entry?.hash);
    assert.match(String(config['haproxy_cfg']), new RegExp(`/srv/lbaas/${lbId}/`));
    await applyAssigned(s);
    await bounded(s.settle(), 'settle');
    assert.equal((await getOne(s, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
    // A timed-out long-poll answers with the unchanged list.
    const idle = expectStatus(
      await s.json('GET', `${AGENT_API}/agents/${AGENT}/assignments?after=1&wait_ms=1`),
      200,
    );
    assert.equal(idle['generation'], 1);
  }));

test('stats API: zeros without data, 404 for unknown ids, 403 for other projects', () =>
  withAgentServer(async (s) => {
    await register(s);
    const settleWithAgent = async (): Promise<void> => {
      const settled = s.settle();
      for (let i = 0; i < 50; i++) {
        await applyAssigned(s);
        const done = await Promise.race([
          settled.then(() => true),
          new Promise((r) => setTimeout(r, 20, false)),
        ]);
        if (done) return;
      }
      await bounded(settled, 'settle');
    };
    const lbId = str(await createLb(s), 'id');
    await settleWithAgent();
    const zeros = {
      bytes_in: 0,
      bytes_out: 0,
      active_connections: 0,
      total_connections: 0,
      request_errors: 0,
    };
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/loadbalancers/${lbId}/stats`), 200), {
      stats: zeros,
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    expectFault(
      await s.json('GET', `${API}/loadbalancers/${missing}/stats`),
      404,
      `Load Balancer ${missing} not found.`,
    );
    expectFault(
      await s.json('GET', `${API}/listeners/${missing}/stats`),
      404,
      `Listener ${missing} not found.`,
    );
    expectFault(
      await s.json('GET', `${API}/loadbalancers/${lbId}/stats`, undefined, readerOf('other')),
      403,
      'Policy does not allow this request to be performed.',
    );
    assert.equal((await s.json('GET', `/load-balancer/v2/lbaas/loadbalancers/${lbId}/stats`)).status, 200);
  }));

test('agent driver: a renderer DomainError rejects with its message (the LB goes to ERROR)', async () => {
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  const driver = new AgentDriver({
    store,
    clock: systemClock,
    signals: new AgentSignals(),
    render: () => {
      throw new DomainError('invalid', 'listener protocol UDP cannot be rendered');
    },
    deadAfterMs: 15_000,
    recheckMs: 50,
  });
  const s = await TestServer.start({ store, driver });
  try {
    await register(s);
    const lbId = str(await createLb(s), 'id');
    await bounded(s.settle(), 'settle');
    const stored = await store.read((tx) => tx.loadBalancers.get(lbId));
    assert.equal(stored?.provisioning_status, 'ERROR');
    assert.equal(stored?.last_error, 'listener protocol UDP cannot be rendered');
  } finally {
    await s.close();
    await store.close();
  }
});

test('agent driver: reports received by another server sharing the store complete the change', async () => {
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  const a = await TestServer.start({ store, config: { driver: 'agent', driverTimeoutMs: 10_000 } });
  const b = await TestServer.start({ store, config: { driver: 'agent', driverTimeoutMs: 10_000 } });
  try {
    await register(a);
    const { lbId } = await (async () => {
      const lb = await createLb(b);
      const settled = b.settle();
      // The agent talks to server a only; b notices through its periodic re-check of the store.
      for (let i = 0; i < 100; i++) {
        await applyAssigned(a);
        const done = await Promise.race([
          settled.then(() => true),
          new Promise((r) => setTimeout(r, 50, false)),
        ]);
        if (done) break;
      }
      await bounded(settled, 'settle on server b');
      return { lbId: str(lb, 'id') };
    })();
    assert.equal((await getOne(b, `loadbalancers/${lbId}`, 'loadbalancer')).provisioning_status, 'ACTIVE');
  } finally {
    await a.close();
    await b.close();
    await store.close();
  }
});
