import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentNetworkPlan } from '@lbaas/contract';
import { isLoopbackAddress, LoopbackNetworkPlumber } from './loopback-network-plumber.js';

const lb = '00000000-0000-4000-8000-000000000001';

function plan(address: string, loopback: boolean): AgentNetworkPlan {
  return {
    vip: {
      address,
      ip_version: address.includes(':') ? 6 : 4,
      port_id: '00000000-0000-4000-8000-0000000000aa',
      mac_address: 'fa:16:3e:00:00:01',
      network_id: 'net-1',
      subnet_id: 'sub-1',
      cidr: '10.0.0.0/24',
      gateway_ip: null,
      mtu: 1500,
      loopback,
    },
    floating_ips: [
      {
        id: 'f',
        address: '203.0.113.7',
        network_id: 'ext',
        cidr: '203.0.113.0/24',
        gateway_ip: null,
        mtu: 1500,
      },
    ],
  };
}

test('loopback mode accepts 127.0.0.0/8 and ::1 only', () => {
  for (const ok of ['127.0.0.1', '127.77.0.5', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1']) {
    assert.equal(isLoopbackAddress(ok), true, ok);
  }
  for (const bad of ['10.0.0.1', '128.0.0.1', '::2', '::ffff:127.0.0.1', 'localhost', '127.0.0.01', '']) {
    assert.equal(isLoopbackAddress(bad), false, bad);
  }
});

test('loopback plumber: the loopback network (floating IPs ignored) or nothing; other networks are refused', async () => {
  const plumber = new LoopbackNetworkPlumber();
  assert.deepEqual(await plumber.ensure(lb, undefined), { namespaceCreated: false });
  assert.deepEqual(await plumber.ensure(lb, plan('127.77.0.5', true)), { namespaceCreated: false });
  assert.deepEqual(await plumber.ensure(lb, plan('127.77.0.6', false)), { namespaceCreated: false });
  await assert.rejects(plumber.ensure(lb, plan('10.0.0.5', false)), {
    message:
      'network mode loopback serves only the built-in loopback network (VIP 10.0.0.5 is on network net-1); ' +
      'start the agent with --network-mode netns or host',
  });
  await plumber.remove(lb);
  await plumber.collectGarbage([]);
});
