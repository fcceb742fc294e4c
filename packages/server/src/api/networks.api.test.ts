import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  API,
  activeLb,
  arr,
  createLb,
  defaultSubnetId,
  expectFault,
  expectStatus,
  memberOf,
  obj,
  str,
  withServer,
} from './api-fixtures.js';
import { expectNeutronError } from './neutron-fixtures.js';

const NEUTRON_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

test('Neutron subset: the built-in network and subnet, by name and by id', async () => {
  await withServer(async (s) => {
    const nets = arr(
      expectStatus(await s.json('GET', '/network/v2.0/networks?name=lbaas-loopback'), 200),
      'networks',
    );
    assert.equal(nets.length, 1);
    const net = nets[0] ?? {};
    const subnetId = await defaultSubnetId(s);
    assert.equal(net.name, 'lbaas-loopback');
    assert.deepEqual(net.subnets, [subnetId]);
    assert.deepEqual(
      [net.shared, net.status, net.admin_state_up, net['router:external']],
      [true, 'ACTIVE', true, false],
    );
    assert.match(String(net.created_at), NEUTRON_TIME);

    const subnet = obj(expectStatus(await s.json('GET', `/network/v2.0/subnets/${subnetId}`), 200), 'subnet');
    assert.deepEqual(
      [subnet.name, subnet.network_id, subnet.cidr, subnet.ip_version, subnet.gateway_ip],
      ['lbaas-loopback-subnet', net.id, '127.77.0.0/16', 4, null],
    );
    assert.deepEqual(
      obj(expectStatus(await s.json('GET', `/network/v2.0/networks/${str(net, 'id')}`), 200), 'network'),
      net,
    );
    assert.deepEqual(
      arr(expectStatus(await s.json('GET', '/network/v2.0/subnets?name=nope'), 200), 'subnets'),
      [],
    );
    const missing = '99999999-9999-9999-9999-999999999999';
    expectNeutronError(
      await s.json('GET', `/network/v2.0/subnets/${missing}`),
      404,
      'SubnetNotFound',
      `Subnet ${missing} could not be found.`,
    );
    expectNeutronError(
      await s.json('GET', `/network/v2.0/networks/${missing}`),
      404,
      'NetworkNotFound',
      `Network ${missing} could not be found.`,
    );
  });
});

test('the same lookups under /load-balancer/v2.0 (openstack --os-auth-type none) and for a project member', async () => {
  await withServer(async (s) => {
    const subnetId = await defaultSubnetId(s);
    const viaLb = arr(
      expectStatus(await s.json('GET', '/load-balancer/v2.0/subnets?name=lbaas-loopback-subnet'), 200),
      'subnets',
    );
    assert.deepEqual(
      viaLb.map((x) => x.id),
      [subnetId],
    );
    const one = obj(
      expectStatus(await s.json('GET', `/load-balancer/v2.0/subnets/${subnetId}`), 200),
      'subnet',
    );
    assert.equal(one.id, subnetId);
    const nets = arr(
      expectStatus(await s.json('GET', '/load-balancer/v2.0/networks?name=lbaas-loopback'), 200),
      'networks',
    );
    assert.equal(nets.length, 1);
    // The built-in network is shared, so every project sees it.
    const member = arr(
      expectStatus(await s.json('GET', '/network/v2.0/subnets', undefined, memberOf('p9')), 200),
      'subnets',
    );
    assert.deepEqual(
      member.map((x) => x.id),
      [subnetId],
    );
    expectStatus(await s.json('GET', '/network/v2.0/extensions'), 200);
  });
});

test('VIP by vip_network_id picks the network subnet', async () => {
  await withServer(async (s) => {
    const net =
      arr(
        expectStatus(await s.json('GET', '/network/v2.0/networks?name=lbaas-loopback'), 200),
        'networks',
      )[0] ?? {};
    const lb = await createLb(s, { vip_network_id: net.id, vip_subnet_id: undefined });
    assert.deepEqual([lb.vip_network_id, lb.vip_subnet_id], [net.id, await defaultSubnetId(s)]);
    assert.match(String(lb.vip_address), /^127\.77\./);
  });
});

test('vip_address: used as given, taken address 409, outside the subnet 400, freed after delete', async () => {
  await withServer(async (s) => {
    const subnetId = await defaultSubnetId(s);
    const first = await createLb(s, { vip_address: '127.77.5.5' });
    assert.equal(first.vip_address, '127.77.5.5');
    await s.settle();
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, {
        loadbalancer: { vip_subnet_id: subnetId, vip_address: '127.77.5.5' },
      }),
      409,
      `The VIP IP address is already in use: IP address 127.77.5.5 already allocated in subnet ${subnetId}`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, {
        loadbalancer: { vip_subnet_id: subnetId, vip_address: '10.0.0.1' },
      }),
      400,
      'IP address 10.0.0.1 is not a valid IP for the specified subnet.',
    );
    const auto = await activeLb(s);
    const autoLb = obj(
      expectStatus(await s.json('GET', `${API}/loadbalancers/${auto}`), 200),
      'loadbalancer',
    );
    assert.notEqual(autoLb.vip_address, '127.77.5.5');
    expectStatus(await s.json('DELETE', `${API}/loadbalancers/${str(first, 'id')}`), 204);
    await s.settle();
    const again = await createLb(s, { vip_address: '127.77.5.5' });
    assert.equal(again.vip_address, '127.77.5.5');
  });
});

test('automatic VIPs are distinct', async () => {
  await withServer(async (s) => {
    const a = await createLb(s);
    const b = await createLb(s);
    assert.notEqual(a.vip_address, b.vip_address);
    assert.notEqual(a.vip_port_id, b.vip_port_id);
  });
});
