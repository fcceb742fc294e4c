import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DesiredState } from '@lbaas/core';
import { createStore } from '../store/create-store.js';
import { TestServer } from '../test-support/test-server.js';
import type { ProvisioningDriver } from './provisioning-driver.js';

const LB = '/load-balancer/v2.0/lbaas/loadbalancers';

/** A driver whose behaviour each test scripts. */
class ScriptedDriver implements ProvisioningDriver {
  readonly name = 'scripted';
  readonly calls: { kind: 'apply' | 'remove'; id: string; revision?: number }[] = [];
  constructor(private readonly behaviour: 'fail' | 'hang' | 'ok') {}
  async apply(desired: DesiredState, signal: AbortSignal): Promise<void> {
    this.calls.push({ kind: 'apply', id: desired.loadBalancer.id, revision: desired.revision });
    await this.act(signal);
  }
  async remove(id: string, signal: AbortSignal): Promise<void> {
    this.calls.push({ kind: 'remove', id });
    await this.act(signal);
  }
  private act(signal: AbortSignal): Promise<void> {
    if (this.behaviour === 'ok') return Promise.resolve();
    if (this.behaviour === 'fail') return Promise.reject(new Error('haproxy -c: config invalid'));
    return new Promise((_resolve, reject) =>
      signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }),
    );
  }
}

async function subnetId(s: TestServer): Promise<string> {
  const r = await s.json('GET', '/network/v2.0/subnets?name=lbaas-loopback-subnet');
  return (r.body.subnets as { id: string }[])[0]!.id;
}

async function createLb(s: TestServer): Promise<string> {
  const r = await s.json('POST', LB, { loadbalancer: { name: 'lb', vip_subnet_id: await subnetId(s) } });
  assert.equal(r.status, 201);
  return (r.body.loadbalancer as { id: string }).id;
}

test('a driver failure moves the load balancer and its pending children to ERROR', async () => {
  const driver = new ScriptedDriver('fail');
  const s = await TestServer.start({ driver });
  try {
    const sub = await subnetId(s);
    const r = await s.json('POST', LB, {
      loadbalancer: {
        vip_subnet_id: sub,
        listeners: [
          {
            protocol: 'HTTP',
            protocol_port: 80,
            default_pool: { name: 'p', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
          },
        ],
      },
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const id = (r.body.loadbalancer as { id: string }).id;
    await s.settle();
    const lb = (await s.json('GET', `${LB}/${id}`)).body.loadbalancer as {
      provisioning_status: string;
      listeners: { id: string }[];
    };
    assert.equal(lb.provisioning_status, 'ERROR');
    const listener = (await s.json('GET', `/load-balancer/v2.0/lbaas/listeners/${lb.listeners[0]!.id}`)).body
      .listener as { provisioning_status: string };
    assert.equal(listener.provisioning_status, 'ERROR');
    assert.deepEqual(driver.calls, [{ kind: 'apply', id, revision: 1 }]);
    // A child of an ERROR load balancer cannot change; the load balancer itself can still be deleted.
    const put = await s.json('PUT', `/load-balancer/v2.0/lbaas/listeners/${lb.listeners[0]!.id}`, {
      listener: { name: 'x' },
    });
    assert.equal(put.status, 409);
    assert.equal(put.body.faultstring, `Load Balancer ${id} is immutable and cannot be updated.`);
  } finally {
    await s.close();
  }
});

test('a driver that never answers times out into ERROR (nothing stays PENDING forever)', async () => {
  const s = await TestServer.start({ driver: new ScriptedDriver('hang'), config: { driverTimeoutMs: 50 } });
  try {
    const id = await createLb(s);
    await s.settle();
    const lb = (await s.json('GET', `${LB}/${id}`)).body.loadbalancer as { provisioning_status: string };
    assert.equal(lb.provisioning_status, 'ERROR');
  } finally {
    await s.close();
  }
});

test('a restarted server drives what was pending when the previous one stopped', async () => {
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  try {
    const first = await TestServer.start({
      store,
      driver: new ScriptedDriver('hang'),
      config: { driverTimeoutMs: 60_000 },
    });
    const id = await createLb(first);
    await first.close(); // aborts the in-flight apply: no completion is written
    const pending = (await store.read((tx) => tx.loadBalancers.get(id)))?.provisioning_status;
    assert.equal(pending, 'PENDING_CREATE');

    const driver = new ScriptedDriver('ok');
    const second = await TestServer.start({ store, driver });
    try {
      await second.settle();
      const lb = (await second.json('GET', `${LB}/${id}`)).body.loadbalancer as {
        provisioning_status: string;
      };
      assert.equal(lb.provisioning_status, 'ACTIVE');
      assert.deepEqual(driver.calls, [{ kind: 'apply', id, revision: 1 }]);
    } finally {
      await second.close();
    }
  } finally {
    await store.close();
  }
});

test('a deleted load balancer is removed from the data plane, then 404s and frees its VIP', async () => {
  const driver = new ScriptedDriver('ok');
  const s = await TestServer.start({ driver });
  try {
    const id = await createLb(s);
    await s.settle();
    const vip = ((await s.json('GET', `${LB}/${id}`)).body.loadbalancer as { vip_address: string })
      .vip_address;
    assert.equal((await s.request('DELETE', `${LB}/${id}`)).statusCode, 204);
    await s.settle();
    assert.equal((await s.json('GET', `${LB}/${id}`)).status, 404);
    assert.deepEqual(
      driver.calls.map((c) => c.kind),
      ['apply', 'remove'],
    );
    const again = await s.json('POST', LB, {
      loadbalancer: { vip_subnet_id: await subnetId(s), vip_address: vip },
    });
    assert.equal(again.status, 201);
  } finally {
    await s.close();
  }
});
