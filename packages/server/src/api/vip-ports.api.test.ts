import assert from 'node:assert/strict';
import { test } from 'node:test';
import { activeStack, API, expectFault, expectStatus, memberOf, obj, withServer } from './api-fixtures.js';
import { createNeutron, NEUTRON, networkWithSubnet } from './neutron-fixtures.js';

test('vip_port_id takes a user-created port; a port of another project or used by a device is refused', async () => {
  await withServer(async (s) => {
    const h = memberOf('p1');
    const { network, subnet } = await networkWithSubnet(s, '10.80.0.0/24', {}, h);
    const port = await createNeutron(
      s,
      'ports',
      { network_id: network.id, fixed_ips: [{ ip_address: '10.80.0.7' }] },
      h,
    );
    const lb = obj(
      expectStatus(
        await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_port_id: port.id } }, h),
        201,
      ),
      'loadbalancer',
    );
    assert.deepEqual(
      [lb.vip_address, lb.vip_subnet_id, lb.vip_network_id, lb.vip_port_id],
      ['10.80.0.7', subnet.id, network.id, port.id],
    );
    const claimed = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/ports/${String(port.id)}`, undefined, h), 200),
      'port',
    );
    assert.deepEqual([claimed.device_owner, claimed.device_id], ['Octavia', `lb-${String(lb.id)}`]);
    // The port is in use by that load balancer now.
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_port_id: port.id } }, h),
      400,
      `Port ${String(port.id)} is already used by device lb-${String(lb.id)}`,
    );
    const busy = await createNeutron(
      s,
      'ports',
      { network_id: network.id, device_id: 'vm-9', device_owner: 'compute:nova' },
      h,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_port_id: busy.id } }, h),
      400,
      `Port ${String(busy.id)} is already used by device vm-9`,
    );
    // Another project's port and private network are not usable.
    const p2 = memberOf('p2');
    const free = await createNeutron(s, 'ports', { network_id: network.id }, h);
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_port_id: free.id } }, p2),
      400,
      `Port ${String(free.id)} not found.`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_network_id: network.id } }, p2),
      400,
      `Network ${String(network.id)} not found.`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet.id } }, p2),
      400,
      `Subnet ${String(subnet.id)} not found.`,
    );
  });
});

test('vip_network_id / vip_address on a user network: taken by a port is 409, outside is 400', async () => {
  await withServer(async (s) => {
    const h = memberOf('p1');
    const { network, subnet } = await networkWithSubnet(s, '10.81.0.0/24', {}, h);
    await createNeutron(s, 'ports', { network_id: network.id, fixed_ips: [{ ip_address: '10.81.0.9' }] }, h);
    const post = (body: Record<string, unknown>) =>
      s.json('POST', `${API}/loadbalancers`, { loadbalancer: body }, h);
    expectFault(
      await post({ vip_network_id: network.id, vip_address: '10.81.0.9' }),
      409,
      `The VIP IP address is already in use: IP address 10.81.0.9 already allocated in subnet ${String(subnet.id)}`,
    );
    expectFault(
      await post({ vip_subnet_id: subnet.id, vip_address: '10.99.0.1' }),
      400,
      'IP address 10.99.0.1 is not a valid IP for the specified subnet.',
    );
    const lb = obj(expectStatus(await post({ vip_network_id: network.id }), 201), 'loadbalancer');
    // The VIP allocator takes the next address above the highest in use.
    assert.deepEqual([lb.vip_subnet_id, lb.vip_address], [subnet.id, '10.81.0.10']);
    const vipPort = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/ports/${String(lb.vip_port_id)}`, undefined, h), 200),
      'port',
    );
    assert.match(String(vipPort.mac_address), /^fa:16:3e(:[0-9a-f]{2}){3}$/);
  });
});

test('member subnet_id: must exist (404 like Octavia) and contain the address (400)', async () => {
  await withServer(async (s) => {
    const stack = await activeStack(s);
    const { subnet } = await networkWithSubnet(s, '10.82.0.0/24');
    const members = `${API}/pools/${stack.poolId}/members`;
    const missing = '99999999-9999-9999-9999-999999999999';
    expectFault(
      await s.json('POST', members, {
        member: { address: '10.82.0.5', protocol_port: 80, subnet_id: missing },
      }),
      404,
      `Subnet ${missing} not found.`,
    );
    expectFault(
      await s.json('POST', members, {
        member: { address: '10.83.0.5', protocol_port: 80, subnet_id: subnet.id },
      }),
      400,
      `Member address 10.83.0.5 is not in subnet ${String(subnet.id)} (10.82.0.0/24).`,
    );
    expectFault(
      await s.json('PUT', members, {
        members: [{ address: '10.83.0.5', protocol_port: 80, subnet_id: subnet.id }],
      }),
      400,
      `Member address 10.83.0.5 is not in subnet ${String(subnet.id)} (10.82.0.0/24).`,
    );
    const ok = obj(
      expectStatus(
        await s.json('POST', members, {
          member: { address: '10.82.0.5', protocol_port: 80, subnet_id: subnet.id },
        }),
        201,
      ),
      'member',
    );
    assert.equal(ok.subnet_id, subnet.id);
  });
});
