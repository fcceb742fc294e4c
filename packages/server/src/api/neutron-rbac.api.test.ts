import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, expectStatus, ids, memberOf, readerOf, withServer } from './api-fixtures.js';
import { createNeutron, expectNeutronError, NEUTRON, networkWithSubnet } from './neutron-fixtures.js';

const ADMIN = { 'x-project-id': 'admin-project', 'x-roles': 'admin' };
const GLOBAL_READER = { 'x-project-id': 'audit', 'x-roles': 'load-balancer_global_observer' };

test("project scoping: another project's private objects are 404, shared and external networks are visible", async () => {
  await withServer(async (s) => {
    const mine = await networkWithSubnet(s, '10.50.0.0/24', {}, memberOf('p1'));
    const port = await createNeutron(s, 'ports', { network_id: mine.network.id }, memberOf('p1'));
    const shared = await networkWithSubnet(s, '10.51.0.0/24', { network: { shared: true } }, ADMIN);
    const ext = await networkWithSubnet(s, '10.52.0.0/24', { network: { 'router:external': true } }, ADMIN);
    const p2 = memberOf('p2');
    for (const [path, type, what] of [
      [`networks/${String(mine.network.id)}`, 'NetworkNotFound', 'Network'],
      [`subnets/${String(mine.subnet.id)}`, 'SubnetNotFound', 'Subnet'],
      [`ports/${String(port.id)}`, 'PortNotFound', 'Port'],
    ] as const) {
      const id = path.split('/')[1] ?? '';
      expectNeutronError(
        await s.json('GET', `${NEUTRON}/${path}`, undefined, p2),
        404,
        type,
        `${what} ${id} could not be found.`,
      );
      expectNeutronError(
        await s.json('DELETE', `${NEUTRON}/${path}`, undefined, p2),
        404,
        type,
        `${what} ${id} could not be found.`,
      );
    }
    const visible = ids(
      arr(expectStatus(await s.json('GET', `${NEUTRON}/networks`, undefined, p2), 200), 'networks'),
    );
    assert.ok(visible.includes(String(shared.network.id)));
    assert.ok(visible.includes(String(ext.network.id)));
    assert.ok(!visible.includes(String(mine.network.id)));
    // Subnets of shared networks are visible; those of an external (not shared) network are not.
    const subnets = ids(
      arr(expectStatus(await s.json('GET', `${NEUTRON}/subnets`, undefined, p2), 200), 'subnets'),
    );
    assert.ok(subnets.includes(String(shared.subnet.id)));
    assert.ok(!subnets.includes(String(ext.subnet.id)));
    assert.deepEqual(
      arr(expectStatus(await s.json('GET', `${NEUTRON}/ports`, undefined, p2), 200), 'ports'),
      [],
    );
    // Global readers and admins see everything.
    for (const h of [GLOBAL_READER, ADMIN]) {
      const all = ids(
        arr(expectStatus(await s.json('GET', `${NEUTRON}/networks`, undefined, h), 200), 'networks'),
      );
      assert.ok(all.includes(String(mine.network.id)));
    }
  });
});

test('readers cannot write; non-admins cannot set shared/router:external or act on shared networks they do not own', async () => {
  await withServer(async (s) => {
    const mine = await networkWithSubnet(s, '10.60.0.0/24', {}, memberOf('p1'));
    const reader = readerOf('p1');
    expectStatus(
      await s.json('GET', `${NEUTRON}/networks/${String(mine.network.id)}`, undefined, reader),
      200,
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/networks`, { network: { name: 'x' } }, reader),
      403,
      'PolicyNotAuthorized',
      '(rule:create_network) is disallowed by policy',
    );
    expectNeutronError(
      await s.json(
        'PUT',
        `${NEUTRON}/networks/${String(mine.network.id)}`,
        { network: { name: 'x' } },
        reader,
      ),
      403,
      'PolicyNotAuthorized',
      '(rule:update_network) is disallowed by policy',
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/ports`, { port: { network_id: mine.network.id } }, reader),
      403,
      'PolicyNotAuthorized',
      '(rule:create_port) is disallowed by policy',
    );
    const member = memberOf('p1');
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/networks`, { network: { shared: true } }, member),
      403,
      'PolicyNotAuthorized',
      '(rule:create_network:shared) is disallowed by policy',
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/networks`, { network: { 'router:external': true } }, member),
      403,
      'PolicyNotAuthorized',
      '(rule:create_network:router:external) is disallowed by policy',
    );
    expectNeutronError(
      await s.json(
        'PUT',
        `${NEUTRON}/networks/${String(mine.network.id)}`,
        { network: { shared: true } },
        member,
      ),
      403,
      'PolicyNotAuthorized',
      '(rule:update_network:shared) is disallowed by policy',
    );
    expectNeutronError(
      await s.json('POST', `${NEUTRON}/networks`, { network: { project_id: 'p9' } }, member),
      400,
      'HTTPBadRequest',
      "Specifying 'project_id' or 'tenant_id' other than the authenticated project in request requires admin privileges",
    );
    // A shared network of another project: ports yes, subnets and changes no.
    const shared = await networkWithSubnet(s, '10.61.0.0/24', { network: { shared: true } }, ADMIN);
    const port = await createNeutron(s, 'ports', { network_id: shared.network.id }, member);
    assert.equal(port.project_id, 'p1');
    expectNeutronError(
      await s.json(
        'POST',
        `${NEUTRON}/subnets`,
        { subnet: { network_id: shared.network.id, cidr: '10.62.0.0/24', ip_version: 4 } },
        member,
      ),
      403,
      'PolicyNotAuthorized',
      '(rule:create_subnet) is disallowed by policy',
    );
    expectNeutronError(
      await s.json('DELETE', `${NEUTRON}/networks/${String(shared.network.id)}`, undefined, member),
      403,
      'PolicyNotAuthorized',
      '(rule:delete_network) is disallowed by policy',
    );
    // Admin may create for another project.
    const forP3 = await createNeutron(
      s,
      'networks',
      { name: 'for-p3', project_id: 'p3', shared: true },
      ADMIN,
    );
    assert.deepEqual([forP3.project_id, forP3.tenant_id, forP3.shared], ['p3', 'p3', true]);
  });
});
