import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NO_ALIVE_AGENT } from '../reconciler/agent.driver.js';
import { TestServer } from '../test-support/test-server.js';
import { createLb, expectFault, expectStatus, memberOf, str, type Wire } from './api-fixtures.js';
import { ADMIN_PASSWORD, login, makeMember, tok, withKeystone } from './identity-fixtures.js';

const AGENTS = '/agent/v1/agents';
const POLICY = 'Policy does not allow this request to be performed.';
// A sorts before B by id but after it by host: the list order (host, id) and the placement tie-break (id)
// are told apart.
const A = '1a000000-0000-4000-8000-000000000001';
const B = '2b000000-0000-4000-8000-000000000002';
const registration = (id: string, host: string) => ({
  id,
  host,
  base_dir: '/srv/lbaas',
  maxconn: 2000,
  version: '0.1.0',
});

async function withAgentServer(fn: (s: TestServer) => Promise<void>, driverTimeoutMs = 10_000) {
  const s = await TestServer.start({ config: { driver: 'agent', driverTimeoutMs } });
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

async function register(s: TestServer, id: string, host: string): Promise<void> {
  expectStatus(await s.json('POST', AGENTS, { agent: registration(id, host) }), 200);
}

async function setAdminState(s: TestServer, id: string, up: boolean): Promise<Wire> {
  const res = await s.json('PUT', `${AGENTS}/${id}`, { agent: { admin_state_up: up } });
  return expectStatus(res, 200)['agent'] as Wire;
}

/** The agent a load balancer is placed on, once it is placed (fails after 5 s). */
async function placedOn(s: TestServer, lbId: string): Promise<string> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const placement = await s.handle.store.read((tx) => tx.placements.get(lbId));
    if (placement) return placement.agent_id;
    assert.ok(Date.now() < deadline, `load balancer ${lbId} was not placed`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('agent admin API: list (host, id order) and show with liveness and placed load balancers', () =>
  withAgentServer(async (s) => {
    assert.deepEqual(expectStatus(await s.json('GET', AGENTS), 200), { agents: [] });
    await register(s, A, 'host-b');
    // A silent agent: registered long ago, never heard of since.
    await s.handle.store.write((tx) =>
      tx.agents.upsert(
        { ...registration(B, 'host-a'), last_seen: '2024-01-01T00:00:00.000Z' },
        '2024-01-01T00:00:00',
      ),
    );
    const lbId = str(await createLb(s), 'id');
    assert.equal(await placedOn(s, lbId), A);

    const list = expectStatus(await s.json('GET', AGENTS), 200)['agents'] as Wire[];
    assert.deepEqual(
      list.map((a) => [a['id'], a['host'], a['alive'], a['admin_state_up'], a['load_balancers']]),
      [
        [B, 'host-a', false, true, []],
        [A, 'host-b', true, true, [lbId]],
      ],
    );
    const shown = expectStatus(await s.json('GET', `${AGENTS}/${A}`), 200);
    assert.deepEqual(Object.keys(shown), ['agent']);
    const agent = shown['agent'] as Wire;
    assert.deepEqual(agent, list[1]);
    assert.deepEqual(Object.keys(agent).sort(), [
      'admin_state_up',
      'alive',
      'base_dir',
      'created_at',
      'host',
      'id',
      'last_seen',
      'load_balancers',
      'maxconn',
      'version',
    ]);
    assert.equal(agent['base_dir'], '/srv/lbaas');
    assert.equal(agent['maxconn'], 2000);
    assert.equal(agent['version'], '0.1.0');
    assert.match(str(agent, 'last_seen'), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }));

test('agent admin API: PUT switches admin_state_up, survives re-registration; 404, 400, 405', () =>
  withAgentServer(async (s) => {
    await register(s, A, 'host-a');
    const disabled = await setAdminState(s, A, false);
    assert.equal(disabled['id'], A);
    assert.equal(disabled['admin_state_up'], false);
    assert.equal(disabled['alive'], true);
    // An agent restarting (re-registering) must not undo the operator's switch.
    await register(s, A, 'host-a');
    const shown = expectStatus(await s.json('GET', `${AGENTS}/${A}`), 200)['agent'] as Wire;
    assert.equal(shown['admin_state_up'], false);
    assert.equal((await setAdminState(s, A, true))['admin_state_up'], true);

    const unknown = A.replace('1a', '9f');
    expectFault(await s.json('GET', `${AGENTS}/${unknown}`), 404, `Agent ${unknown} not found.`);
    expectFault(
      await s.json('PUT', `${AGENTS}/${unknown}`, { agent: { admin_state_up: false } }),
      404,
      `Agent ${unknown} not found.`,
    );
    for (const body of [
      {},
      { agent: {} },
      { agent: { admin_state_up: 'maybe' } },
      { agent: { admin_state_up: false, host: 'elsewhere' } },
      { agent: { admin_state_up: false }, extra: 1 },
    ]) {
      const res = await s.json('PUT', `${AGENTS}/${A}`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body['faultcode'], 'Client', JSON.stringify(res.body));
    }
    assert.equal((await s.json('DELETE', `${AGENTS}/${A}`)).status, 405);
    const after = expectStatus(await s.json('GET', `${AGENTS}/${A}`), 200)['agent'] as Wire;
    assert.equal(after['admin_state_up'], true);
    assert.equal(after['host'], 'host-a');
  }));

test('agent admin API: admin only (noauth roles)', () =>
  withAgentServer(async (s) => {
    await register(s, A, 'host-a');
    const member = memberOf('p1');
    expectFault(await s.json('GET', AGENTS, undefined, member), 403, POLICY);
    expectFault(await s.json('GET', `${AGENTS}/${A}`, undefined, member), 403, POLICY);
    expectFault(
      await s.json('PUT', `${AGENTS}/${A}`, { agent: { admin_state_up: false } }, member),
      403,
      POLICY,
    );
    const shown = expectStatus(await s.json('GET', `${AGENTS}/${A}`), 200)['agent'] as Wire;
    assert.equal(shown['admin_state_up'], true);
  }));

test('agent admin API: admin only under keystone (no token 401, member 403, admin 200)', () =>
  withKeystone(async (s) => {
    assert.equal((await s.json('GET', AGENTS)).status, 401);
    const admin = (await login(s, 'admin', ADMIN_PASSWORD, 'admin')).token;
    await makeMember(s, admin, 'ua');
    const member = tok((await login(s, 'ua', 'ua-pw', 'p-ua')).token);
    expectFault(await s.json('GET', AGENTS, undefined, member), 403, POLICY);
    expectFault(await s.json('GET', `${AGENTS}/${A}`, undefined, member), 403, POLICY);
    expectFault(
      await s.json('PUT', `${AGENTS}/${A}`, { agent: { admin_state_up: false } }, member),
      403,
      POLICY,
    );
    assert.deepEqual(expectStatus(await s.json('GET', AGENTS, undefined, tok(admin)), 200), {
      agents: [],
    });
  }));

test('agent placement: a disabled agent gets no new load balancer, keeps its own; re-enabled it does', () =>
  withAgentServer(async (s) => {
    await register(s, A, 'host-a');
    await register(s, B, 'host-b');
    const first = str(await createLb(s), 'id');
    assert.equal(await placedOn(s, first), A, 'A wins the tie on id');

    await setAdminState(s, A, false);
    const second = str(await createLb(s), 'id');
    assert.equal(await placedOn(s, second), B);
    // Drained, not evacuated: the first load balancer stays where it runs.
    assert.equal(await placedOn(s, first), A);

    await setAdminState(s, B, false);
    const third = str(await createLb(s), 'id');
    // No enabled agent: the driver waits for one, as when none is alive.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(await s.handle.store.read((tx) => tx.placements.get(third)), undefined);

    const enabled = await setAdminState(s, A, true);
    assert.deepEqual(enabled['load_balancers'], [first]);
    assert.equal(await placedOn(s, third), A);
    const b = expectStatus(await s.json('GET', `${AGENTS}/${B}`), 200)['agent'] as Wire;
    assert.deepEqual(b['load_balancers'], [second]);
  }));

test('agent placement: with only a disabled agent the load balancer goes to ERROR at the deadline', () =>
  withAgentServer(async (s) => {
    await register(s, A, 'host-a');
    await setAdminState(s, A, false);
    const lbId = str(await createLb(s), 'id');
    await s.settle();
    const stored = await s.handle.store.read((tx) => tx.loadBalancers.get(lbId));
    assert.equal(stored?.provisioning_status, 'ERROR');
    assert.equal(stored?.last_error, NO_ALIVE_AGENT);
    assert.equal(await s.handle.store.read((tx) => tx.placements.get(lbId)), undefined);
  }, 300));
