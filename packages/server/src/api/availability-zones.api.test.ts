import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  API,
  arr,
  createLb,
  defaultSubnetId,
  expectFault,
  expectStatus,
  memberOf,
  readerOf,
  str,
  withServer,
  type Wire,
} from './api-fixtures.js';
import { created, FORBIDDEN, MISSING, NIL } from './catalog-fixtures.js';
import type { TestServer } from '../test-support/test-server.js';

function azProfile(s: TestServer, data = '{}', extra: Wire = {}): Promise<Wire> {
  return created(s, 'availabilityzoneprofiles', 'availability_zone_profile', {
    name: 'azp',
    provider_name: 'amphora',
    availability_zone_data: data,
    ...extra,
  });
}

function az(s: TestServer, name: string, profileId: string, extra: Wire = {}): Promise<Wire> {
  return created(s, 'availabilityzones', 'availability_zone', {
    name,
    availability_zone_profile_id: profileId,
    ...extra,
  });
}

async function networkId(s: TestServer): Promise<string> {
  const nets = arr(expectStatus(await s.json('GET', '/network/v2.0/networks'), 200), 'networks');
  return str(nets[0] as Wire, 'id');
}

test('AZ profiles: CRUD, singular links key, data validation, in use → 409', async () => {
  await withServer(async (s) => {
    const p = await azProfile(s, '{"valid_vip_networks": []}');
    assert.deepEqual(p, {
      id: p.id,
      name: 'azp',
      provider_name: 'amphora',
      availability_zone_data: '{"valid_vip_networks": []}',
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/availabilityzoneprofiles?name=azp`), 200), {
      availability_zone_profiles: [p],
      availability_zone_profile_links: [],
    });
    const post = (data: string, provider = 'amphora') =>
      s.json('POST', `${API}/availabilityzoneprofiles`, {
        availability_zone_profile: { name: 'x', provider_name: provider, availability_zone_data: data },
      });
    expectFault(await post('{'), 400, '{ is not a valid option for availability_zone_data');
    expectFault(
      await post('{"compute_zone": "nova"}'),
      501,
      "Provider 'amphora' does not support a requested option: Additional properties are not allowed ('compute_zone' was unexpected)",
    );
    expectFault(
      await post('{"valid_vip_networks": "net"}'),
      501,
      "Provider 'amphora' does not support a requested option: valid_vip_networks 'net' is not of type 'array'",
    );
    expectFault(
      await post('{"valid_vip_networks": [1]}'),
      501,
      "Provider 'amphora' does not support a requested option: valid_vip_networks 1 is not of type 'string'",
    );
    expectFault(await post('{}', 'nope'), 400, "Provider 'nope' is not enabled.");
    const url = `${API}/availabilityzoneprofiles/${String(p.id)}`;
    expectFault(
      await s.json('PUT', url, { availability_zone_profile: { provider_name: null } }),
      400,
      'None is not a valid option for provider_name',
    );
    await az(s, 'az1', str(p, 'id'));
    const inUse = `Availability Zone Profile ${String(p.id)} is in use and cannot be modified.`;
    expectFault(
      await s.json('PUT', url, { availability_zone_profile: { availability_zone_data: '{}' } }),
      409,
      inUse,
    );
    expectFault(await s.json('DELETE', url), 409, inUse);
    assert.deepEqual(
      expectStatus(await s.json('PUT', url, { availability_zone_profile: { name: 'renamed' } }), 200),
      { availability_zone_profile: { ...p, name: 'renamed' } },
    );
    expectFault(
      await s.json('GET', `${API}/availabilityzoneprofiles/${NIL}`),
      404,
      `Availability Zone Profile ${NIL} not found.`,
    );
    expectFault(
      await s.json('DELETE', `${API}/availabilityzoneprofiles/${MISSING}`),
      404,
      `Availability Zone Profile ${MISSING} not found.`,
    );
  });
});

test('AZs: by name, defaults, duplicates, PUT limited to description/enabled, paging by name', async () => {
  await withServer(async (s) => {
    const pid = str(await azProfile(s), 'id');
    const b = await az(s, 'zone-b', pid);
    assert.deepEqual(b, {
      name: 'zone-b',
      description: null,
      enabled: true,
      availability_zone_profile_id: pid,
    });
    const a = await az(s, 'zone-a', pid, { description: 'd', enabled: false });
    expectFault(
      await s.json('POST', `${API}/availabilityzones`, {
        availability_zone: { name: 'zone-a', availability_zone_profile_id: pid },
      }),
      409,
      'A availability zone of zone-a already exists.',
    );
    expectFault(
      await s.json('POST', `${API}/availabilityzones`, {
        availability_zone: { name: 'z', availability_zone_profile_id: MISSING },
      }),
      400,
      `Availability Zone Profile ${MISSING} not found.`,
    );
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/availabilityzones`), 200), {
      availability_zones: [a, b],
      availability_zones_links: [],
    });
    const page = expectStatus(await s.json('GET', `${API}/availabilityzones?limit=1`), 200);
    assert.deepEqual(page, {
      availability_zones: [a],
      availability_zones_links: [{ href: `${API}/availabilityzones?limit=1&marker=zone-a`, rel: 'next' }],
    });
    assert.deepEqual(
      expectStatus(await s.json('GET', `${API}/availabilityzones?limit=1&marker=zone-a&fields=name`), 200)
        .availability_zones,
      [{ name: 'zone-b' }],
    );
    assert.deepEqual(
      expectStatus(await s.json('GET', `${API}/availabilityzones?enabled=true`), 200).availability_zones,
      [b],
    );
    const url = `${API}/availabilityzones/zone-b`;
    assert.deepEqual(
      expectStatus(
        await s.json('PUT', url, { availability_zone: { description: 'x', enabled: false } }),
        200,
      ),
      { availability_zone: { ...b, description: 'x', enabled: false } },
    );
    expectFault(
      await s.json('PUT', url, { availability_zone: { name: 'other' } }),
      400,
      'Unknown attribute for argument availability_zone_.availability_zone: name',
    );
    expectFault(
      await s.json('GET', `${API}/availabilityzones/nope`),
      404,
      'Availability Zone nope not found.',
    );
    expectFault(
      await s.json('GET', `${API}/availabilityzones/${NIL}`),
      404,
      `Availability Zone ${NIL} not found.`,
    );
    assert.equal((await s.json('DELETE', url)).status, 204);
    expectFault(await s.json('DELETE', url), 404, 'Availability Zone zone-b not found.');
  });
});

test('AZ RBAC: readers list/show zones; writes and profiles are admin only', async () => {
  await withServer(async (s) => {
    const pid = str(await azProfile(s), 'id');
    await az(s, 'az1', pid);
    for (const headers of [readerOf('p1'), memberOf('p1')]) {
      assert.equal((await s.json('GET', `${API}/availabilityzones`, undefined, headers)).status, 200);
      assert.equal((await s.json('GET', `${API}/availabilityzones/az1`, undefined, headers)).status, 200);
      const denied: [string, string, unknown][] = [
        [
          'POST',
          `${API}/availabilityzones`,
          { availability_zone: { name: 'x', availability_zone_profile_id: pid } },
        ],
        ['PUT', `${API}/availabilityzones/az1`, { availability_zone: { description: 'y' } }],
        ['DELETE', `${API}/availabilityzones/az1`, undefined],
        ['GET', `${API}/availabilityzoneprofiles`, undefined],
        ['GET', `${API}/availabilityzoneprofiles/${pid}`, undefined],
        ['DELETE', `${API}/availabilityzoneprofiles/${pid}`, undefined],
      ];
      for (const [method, url, body] of denied)
        expectFault(await s.json(method, url, body, headers), 403, FORBIDDEN);
    }
  });
});

test('load balancer create in an AZ: stored; unknown/disabled refused; valid_vip_networks enforced; in use → 409', async () => {
  await withServer(async (s) => {
    const net = await networkId(s);
    const open = str(await azProfile(s), 'id');
    const allowed = str(
      await azProfile(s, JSON.stringify({ valid_vip_networks: [net.toUpperCase()] })),
      'id',
    );
    const elsewhere = str(await azProfile(s, `{"valid_vip_networks": ["${MISSING}"]}`), 'id');
    await az(s, 'open', open);
    await az(s, 'allowed', allowed);
    await az(s, 'elsewhere', elsewhere);
    await az(s, 'off', open, { enabled: false });
    const lb = await createLb(s, { availability_zone: 'allowed' }, memberOf('p1'));
    assert.equal(lb.availability_zone, 'allowed');
    assert.equal((await createLb(s, { availability_zone: 'open' })).availability_zone, 'open');
    const subnet = await defaultSubnetId(s);
    const post = (extra: Wire) =>
      s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet, ...extra } });
    expectFault(
      await post({ availability_zone: 'nope' }),
      400,
      'Validation failure: Invalid availability zone.',
    );
    expectFault(
      await post({ availability_zone: 'off' }),
      400,
      'The selected availability_zone is not allowed in this deployment: off',
    );
    expectFault(
      await post({ availability_zone: 'elsewhere' }),
      400,
      'Validation failure: Supplied VIP network_id is not allowed by the configuration of this deployment.',
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, {
        loadbalancer: { vip_network_id: net, availability_zone: 'elsewhere', listeners: [] },
      }),
      400,
      'Validation failure: Supplied VIP network_id is not allowed by the configuration of this deployment.',
    );
    // The refused creates left nothing behind.
    assert.equal(
      arr(expectStatus(await s.json('GET', `${API}/loadbalancers`), 200), 'loadbalancers').length,
      2,
    );
    expectFault(
      await s.json('DELETE', `${API}/availabilityzones/allowed`),
      409,
      'Availability Zone allowed is in use and cannot be modified.',
    );
    await s.settle();
    expectStatus(await s.json('DELETE', `${API}/loadbalancers/${String(lb.id)}`), 204);
    await s.settle();
    assert.equal((await s.json('DELETE', `${API}/availabilityzones/allowed`)).status, 204);
  });
});
