import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  createLb,
  defaultSubnetId,
  expectFault,
  expectStatus,
  memberOf,
  obj,
  readerOf,
  str,
  UUID,
  withServer,
  type Wire,
} from './api-fixtures.js';
import { created, FORBIDDEN, MISSING, NIL } from './catalog-fixtures.js';
import type { TestServer } from '../test-support/test-server.js';

const SINGLE = '{"loadbalancer_topology": "SINGLE"}';

function profile(s: TestServer, body: Wire = {}): Promise<Wire> {
  return created(s, 'flavorprofiles', 'flavorprofile', {
    name: 'fp',
    provider_name: 'amphora',
    flavor_data: SINGLE,
    ...body,
  });
}

function flavor(s: TestServer, profileId: string, body: Wire = {}): Promise<Wire> {
  return created(s, 'flavors', 'flavor', { name: 'f', flavor_profile_id: profileId, ...body });
}

test('flavor profiles: CRUD with exact bodies, list key and singular links key', async () => {
  await withServer(async (s) => {
    const fp = await profile(s);
    assert.match(str(fp, 'id'), UUID);
    assert.deepEqual(fp, { id: fp.id, name: 'fp', provider_name: 'amphora', flavor_data: SINGLE });
    const fp2 = await profile(s, { name: 'empty', provider_name: 'octavia', flavor_data: '{}' });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/flavorprofiles/${String(fp.id)}`), 200), {
      flavorprofile: fp,
    });
    const list = expectStatus(await s.json('GET', `${API}/flavorprofiles?name=empty`), 200);
    assert.deepEqual(list, { flavorprofiles: [fp2], flavorprofile_links: [] });
    const fields = expectStatus(
      await s.json('GET', `/load-balancer/v2/flavorprofiles?fields=name&sort=name:desc`),
      200,
    );
    assert.deepEqual(fields, {
      flavorprofiles: [{ name: 'fp' }, { name: 'empty' }],
      flavorprofile_links: [],
    });
    const paged = expectStatus(await s.json('GET', `${API}/flavorprofiles?limit=1&sort=name`), 200);
    assert.deepEqual(paged.flavorprofile_links, [
      { href: `${API}/flavorprofiles?limit=1&sort=name&marker=${String(fp2.id)}`, rel: 'next' },
    ]);
    const put = await s.json('PUT', `${API}/flavorprofiles/${String(fp2.id)}`, {
      flavorprofile: { name: 'renamed', flavor_data: SINGLE, provider_name: 'amphora' },
    });
    assert.deepEqual(expectStatus(put, 200), {
      flavorprofile: { id: fp2.id, name: 'renamed', provider_name: 'amphora', flavor_data: SINGLE },
    });
    assert.equal((await s.json('DELETE', `${API}/flavorprofiles/${String(fp2.id)}`)).status, 204);
    expectFault(
      await s.json('GET', `${API}/flavorprofiles/${String(fp2.id)}`),
      404,
      `Flavor Profile ${String(fp2.id)} not found.`,
    );
    expectFault(await s.json('GET', `${API}/flavorprofiles/${NIL}`), 404, `Flavor profile ${NIL} not found.`);
    expectFault(
      await s.json('DELETE', `${API}/flavorprofiles/${MISSING}`),
      404,
      `Flavor profile ${MISSING} not found.`,
    );
    expectFault(
      await s.json('GET', `${API}/flavorprofiles?bogus=1`),
      400,
      'One or more arguments are either duplicate or invalid',
    );
  });
});

test('flavor profiles: flavor_data must be JSON valid for the provider (Octavia messages)', async () => {
  await withServer(async (s) => {
    const post = (flavorprofile: Wire) => s.json('POST', `${API}/flavorprofiles`, { flavorprofile });
    const base = { name: 'fp', provider_name: 'amphora' };
    expectFault(
      await post({ ...base, flavor_data: 'not json' }),
      400,
      'not json is not a valid option for flavor_data',
    );
    expectFault(
      await post({ ...base, flavor_data: '{"loadbalancer_topology": "ACTIVE_STANDBY"}' }),
      501,
      "Provider 'amphora' does not support a requested option: loadbalancer_topology 'ACTIVE_STANDBY' is not one of ['SINGLE']",
    );
    expectFault(
      await post({ ...base, provider_name: 'octavia', flavor_data: '{"compute_flavor": "x"}' }),
      501,
      "Provider 'octavia' does not support a requested option: Additional properties are not allowed ('compute_flavor' was unexpected)",
    );
    expectFault(
      await post({ ...base, flavor_data: '{"loadbalancer_topology": 1}' }),
      501,
      "Provider 'amphora' does not support a requested option: loadbalancer_topology 1 is not of type 'string'",
    );
    expectFault(
      await post({ ...base, flavor_data: '[]' }),
      501,
      "Provider 'amphora' does not support a requested option: [] is not of type 'object'",
    );
    expectFault(
      await post({ ...base, provider_name: 'nope', flavor_data: '{}' }),
      400,
      "Provider 'nope' is not enabled.",
    );
    expectFault(
      await post({ name: 'fp', flavor_data: '{}' }),
      400,
      "Invalid input for field/attribute provider_name. Value: 'None'. Mandatory field missing.",
    );
    expectFault(
      await post({ ...base, flavor_data: '{}', foo: 1 }),
      400,
      'Unknown attribute for argument flavor_profile_.flavorprofile: foo',
    );
    const fp = await profile(s);
    const put = (flavorprofile: Wire) =>
      s.json('PUT', `${API}/flavorprofiles/${String(fp.id)}`, { flavorprofile });
    expectFault(await put({ name: null }), 400, 'None is not a valid option for name');
    expectFault(await put({ flavor_data: null }), 400, 'None is not a valid option for flavor_data');
    expectFault(
      await put({ flavor_data: '{"sriov_vip": true}' }),
      501,
      "Provider 'amphora' does not support a requested option: Additional properties are not allowed ('sriov_vip' was unexpected)",
    );
  });
});

test('flavor profiles: in use by a flavor → 409 on data/provider change and delete; name change allowed', async () => {
  await withServer(async (s) => {
    const fp = await profile(s);
    await flavor(s, str(fp, 'id'));
    const url = `${API}/flavorprofiles/${String(fp.id)}`;
    const inUse = `Flavor profile ${String(fp.id)} is in use and cannot be modified.`;
    expectFault(await s.json('PUT', url, { flavorprofile: { flavor_data: '{}' } }), 409, inUse);
    expectFault(await s.json('PUT', url, { flavorprofile: { provider_name: 'octavia' } }), 409, inUse);
    expectFault(await s.json('DELETE', url), 409, inUse);
    assert.equal(
      obj(expectStatus(await s.json('PUT', url, { flavorprofile: { name: 'n' } }), 200), 'flavorprofile')
        .name,
      'n',
    );
  });
});

test('flavors: CRUD, defaults, filters, duplicates, PUT restrictions, nil UUID', async () => {
  await withServer(async (s) => {
    const fp = await profile(s);
    const fpId = str(fp, 'id');
    const f = await flavor(s, fpId);
    assert.deepEqual(f, { id: f.id, name: 'f', description: null, enabled: true, flavor_profile_id: fpId });
    const g = await flavor(s, fpId, { name: 'g', description: 'd', enabled: false });
    assert.deepEqual(g, { id: g.id, name: 'g', description: 'd', enabled: false, flavor_profile_id: fpId });
    expectFault(
      await s.json('POST', `${API}/flavors`, { flavor: { name: 'f', flavor_profile_id: fpId } }),
      409,
      'A flavor of f already exists.',
    );
    expectFault(
      await s.json('POST', `${API}/flavors`, { flavor: { name: 'h', flavor_profile_id: MISSING } }),
      400,
      `Flavor Profile ${MISSING} not found.`,
    );
    expectFault(
      await s.json('POST', `${API}/flavors`, { flavor: { name: 'h', flavor_profile_id: 'x' } }),
      400,
      "Invalid input for field/attribute flavor_profile_id. Value: 'x'. Value should be UUID format",
    );
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/flavors?enabled=false`), 200), {
      flavors: [g],
      flavors_links: [],
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/flavors?sort=name:desc&fields=name`), 200), {
      flavors: [{ name: 'g' }, { name: 'f' }],
      flavors_links: [],
    });
    assert.deepEqual(
      expectStatus(await s.json('GET', `${API}/flavors/${String(g.id)}?fields=enabled`), 200),
      { flavor: { enabled: false } },
    );
    const url = `${API}/flavors/${String(f.id)}`;
    assert.deepEqual(
      expectStatus(await s.json('PUT', url, { flavor: { description: 'x', enabled: false } }), 200),
      { flavor: { ...f, description: 'x', enabled: false } },
    );
    expectFault(
      await s.json('PUT', url, { flavor: { flavor_profile_id: fpId } }),
      400,
      'Unknown attribute for argument flavor_.flavor: flavor_profile_id',
    );
    expectFault(await s.json('PUT', url, { flavor: { name: 'g' } }), 409, 'A flavor of g already exists.');
    expectFault(await s.json('GET', `${API}/flavors/${NIL}`), 404, `Flavor ${NIL} not found.`);
    expectFault(
      await s.json('PUT', `${API}/flavors/${MISSING}`, { flavor: {} }),
      404,
      `Flavor ${MISSING} not found.`,
    );
    assert.equal((await s.json('DELETE', url)).status, 204);
    expectFault(await s.json('DELETE', url), 404, `Flavor ${String(f.id)} not found.`);
  });
});

test('flavors and profiles RBAC: readers list and show flavors; writes and profiles are admin only', async () => {
  await withServer(async (s) => {
    const fp = await profile(s);
    const f = await flavor(s, str(fp, 'id'));
    for (const headers of [
      readerOf('p1'),
      memberOf('p1'),
      { 'x-project-id': 'p1', 'x-roles': 'load-balancer_observer' },
    ]) {
      assert.equal((await s.json('GET', `${API}/flavors`, undefined, headers)).status, 200);
      assert.equal((await s.json('GET', `${API}/flavors/${String(f.id)}`, undefined, headers)).status, 200);
    }
    for (const headers of [readerOf('p1'), memberOf('p1')]) {
      const denied: [string, string, unknown][] = [
        ['POST', `${API}/flavors`, { flavor: { name: 'x', flavor_profile_id: fp.id } }],
        ['PUT', `${API}/flavors/${String(f.id)}`, { flavor: { name: 'y' } }],
        ['DELETE', `${API}/flavors/${String(f.id)}`, undefined],
        ['GET', `${API}/flavorprofiles`, undefined],
        ['GET', `${API}/flavorprofiles/${String(fp.id)}`, undefined],
        [
          'POST',
          `${API}/flavorprofiles`,
          { flavorprofile: { name: 'x', provider_name: 'amphora', flavor_data: '{}' } },
        ],
        ['PUT', `${API}/flavorprofiles/${String(fp.id)}`, { flavorprofile: { name: 'y' } }],
        ['DELETE', `${API}/flavorprofiles/${String(fp.id)}`, undefined],
      ];
      for (const [method, url, body] of denied)
        expectFault(await s.json(method, url, body, headers), 403, FORBIDDEN);
    }
    expectFault(await s.json('GET', `${API}/flavors`, undefined, { 'x-roles': 'nobody' }), 403, FORBIDDEN);
    const admin = { 'x-project-id': 'p9', 'x-roles': 'admin' };
    assert.equal((await s.json('GET', `${API}/flavorprofiles`, undefined, admin)).status, 200);
  });
});

test('load balancer create with a flavor: stored and returned; unknown, disabled, mismatched refused; in use → 409', async () => {
  await withServer(async (s) => {
    const fp = await profile(s);
    const f = await flavor(s, str(fp, 'id'));
    const off = await flavor(s, str(fp, 'id'), { name: 'off', enabled: false });
    const lb = await createLb(s, { flavor_id: f.id }, memberOf('p1'));
    assert.equal(lb.flavor_id, f.id);
    assert.equal(lb.provider, 'amphora');
    const shown = obj(
      expectStatus(await s.json('GET', `${API}/loadbalancers/${String(lb.id)}`), 200),
      'loadbalancer',
    );
    assert.equal(shown.flavor_id, f.id);
    assert.deepEqual(
      expectStatus(await s.json('GET', `${API}/loadbalancers?flavor_id=${String(f.id)}&fields=id`), 200)
        .loadbalancers,
      [{ id: lb.id }],
    );
    const subnet = await defaultSubnetId(s);
    const post = (extra: Wire) =>
      s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet, ...extra } });
    expectFault(await post({ flavor_id: MISSING }), 400, 'Validation failure: Invalid flavor_id.');
    expectFault(
      await post({ flavor_id: off.id }),
      400,
      `The selected flavor is not allowed in this deployment: ${String(off.id)}`,
    );
    expectFault(
      await post({ flavor_id: f.id, provider: 'octavia' }),
      400,
      `Flavor '${String(f.id)}' is not compatible with provider 'octavia'`,
    );
    // A flavor of the alias provider decides the provider when the request names none.
    const fpAlias = await profile(s, { provider_name: 'octavia' });
    const fAlias = await flavor(s, str(fpAlias, 'id'), { name: 'alias' });
    assert.equal((await createLb(s, { flavor_id: fAlias.id })).provider, 'octavia');
    // Fully populated create takes the same path.
    const graph = await createLb(s, {
      flavor_id: f.id,
      listeners: [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: { name: 'p', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
        },
      ],
    });
    assert.equal(graph.flavor_id, f.id);
    expectFault(
      await s.json('DELETE', `${API}/flavors/${String(f.id)}`),
      409,
      `Flavor ${String(f.id)} is in use and cannot be modified.`,
    );
    await s.settle();
    for (const id of [lb.id, graph.id]) {
      expectStatus(await s.json('DELETE', `${API}/loadbalancers/${String(id)}?cascade=true`), 204);
    }
    await s.settle();
    assert.equal((await s.json('DELETE', `${API}/flavors/${String(f.id)}`)).status, 204);
  });
});
