import assert from 'node:assert/strict';
import type { FlavorRecord } from '@lbaas/core';
import { StoreConflictError } from '../services/store-conflict-error.js';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

const FP = '11111111-1111-4111-8111-111111111111';
const flavor = (id: string, name: string, over: Partial<FlavorRecord> = {}): FlavorRecord => ({
  id,
  name,
  description: null,
  enabled: true,
  flavor_profile_id: FP,
  ...over,
});

forEachDialect('flavors: round trip, booleans, find by profile, update, remove, lock', async (store) => {
  await store.write(async (tx) => {
    await tx.flavorProfiles.insert({
      id: FP,
      name: 'fp',
      provider_name: 'amphora',
      flavor_data: '{"loadbalancer_topology": "SINGLE"}',
    });
    await tx.flavors.insert(flavor('f2', 'two', { enabled: false, description: 'd' }));
    await tx.flavors.insert(flavor('f1', 'one'));
  });
  assert.deepEqual(
    await store.read((tx) => tx.flavors.get('f2')),
    flavor('f2', 'two', { enabled: false, description: 'd' }),
  );
  assert.deepEqual(
    (await store.read((tx) => tx.flavors.find({ flavor_profile_id: FP }))).map((x) => [x.id, x.enabled]),
    [
      ['f1', true],
      ['f2', false],
    ],
  );
  assert.equal(await store.write((tx) => tx.flavors.update(flavor('f1', 'uno', { enabled: false }))), true);
  assert.equal(await store.write((tx) => tx.flavors.update(flavor('nope', 'x'))), false);
  assert.deepEqual(await store.write((tx) => tx.flavors.lock('f1')), flavor('f1', 'uno', { enabled: false }));
  assert.equal(await store.write((tx) => tx.flavors.lock('nope')), undefined);
  assert.equal(await store.write((tx) => tx.flavors.remove('f1')), true);
  assert.equal(await store.write((tx) => tx.flavors.remove('f1')), false);
  assert.equal(
    (await store.read((tx) => tx.flavorProfiles.get(FP)))?.flavor_data,
    '{"loadbalancer_topology": "SINGLE"}',
  );
});

forEachDialect('flavors: a duplicate name is a StoreConflictError on flavors', async (store) => {
  await store.write((tx) => tx.flavors.insert(flavor('f1', 'same')));
  await assert.rejects(
    store.write((tx) => tx.flavors.insert(flavor('f2', 'same'))),
    (err: unknown) => err instanceof StoreConflictError && err.constraint === 'flavors',
  );
});

forEachDialect('availability zones: keyed by name, duplicate name conflicts, profiles', async (store) => {
  const az = { name: 'az1', description: null, enabled: true, availability_zone_profile_id: 'p1' };
  await store.write(async (tx) => {
    await tx.availabilityZoneProfiles.insert({
      id: 'p1',
      name: 'azp',
      provider_name: 'amphora',
      availability_zone_data: '{}',
    });
    await tx.availabilityZones.insert(az);
  });
  assert.deepEqual(await store.read((tx) => tx.availabilityZones.get('az1')), az);
  assert.deepEqual(
    await store.read((tx) => tx.availabilityZones.find({ availability_zone_profile_id: 'p1' })),
    [az],
  );
  await assert.rejects(
    store.write((tx) => tx.availabilityZones.insert({ ...az, description: 'again' })),
    (err: unknown) => err instanceof StoreConflictError && err.constraint === 'availability_zones',
  );
  await store.write((tx) => tx.availabilityZones.update({ ...az, enabled: false, description: 'x' }));
  assert.deepEqual(await store.read((tx) => tx.availabilityZones.lock('az1')), {
    ...az,
    enabled: false,
    description: 'x',
  });
  assert.deepEqual(
    (await store.read((tx) => tx.availabilityZoneProfiles.find({ provider_name: 'amphora' }))).map(
      (p) => p.id,
    ),
    ['p1'],
  );
});

forEachDialect('load balancers: flavor_id and availability_zone are searchable columns', async (store) => {
  const lb = f.loadBalancer({ id: 'lb1', flavor_id: 'f1', availability_zone: 'az1' });
  await store.write((tx) => tx.loadBalancers.insert(lb));
  assert.deepEqual(
    (await store.read((tx) => tx.loadBalancers.find({ flavor_id: 'f1' }))).map((x) => x.id),
    ['lb1'],
  );
  assert.deepEqual(
    (await store.read((tx) => tx.loadBalancers.find({ availability_zone: 'az1' }))).map((x) => x.id),
    ['lb1'],
  );
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.find({ flavor_id: 'f2' })), []);
  assert.deepEqual(await store.read((tx) => tx.loadBalancers.get('lb1')), lb);
});
