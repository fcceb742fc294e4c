import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arr, expectStatus, obj, withServer, type Wire } from './api-fixtures.js';
import { createNeutron, expectNeutronError, NEUTRON, networkWithSubnet } from './neutron-fixtures.js';

test('list filters (repeat = OR, booleans, tags), fields, sorting, pagination links, fixed_ips filters', async () => {
  await withServer(async (s) => {
    const a = await createNeutron(s, 'networks', { name: 'a', tags: ['red', 'blue'] });
    const b = await createNeutron(s, 'networks', { name: 'b', tags: ['red'], admin_state_up: false });
    const c = await createNeutron(s, 'networks', { name: 'c', tags: [] });
    const names = async (q: string): Promise<unknown[]> =>
      arr(
        expectStatus(
          await s.json('GET', `${NEUTRON}/networks?${q}${q.includes('sort_key') ? '' : '&sort_key=name'}`),
          200,
        ),
        'networks',
      ).map((n) => n.name);
    assert.deepEqual(await names('name=a&name=c'), ['a', 'c']);
    assert.deepEqual(await names('admin_state_up=False'), ['b']);
    assert.deepEqual(await names('tags=red&name=a&name=b&name=c'), ['a', 'b']);
    assert.deepEqual(await names('tags=red,blue'), ['a']);
    assert.deepEqual(await names('tags-any=blue&tags-any=red'), ['a', 'b']);
    assert.deepEqual(await names('not-tags=red&name=a&name=b&name=c'), ['c']);
    assert.deepEqual(await names('not-tags-any=blue&name=a&name=b&name=c'), ['b', 'c']);
    assert.deepEqual(await names('project_id=default-project&sort_key=name&sort_dir=desc&name=a&name=b'), [
      'b',
      'a',
    ]);
    assert.deepEqual(await names('tenant_id=nobody'), []);
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/networks?colour=red`),
      400,
      'HTTPBadRequest',
      'colour is invalid attribute for filtering',
    );
    const fields = arr(
      expectStatus(await s.json('GET', `${NEUTRON}/networks?name=a&fields=id&fields=name`), 200),
      'networks',
    );
    assert.deepEqual(fields, [{ id: a.id, name: 'a' }]);
    const one = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/networks/${String(b.id)}?fields=name`), 200),
      'network',
    );
    assert.deepEqual(one, { name: 'b' });
    // Pagination: links only when a limit is given.
    assert.equal(expectStatus(await s.json('GET', `${NEUTRON}/networks`), 200).networks_links, undefined);
    const page = expectStatus(
      await s.json('GET', `${NEUTRON}/networks?limit=2&sort_key=name&name=a&name=b&name=c`),
      200,
    );
    assert.deepEqual(
      arr(page, 'networks').map((n) => n.name),
      ['a', 'b'],
    );
    const links = page.networks_links as { rel: string; href: string }[];
    assert.deepEqual(
      links.map((l) => l.rel),
      ['next'],
    );
    assert.match(
      links[0]?.href ?? '',
      new RegExp(`^http://[^/]+/network/v2.0/networks\\?limit=2.*marker=${String(b.id)}`),
    );
    const rest = expectStatus(
      await s.json(
        'GET',
        `${NEUTRON}/networks?limit=2&sort_key=name&name=a&name=b&name=c&marker=${String(b.id)}`,
      ),
      200,
    );
    assert.deepEqual(
      arr(rest, 'networks').map((n) => n.name),
      ['c'],
    );
    void c;

    const { network, subnet } = await networkWithSubnet(s, '10.70.0.0/24');
    const p1 = await createNeutron(s, 'ports', {
      network_id: network.id,
      fixed_ips: [{ ip_address: '10.70.0.5' }],
    });
    await createNeutron(s, 'ports', { network_id: network.id, fixed_ips: [{ ip_address: '10.70.0.15' }] });
    const portIds = async (q: string): Promise<unknown[]> =>
      arr(expectStatus(await s.json('GET', `${NEUTRON}/ports?${q}`), 200), 'ports')
        .map((p) => String((p.fixed_ips as Wire[])[0]?.ip_address))
        .sort();
    assert.deepEqual(await portIds('fixed_ips=ip_address%3D10.70.0.5'), ['10.70.0.5']);
    assert.deepEqual(await portIds(`fixed_ips=subnet_id%3D${String(subnet.id)}`), [
      '10.70.0.15',
      '10.70.0.5',
    ]);
    assert.deepEqual(await portIds('fixed_ips=ip_address_substr%3D.15'), ['10.70.0.15']);
    assert.deepEqual(
      await portIds(`network_id=${String(network.id)}&mac_address=${String(p1.mac_address)}`),
      ['10.70.0.5'],
    );
  });
});

test('lookups the openstack SDK makes: GET by name is a 404, then ?name= finds it; extensions are listed honestly', async () => {
  await withServer(async (s) => {
    await createNeutron(s, 'networks', { name: 'by-name' });
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/networks/by-name`),
      404,
      'NetworkNotFound',
      'Network by-name could not be found.',
    );
    assert.equal(
      arr(expectStatus(await s.json('GET', `${NEUTRON}/networks?name=by-name`), 200), 'networks').length,
      1,
    );
    const exts = arr(expectStatus(await s.json('GET', `${NEUTRON}/extensions`), 200), 'extensions');
    const aliases = exts.map((e) => e.alias);
    for (const alias of [
      'external-net',
      'standard-attr-tag',
      'standard-attr-revisions',
      'standard-attr-timestamp',
      'project-id',
      'fip-port-details',
    ]) {
      assert.ok(aliases.includes(alias), alias);
    }
    for (const alias of ['router', 'binding', 'security-group', 'port-security'])
      assert.ok(!aliases.includes(alias), alias);
    for (const e of exts)
      assert.deepEqual(Object.keys(e).sort(), ['alias', 'description', 'links', 'name', 'updated']);
    const one = obj(
      expectStatus(await s.json('GET', `${NEUTRON}/extensions/external-net`), 200),
      'extension',
    );
    assert.equal(one.alias, 'external-net');
    expectNeutronError(
      await s.json('GET', `${NEUTRON}/extensions/router`),
      404,
      'ExtensionNotFound',
      'Extension with alias router does not exist',
    );
  });
});
