import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, createLb, expectStatus, memberOf, obj, withServer, type Wire } from './api-fixtures.js';
import { createNeutron, expectNeutronError, NEUTRON, networkWithSubnet } from './neutron-fixtures.js';
import type { TestServer } from '../test-support/test-server.js';

const ADMIN = { 'x-project-id': 'admin-project', 'x-roles': 'admin' };

/** An external network 203.0.113.0/28 (admin) and a tenant network 10.40.0.0/24 of `project`. */
async function topology(s: TestServer, project = 'p1') {
  const ext = await networkWithSubnet(s, '203.0.113.0/28', { network: { 'router:external': true } }, ADMIN);
  const tenant = await networkWithSubnet(s, '10.40.0.0/24', {}, memberOf(project));
  return { ext, tenant };
}

test('floating IPs: create on an external network, associate, re-associate, disassociate, delete', async () => {
  await withServer(async (s) => {
    const { ext, tenant } = await topology(s);
    const h = memberOf('p1');
    const fip = await createNeutron(
      s,
      'floatingips',
      { floating_network_id: ext.network.id, description: 'f' },
      h,
    );
    assert.deepEqual(
      [
        fip.floating_ip_address,
        fip.status,
        fip.port_id,
        fip.fixed_ip_address,
        fip.router_id,
        fip.port_details,
      ],
      ['203.0.113.2', 'DOWN', null, null, null, null],
    );
    assert.deepEqual(
      [fip.project_id, fip.tenant_id, fip.dns_domain, fip.qos_policy_id, fip.revision_number],
      ['p1', 'p1', '', null, 0],
    );
    const fipId = String(fip.id);
    // The address is held by an internal port on the external network (same IPAM as every port).
    const fipPorts = arr(
      expectStatus(await s.json('GET', `${NEUTRON}/ports?device_id=${fipId}`, undefined, ADMIN), 200),
      'ports',
    );
    assert.deepEqual(
      fipPorts.map((p) => [p.device_owner, (p.fixed_ips as Wire[])[0]?.ip_address]),
      [['network:floatingip', '203.0.113.2']],
    );
    expectNeutronError(
      await s.json(
        'POST',
        `${NEUTRON}/ports`,
        {
          port: { network_id: ext.network.id, fixed_ips: [{ ip_address: '203.0.113.2' }] },
        },
        ADMIN,
      ),
      409,
      'IpAddressAlreadyAllocated',
      `IP address 203.0.113.2 already allocated in subnet ${String(ext.subnet.id)}`,
    );
    expectNeutronError(
      await s.json('DELETE', `${NEUTRON}/ports/${String(fipPorts[0]?.id)}`, undefined, ADMIN),
      409,
      'L3PortInUse',
      `Port ${String(fipPorts[0]?.id)} has owner network:floatingip and therefore cannot be deleted directly via the port API.`,
    );

    const a = await createNeutron(s, 'ports', { network_id: tenant.network.id, name: 'a' }, h);
    const b = await createNeutron(s, 'ports', { network_id: tenant.network.id, name: 'b' }, h);
    const put = (body: Wire) => s.json('PUT', `${NEUTRON}/floatingips/${fipId}`, { floatingip: body }, h);
    const assoc = obj(expectStatus(await put({ port_id: a.id }), 200), 'floatingip');
    assert.deepEqual(
      [assoc.port_id, assoc.fixed_ip_address, assoc.status, assoc.revision_number],
      [a.id, (a.fixed_ips as Wire[])[0]?.ip_address, 'ACTIVE', 1],
    );
    assert.deepEqual(assoc.port_details, {
      name: 'a',
      network_id: tenant.network.id,
      mac_address: a.mac_address,
      admin_state_up: true,
      status: 'DOWN',
      device_id: '',
      device_owner: '',
    });
    const again = obj(expectStatus(await put({ port_id: b.id }), 200), 'floatingip');
    assert.equal(again.port_id, b.id);
    const listed = arr(
      expectStatus(await s.json('GET', `${NEUTRON}/floatingips?port_id=${String(b.id)}`, undefined, h), 200),
      'floatingips',
    );
    assert.deepEqual(
      listed.map((x) => x.id),
      [fipId],
    );
    const off = obj(expectStatus(await put({ port_id: null }), 200), 'floatingip');
    assert.deepEqual(
      [off.port_id, off.fixed_ip_address, off.status, off.port_details],
      [null, null, 'DOWN', null],
    );

    // Deleting an associated port disassociates its floating IP.
    expectStatus(await put({ port_id: a.id }), 200);
    expectStatus(await s.json('DELETE', `${NEUTRON}/ports/${String(a.id)}`, undefined, h), 204);
    const after = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/floatingips/${fipId}`, undefined, h), 200),
      'floatingip',
    );
    assert.deepEqual([after.port_id, after.status], [null, 'DOWN']);

    expectStatus(await s.json('DELETE', `${NEUTRON}/floatingips/${fipId}`, undefined, h), 204);
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/floatingips/${fipId}`, undefined, h),
      404,
      'FloatingIPNotFound',
      `Floating IP ${fipId} could not be found`,
    );
    // The address went back to the pool.
    const next = await createNeutron(s, 'floatingips', { floating_network_id: ext.network.id }, h);
    assert.equal(next.floating_ip_address, '203.0.113.2');
  });
});

test('floating IP rules: external network only, IPv4 fixed IP, one per fixed IP, same project, pool exhaustion', async () => {
  await withServer(async (s) => {
    const { ext, tenant } = await topology(s);
    const h = memberOf('p1');
    expectNeutronError(
      await s.json(
        'POST',
        `${NEUTRON}/floatingips`,
        { floatingip: { floating_network_id: tenant.network.id } },
        h,
      ),
      400,
      'BadRequest',
      `Bad floatingip request: Network ${String(tenant.network.id)} is not a valid external network.`,
    );
    await createNeutron(
      s,
      'subnets',
      { network_id: tenant.network.id, cidr: 'fd00:40::/64', ip_version: 6 },
      h,
    );
    const two = await createNeutron(
      s,
      'ports',
      {
        network_id: tenant.network.id,
        fixed_ips: [{ ip_address: '10.40.0.10' }, { ip_address: '10.40.0.11' }],
      },
      h,
    );
    const v6 = await createNeutron(
      s,
      'ports',
      { network_id: tenant.network.id, fixed_ips: [{ ip_address: 'fd00:40::10' }] },
      h,
    );
    const create = (body: Wire, headers = h) =>
      s.json(
        'POST',
        `${NEUTRON}/floatingips`,
        { floatingip: { floating_network_id: ext.network.id, ...body } },
        headers,
      );
    expectNeutronError(
      await create({ port_id: two.id }),
      400,
      'BadRequest',
      `Bad floatingip request: Port ${String(two.id)} has multiple fixed IPv4 addresses. Must provide a specific IPv4 address when assigning a floating IP.`,
    );
    expectNeutronError(
      await create({ port_id: v6.id }),
      400,
      'BadRequest',
      `Bad floatingip request: No IPv4 addresses found on port ${String(v6.id)}.`,
    );
    expectNeutronError(
      await create({ port_id: two.id, fixed_ip_address: '10.40.0.99' }),
      400,
      'BadRequest',
      `Bad floatingip request: Port ${String(two.id)} does not have fixed ip 10.40.0.99.`,
    );
    const first = obj(
      expectStatus(await create({ port_id: two.id, fixed_ip_address: '10.40.0.10' }), 201),
      'floatingip',
    );
    assert.deepEqual([first.fixed_ip_address, first.status], ['10.40.0.10', 'ACTIVE']);
    const dup = await create({ port_id: two.id, fixed_ip_address: '10.40.0.10' });
    assert.equal(dup.status, 409);
    assert.equal((dup.body.NeutronError as Wire).type, 'FloatingIPPortAlreadyAssociated');
    expectStatus(await create({ port_id: two.id, fixed_ip_address: '10.40.0.11' }), 201);
    // Another project's port is invisible (404); a non-admin cannot pick the address.
    const other = await networkWithSubnet(s, '10.41.0.0/24', {}, memberOf('p2'));
    const foreign = await createNeutron(s, 'ports', { network_id: other.network.id }, memberOf('p2'));
    expectNeutronError(
      await create({ port_id: foreign.id }),
      404,
      'PortNotFound',
      `Port ${String(foreign.id)} could not be found.`,
    );
    expectNeutronError(
      await create({ floating_ip_address: '203.0.113.9' }),
      403,
      'PolicyNotAuthorized',
      '(rule:create_floatingip:floating_ip_address) is disallowed by policy',
    );
    const chosen = obj(
      expectStatus(await create({ floating_ip_address: '203.0.113.9', project_id: 'p1' }, ADMIN), 201),
      'floatingip',
    );
    assert.equal(chosen.floating_ip_address, '203.0.113.9');
    // 203.0.113.0/28: gateway .1, pool .2-.14; three are taken.
    for (let i = 0; i < 10; i++) expectStatus(await create({}), 201);
    expectNeutronError(
      await create({}),
      409,
      'IpAddressGenerationFailure',
      `No more IP addresses available on network ${String(ext.network.id)}.`,
    );
    // The external network cannot be deleted while floating IPs hold addresses on it.
    const del = await s.json('DELETE', `${NEUTRON}/networks/${String(ext.network.id)}`, undefined, ADMIN);
    assert.equal(del.status, 409);
  });
});

test('associating, moving and releasing a floating IP of a placed load balancer re-plans it and wakes its agent', async () => {
  await withServer(async (s) => {
    const { ext } = await topology(s);
    const lb = await createLb(s);
    await s.settle();
    const lbId = String(lb.id);
    const store = s.handle.store;
    // A placement as the agent driver would have written it (the noop driver places nothing).
    await store.write(async (tx) => {
      await tx.agents.upsert(
        {
          id: 'agent-1',
          host: 'h',
          base_dir: '/x',
          maxconn: 1,
          version: 'v',
          last_seen: '2024-01-01T00:00:00.000Z',
        },
        '2024-01-01T00:00:00',
      );
      await tx.placements.put({
        load_balancer_id: lbId,
        agent_id: 'agent-1',
        revision: 1,
        hash: 'old',
        haproxy_cfg: 'cfg',
        tls_files: null,
        deleted: false,
        applied_revision: null,
        applied_hash: null,
        last_error: null,
        network: null,
      });
    });
    const generation = async () => (await store.read((tx) => tx.agents.get('agent-1')))?.generation ?? -1;
    const plannedFips = async () =>
      (await store.read((tx) => tx.placements.get(lbId)))?.network?.floating_ips.map((f) => f.address) ?? [];
    const g0 = await generation();
    const fip = await createNeutron(s, 'floatingips', {
      floating_network_id: ext.network.id,
      port_id: lb.vip_port_id,
    });
    assert.deepEqual(fip.port_details && (fip.port_details as Wire).device_owner, 'Octavia');
    assert.deepEqual(await plannedFips(), [fip.floating_ip_address]);
    const g1 = await generation();
    assert.ok(g1 > g0, `generation ${g0} -> ${g1}`);
    expectStatus(
      await s.json('PUT', `${NEUTRON}/floatingips/${String(fip.id)}`, { floatingip: { port_id: null } }),
      200,
    );
    assert.deepEqual(await plannedFips(), []);
    assert.ok((await generation()) > g1);
    expectStatus(
      await s.json('PUT', `${NEUTRON}/floatingips/${String(fip.id)}`, {
        floatingip: { port_id: lb.vip_port_id },
      }),
      200,
    );
    assert.deepEqual(await plannedFips(), [fip.floating_ip_address]);
    expectStatus(await s.json('DELETE', `${NEUTRON}/floatingips/${String(fip.id)}`), 204);
    assert.deepEqual(await plannedFips(), []);
  });
});

test('deleting a load balancer disassociates the floating IPs of the VIP port it created', async () => {
  await withServer(async (s) => {
    const { ext } = await topology(s);
    const lb = await createLb(s);
    await s.settle();
    const fip = await createNeutron(s, 'floatingips', {
      floating_network_id: ext.network.id,
      port_id: lb.vip_port_id,
    });
    assert.equal(fip.status, 'ACTIVE');
    expectStatus(await s.json('DELETE', `/load-balancer/v2.0/lbaas/loadbalancers/${String(lb.id)}`), 204);
    await s.settle();
    const after = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/floatingips/${String(fip.id)}`), 200),
      'floatingip',
    );
    assert.deepEqual([after.port_id, after.fixed_ip_address, after.status], [null, null, 'DOWN']);
  });
});
