import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, expectFault, expectStatus, memberOf, readerOf, withServer } from './api-fixtures.js';

const AMPHORA = {
  name: 'amphora',
  description:
    'The lbaas HAProxy driver: one HAProxy process per load balancer, run by an lbaas agent ' +
    "(named after Octavia's amphora provider for compatibility).",
};
const OCTAVIA = {
  name: 'octavia',
  description: 'Deprecated alias of the amphora provider (the lbaas HAProxy driver).',
};
const TOPOLOGY = {
  name: 'loadbalancer_topology',
  description:
    'The load balancer topology. One of: SINGLE - One HAProxy process per load balancer on an lbaas ' +
    'agent. (ACTIVE_STANDBY is not available in this deployment yet.)',
};
const VIP_NETWORKS = {
  name: 'valid_vip_networks',
  description:
    'List of network IDs that are allowed for VIP use. A load balancer created in this availability ' +
    'zone must have its VIP on one of these networks.',
};

test('GET /providers lists amphora and its octavia alias; readers may list, name/description/fields apply', async () => {
  await withServer(async (s) => {
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/providers`), 200), {
      providers: [AMPHORA, OCTAVIA],
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/providers`, undefined, readerOf('p1')), 200), {
      providers: [AMPHORA, OCTAVIA],
    });
    assert.deepEqual(expectStatus(await s.json('GET', `${API}/providers?name=octavia&fields=name`), 200), {
      providers: [{ name: 'octavia' }],
    });
    assert.deepEqual(expectStatus(await s.json('GET', `/load-balancer/v2/providers?description=nope`), 200), {
      providers: [],
    });
    expectFault(
      await s.json('GET', `${API}/providers`, undefined, { 'x-project-id': 'p1', 'x-roles': 'nobody' }),
      403,
      'Policy does not allow this request to be performed.',
    );
  });
});

test('provider capabilities: admin only, honest lists, filters and fields, unknown provider 400', async () => {
  await withServer(async (s) => {
    for (const p of ['amphora', 'octavia']) {
      assert.deepEqual(expectStatus(await s.json('GET', `${API}/providers/${p}/flavor_capabilities`), 200), {
        flavor_capabilities: [TOPOLOGY],
      });
      assert.deepEqual(
        expectStatus(await s.json('GET', `${API}/providers/${p}/availability_zone_capabilities`), 200),
        { availability_zone_capabilities: [VIP_NETWORKS] },
      );
    }
    assert.deepEqual(
      expectStatus(
        await s.json('GET', `${API}/providers/amphora/flavor_capabilities?name=compute_flavor`),
        200,
      ),
      { flavor_capabilities: [] },
    );
    assert.deepEqual(
      expectStatus(
        await s.json(
          'GET',
          `${API}/providers/amphora/availability_zone_capabilities?name=valid_vip_networks&fields=name`,
        ),
        200,
      ),
      { availability_zone_capabilities: [{ name: 'valid_vip_networks' }] },
    );
    expectFault(
      await s.json('GET', `${API}/providers/nope/flavor_capabilities`),
      400,
      "Provider 'nope' is not enabled.",
    );
    expectFault(
      await s.json('GET', `${API}/providers/nope/availability_zone_capabilities`),
      400,
      "Provider 'nope' is not enabled.",
    );
    for (const headers of [memberOf('p1'), readerOf('p1')]) {
      expectFault(
        await s.json('GET', `${API}/providers/amphora/flavor_capabilities`, undefined, headers),
        403,
        'Policy does not allow this request to be performed.',
      );
      expectFault(
        await s.json('GET', `${API}/providers/amphora/availability_zone_capabilities`, undefined, headers),
        403,
        'Policy does not allow this request to be performed.',
      );
    }
  });
});
