import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, expectStatus, memberOf, obj, withServer, type Wire } from './api-fixtures.js';
import { createNeutron, expectNeutronError, NEUTRON, networkWithSubnet } from './neutron-fixtures.js';

const NEUTRON_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAC = /^fa:16:3e(:[0-9a-f]{2}){3}$/;

test('networks: create (201, Neutron shape), show, update (revision bumps), delete (204) then 404', async () => {
  await withServer(async (s) => {
    const net = await createNeutron(s, 'networks', { name: 'n1', description: 'd', tags: ['a', 'b'] });
    assert.deepEqual(
      { ...net, id: undefined, created_at: undefined, updated_at: undefined },
      {
        id: undefined,
        name: 'n1',
        description: 'd',
        tenant_id: 'default-project',
        project_id: 'default-project',
        admin_state_up: true,
        status: 'ACTIVE',
        subnets: [],
        shared: false,
        'router:external': false,
        mtu: 1500,
        availability_zone_hints: [],
        availability_zones: [],
        ipv4_address_scope: null,
        ipv6_address_scope: null,
        port_security_enabled: true,
        tags: ['a', 'b'],
        revision_number: 0,
        created_at: undefined,
        updated_at: undefined,
      },
    );
    assert.match(String(net.created_at), NEUTRON_TIME);
    const id = String(net.id);
    const updated = obj(
      expectStatus(
        await s.json('PUT', `${NEUTRON}/networks/${id}`, { network: { name: 'n2', mtu: 9000 } }),
        200,
      ),
      'network',
    );
    assert.deepEqual([updated.name, updated.mtu, updated.revision_number], ['n2', 9000, 1]);
    const shown = obj(expectStatus(await s.json('GET', `${NEUTRON}/networks/${id}`), 200), 'network');
    assert.deepEqual(shown, updated);
    expectStatus(await s.json('DELETE', `${NEUTRON}/networks/${id}`), 204);
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/networks/${id}`),
      404,
      'NetworkNotFound',
      `Network ${id} could not be found.`,
    );
  });
});

test('validation errors are 400 NeutronError bodies on both mounts, never Octavia faults or 500s', async () => {
  await withServer(async (s) => {
    for (const prefix of [NEUTRON, '/load-balancer/v2.0']) {
      expectNeutronError(
        await s.json('POST', `${prefix}/networks`, { network: { name: 'x', bogus: 1 } }),
        400,
        'HTTPBadRequest',
        "Unrecognized attribute(s) 'bogus'",
      );
      expectNeutronError(
        await s.json('POST', `${prefix}/networks`, { network: { name: 'x'.repeat(256) } }),
        400,
        'HTTPBadRequest',
        `Invalid input for name. Reason: '${'x'.repeat(256)}' exceeds maximum length of 255.`,
      );
      expectNeutronError(
        await s.json('POST', `${prefix}/networks`, { nets: {} }),
        400,
        'HTTPBadRequest',
        "Unable to find 'network' in request body",
      );
      expectNeutronError(
        await s.json('POST', `${prefix}/subnets`, { subnet: { cidr: '10.0.0.0/24', ip_version: 4 } }),
        400,
        'HTTPBadRequest',
        "Failed to parse request. Required attribute 'network_id' not specified",
      );
      expectNeutronError(
        await s.json('POST', `${prefix}/ports`, '{not json'),
        400,
        'MalformedRequestBody',
        'Malformed request body: Cannot understand JSON.',
      );
      expectNeutronError(
        await s.json('PUT', `${prefix}/networks/nope`, { network: { admin_state_up: 'maybe' } }),
        400,
        'HTTPBadRequest',
        "Invalid input for admin_state_up. Reason: 'maybe' is not a valid boolean value.",
      );
    }
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/routers`),
      404,
      'HTTPNotFound',
      'The resource could not be found.',
    );
    // The Octavia side keeps its fault bodies.
    const octavia = await s.json('GET', '/load-balancer/v2.0/lbaas/loadbalancers/nope');
    assert.equal(octavia.status, 404);
    assert.equal(typeof octavia.body.faultstring, 'string');
  });
});

test('subnets: defaults, explicit gateway/pools, ip_version 6, validation and overlap errors', async () => {
  await withServer(async (s) => {
    const { network, subnet } = await networkWithSubnet(s, '10.1.0.0/24', { subnet: { name: 's1' } });
    assert.deepEqual(
      [
        subnet.gateway_ip,
        subnet.allocation_pools,
        subnet.enable_dhcp,
        subnet.ip_version,
        subnet.revision_number,
      ],
      ['10.1.0.1', [{ start: '10.1.0.2', end: '10.1.0.254' }], true, 4, 0],
    );
    assert.deepEqual(
      [subnet.dns_nameservers, subnet.host_routes, subnet.ipv6_ra_mode, subnet.subnetpool_id],
      [[], [], null, null],
    );
    const net = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/networks/${String(network.id)}`), 200),
      'network',
    );
    assert.deepEqual(net.subnets, [subnet.id]);
    const netId = String(network.id);
    const custom = await createNeutron(s, 'subnets', {
      network_id: netId,
      cidr: '10.2.0.0/24',
      ip_version: 4,
      gateway_ip: '10.2.0.254',
      allocation_pools: [{ start: '10.2.0.10', end: '10.2.0.20' }],
      dns_nameservers: ['10.2.0.53'],
    });
    assert.deepEqual(
      [custom.gateway_ip, custom.allocation_pools, custom.dns_nameservers],
      ['10.2.0.254', [{ start: '10.2.0.10', end: '10.2.0.20' }], ['10.2.0.53']],
    );
    const noGw = await createNeutron(s, 'subnets', {
      network_id: netId,
      cidr: '10.3.0.0/29',
      ip_version: 4,
      gateway_ip: null,
    });
    assert.deepEqual(
      [noGw.gateway_ip, noGw.allocation_pools],
      [null, [{ start: '10.3.0.1', end: '10.3.0.6' }]],
    );
    const v6 = await createNeutron(s, 'subnets', { network_id: netId, cidr: 'fd00:1::/64', ip_version: 6 });
    assert.deepEqual([v6.gateway_ip, v6.ip_version], ['fd00:1::1', 6]);

    const post = (body: Wire) =>
      s.json('POST', `${NEUTRON}/subnets`, { subnet: { network_id: netId, ip_version: 4, ...body } });
    expectNeutronError(
      await post({ cidr: '10.1.0.128/25' }),
      400,
      'InvalidInput',
      `Invalid input for operation: Requested subnet with cidr: 10.1.0.128/25 for network: ${netId} overlaps with another subnet.`,
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.0/24', ip_version: 6 }),
      400,
      'InvalidInput',
      "Invalid input for operation: cidr '10.9.0.0/24' does not match the ip_version '6'.",
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.5/24' }),
      400,
      'HTTPBadRequest',
      "Invalid input for cidr. Reason: '10.9.0.5/24' isn't a recognized IP subnet cidr, '10.9.0.0/24' is recommended.",
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.0/24', gateway_ip: '10.8.0.1' }),
      400,
      'InvalidInput',
      'Invalid input for operation: Gateway is not valid on subnet.',
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.0/24', allocation_pools: [{ start: '10.9.1.1', end: '10.9.1.9' }] }),
      400,
      'OutOfBoundsAllocationPool',
      'The allocation pool 10.9.1.1-10.9.1.9 spans beyond the subnet cidr 10.9.0.0/24.',
    );
    expectNeutronError(
      await post({
        cidr: '10.9.0.0/24',
        allocation_pools: [
          { start: '10.9.0.10', end: '10.9.0.20' },
          { start: '10.9.0.15', end: '10.9.0.30' },
        ],
      }),
      409,
      'OverlappingAllocationPools',
      'Found overlapping allocation pools: 10.9.0.10-10.9.0.20 10.9.0.15-10.9.0.30 for subnet 10.9.0.0/24.',
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.0/24', allocation_pools: [{ start: '10.9.0.1', end: '10.9.0.20' }] }),
      409,
      'GatewayConflictWithAllocationPools',
      'Gateway ip 10.9.0.1 conflicts with allocation pool 10.9.0.1-10.9.0.20',
    );
    expectNeutronError(
      await post({ cidr: '10.9.0.0/24', network_id: 'missing' }),
      404,
      'NetworkNotFound',
      'Network missing could not be found.',
    );

    const sid = String(subnet.id);
    const upd = obj(
      expectStatus(
        await s.json('PUT', `${NEUTRON}/subnets/${sid}`, {
          subnet: { name: 'renamed', allocation_pools: [{ start: '10.1.0.100', end: '10.1.0.200' }] },
        }),
        200,
      ),
      'subnet',
    );
    assert.deepEqual(
      [upd.name, upd.allocation_pools, upd.revision_number],
      ['renamed', [{ start: '10.1.0.100', end: '10.1.0.200' }], 1],
    );
    expectNeutronError(
      await s.json('PUT', `${NEUTRON}/subnets/${sid}`, { subnet: { cidr: '10.7.0.0/24' } }),
      400,
      'HTTPBadRequest',
      "Unrecognized attribute(s) 'cidr'",
    );
    // Deleting the network removes its subnets.
    expectStatus(await s.json('DELETE', `${NEUTRON}/networks/${netId}`), 204);
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/subnets/${sid}`),
      404,
      'SubnetNotFound',
      `Subnet ${sid} could not be found.`,
    );
  });
});

test('ports: allocation from the first IPv4 subnet, explicit addresses, update re-allocates, delete frees', async () => {
  await withServer(async (s) => {
    const { network, subnet } = await networkWithSubnet(s, '10.5.0.0/24');
    const netId = String(network.id);
    const sid = String(subnet.id);
    await createNeutron(s, 'subnets', { network_id: netId, cidr: 'fd00:5::/64', ip_version: 6 });
    const p1 = await createNeutron(s, 'ports', { network_id: netId, name: 'p1' });
    assert.deepEqual(p1.fixed_ips, [{ subnet_id: sid, ip_address: '10.5.0.2' }]);
    assert.match(String(p1.mac_address), MAC);
    assert.deepEqual(
      [
        p1.status,
        p1.admin_state_up,
        p1.device_owner,
        p1['binding:vnic_type'],
        p1.security_groups,
        p1.revision_number,
      ],
      ['DOWN', true, '', 'normal', [], 0],
    );
    const p2 = await createNeutron(s, 'ports', {
      network_id: netId,
      fixed_ips: [{ subnet_id: sid, ip_address: '10.5.0.50' }],
      device_owner: 'compute:nova',
      device_id: 'vm-1',
    });
    assert.deepEqual(p2.fixed_ips, [{ subnet_id: sid, ip_address: '10.5.0.50' }]);
    assert.notEqual(p2.mac_address, p1.mac_address);
    const byAddress = await createNeutron(s, 'ports', {
      network_id: netId,
      fixed_ips: [{ ip_address: '10.5.0.51' }],
    });
    assert.deepEqual(byAddress.fixed_ips, [{ subnet_id: sid, ip_address: '10.5.0.51' }]);
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, {
        port: { network_id: netId, fixed_ips: [{ ip_address: '10.5.0.50' }] },
      }),
      409,
      'IpAddressAlreadyAllocated',
      `IP address 10.5.0.50 already allocated in subnet ${sid}`,
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, {
        port: { network_id: netId, fixed_ips: [{ subnet_id: sid, ip_address: '10.6.0.1' }] },
      }),
      400,
      'InvalidIpForSubnet',
      'IP address 10.6.0.1 is not a valid IP for the specified subnet.',
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, {
        port: { network_id: netId, fixed_ips: [{ ip_address: '10.6.0.1' }] },
      }),
      400,
      'InvalidIpForNetwork',
      'IP address 10.6.0.1 is not a valid IP for any of the subnets on the specified network.',
    );
    // Update: re-allocate (the old address is released, the new one taken).
    const moved = obj(
      expectStatus(
        await s.json('PUT', `${NEUTRON}/ports/${String(p2.id)}`, {
          port: { name: 'moved', fixed_ips: [{ subnet_id: sid, ip_address: '10.5.0.60' }] },
        }),
        200,
      ),
      'port',
    );
    assert.deepEqual(
      [moved.name, moved.fixed_ips, moved.revision_number],
      ['moved', [{ subnet_id: sid, ip_address: '10.5.0.60' }], 1],
    );
    const reuse = await createNeutron(s, 'ports', {
      network_id: netId,
      fixed_ips: [{ ip_address: '10.5.0.50' }],
    });
    assert.equal((reuse.fixed_ips as Wire[])[0]?.ip_address, '10.5.0.50');
    // Network and subnet in use.
    expectNeutronError(
      await s.json('DELETE', `${NEUTRON}/subnets/${sid}`),
      409,
      'SubnetInUse',
      `Unable to complete operation on subnet ${sid}: One or more ports have an IP allocation from this subnet.`,
    );
    expectNeutronError(
      await s.json('DELETE', `${NEUTRON}/networks/${netId}`),
      409,
      'NetworkInUse',
      `Unable to complete operation on network ${netId}. There are one or more ports still in use on the network.`,
    );
    for (const p of [p1, p2, byAddress, reuse])
      expectStatus(await s.json('DELETE', `${NEUTRON}/ports/${String(p.id)}`), 204);
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/ports/${String(p1.id)}`),
      404,
      'PortNotFound',
      `Port ${String(p1.id)} could not be found.`,
    );
    expectStatus(await s.json('DELETE', `${NEUTRON}/subnets/${sid}`), 204);
    expectStatus(await s.json('DELETE', `${NEUTRON}/networks/${netId}`), 204);
  });
});

test('IPAM is shared by ports and VIPs: a taken address conflicts both ways; a full subnet is a 409', async () => {
  await withServer(async (s) => {
    const { network, subnet } = await networkWithSubnet(s, '10.20.0.0/29');
    const netId = String(network.id);
    const sid = String(subnet.id);
    const lb = obj(
      expectStatus(
        await s.json('POST', '/load-balancer/v2.0/lbaas/loadbalancers', {
          loadbalancer: { vip_subnet_id: sid, vip_address: '10.20.0.3' },
        }),
        201,
      ),
      'loadbalancer',
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, {
        port: { network_id: netId, fixed_ips: [{ ip_address: '10.20.0.3' }] },
      }),
      409,
      'IpAddressAlreadyAllocated',
      `IP address 10.20.0.3 already allocated in subnet ${sid}`,
    );
    await createNeutron(s, 'ports', { network_id: netId, fixed_ips: [{ ip_address: '10.20.0.4' }] });
    const clash = await s.json('POST', '/load-balancer/v2.0/lbaas/loadbalancers', {
      loadbalancer: { vip_subnet_id: sid, vip_address: '10.20.0.4' },
    });
    assert.equal(clash.status, 409, JSON.stringify(clash.body));
    // The VIP port shows up as a port of the network, owned by Octavia.
    const vipPort = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/ports/${String(lb.vip_port_id)}`), 200),
      'port',
    );
    assert.deepEqual([vipPort.device_owner, vipPort.device_id], ['Octavia', `lb-${String(lb.id)}`]);
    expectNeutronError(
      await s.json('DELETE', `${NEUTRON}/ports/${String(lb.vip_port_id)}`),
      409,
      'PortInUse',
      `Port ${String(lb.vip_port_id)} is the VIP port of load balancer ${String(lb.id)}; delete the load balancer first.`,
    );
    // .1 is the gateway, .2-.6 the pool: .3 and .4 are taken, three remain.
    for (let i = 0; i < 3; i++) await createNeutron(s, 'ports', { network_id: netId });
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, { port: { network_id: netId } }),
      409,
      'IpAddressGenerationFailure',
      `No more IP addresses available on network ${netId}.`,
    );
    const full = await s.json('POST', '/load-balancer/v2.0/lbaas/loadbalancers', {
      loadbalancer: { vip_subnet_id: sid },
    });
    assert.equal(full.status, 409, JSON.stringify(full.body));
  });
});

test('the built-in network and subnet cannot be deleted; tags API works on all four resources', async () => {
  await withServer(async (s) => {
    const loop =
      arr(expectStatus(await s.json('GET', `${NEUTRON}/networks?name=lbaas-loopback`), 200), 'networks')[0] ??
      {};
    const del = await s.json('DELETE', `${NEUTRON}/networks/${String(loop.id)}`);
    assert.equal(del.status, 409);
    assert.equal((del.body.NeutronError as Wire).type, 'NetworkInUse');
    const sub = await s.json('DELETE', `${NEUTRON}/subnets/${String((loop.subnets as string[])[0])}`);
    assert.equal(sub.status, 409);

    const { network, subnet } = await networkWithSubnet(s, '10.30.0.0/24');
    const port = await createNeutron(s, 'ports', { network_id: network.id });
    for (const [collection, id] of [
      ['networks', network.id],
      ['subnets', subnet.id],
      ['ports', port.id],
    ] as const) {
      const base = `${NEUTRON}/${collection}/${String(id)}/tags`;
      assert.deepEqual(expectStatus(await s.json('PUT', base, { tags: ['x', 'y'] }), 200), {
        tags: ['x', 'y'],
      });
      assert.equal((await s.request('PUT', `${base}/z`)).statusCode, 201);
      assert.equal((await s.request('GET', `${base}/z`)).statusCode, 204);
      assert.deepEqual(expectStatus(await s.json('GET', base), 200), { tags: ['x', 'y', 'z'] });
      assert.equal((await s.request('DELETE', `${base}/x`)).statusCode, 204);
      const missing = await s.json('GET', `${base}/x`);
      assert.equal(missing.status, 404);
      assert.equal((missing.body.NeutronError as Wire).type, 'TagNotFound');
      assert.equal((await s.request('DELETE', base)).statusCode, 204);
      assert.deepEqual(expectStatus(await s.json('GET', base), 200), { tags: [] });
    }
    void memberOf;
  });
});
