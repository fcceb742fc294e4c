import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../errors/domain-error.js';
import { checkVipNetworkAllowed } from './availability-zone.rules.js';
import { applyFlavorProfileUpdate, providerForFlavor } from './flavor.rules.js';
import {
  availabilityZoneCapabilities,
  flavorCapabilities,
  pythonRepr,
  validateAvailabilityZoneData,
  validateFlavorData,
} from './provider-capabilities.js';

function fault(fn: () => unknown, kind: string, message: string): void {
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === kind && e.message === message);
}

test('capabilities list only the keys lbaas honours', () => {
  assert.deepEqual(
    flavorCapabilities().map((c) => c.name),
    ['loadbalancer_topology'],
  );
  assert.deepEqual(
    availabilityZoneCapabilities().map((c) => c.name),
    ['valid_vip_networks'],
  );
});

test('flavor data: SINGLE and {} pass; everything else gets jsonschema-style messages', () => {
  assert.deepEqual(validateFlavorData('amphora', '{"loadbalancer_topology": "SINGLE"}'), {
    loadbalancer_topology: 'SINGLE',
  });
  assert.deepEqual(validateFlavorData('amphora', '{}'), {});
  const opt = "Provider 'amphora' does not support a requested option: ";
  fault(() => validateFlavorData('amphora', 'x'), 'invalid', 'x is not a valid option for flavor_data');
  fault(
    () => validateFlavorData('amphora', '{"loadbalancer_topology": "ACTIVE_STANDBY"}'),
    'not_implemented',
    `${opt}loadbalancer_topology 'ACTIVE_STANDBY' is not one of ['SINGLE']`,
  );
  fault(
    () => validateFlavorData('amphora', '{"a": 1, "b": 2, "loadbalancer_topology": 3}'),
    'not_implemented',
    `${opt}Additional properties are not allowed ('a', 'b' were unexpected)`,
  );
  fault(() => validateFlavorData('amphora', 'null'), 'not_implemented', `${opt}None is not of type 'object'`);
});

test('AZ data: valid_vip_networks must be an array of strings', () => {
  assert.deepEqual(validateAvailabilityZoneData('octavia', '{"valid_vip_networks": ["n"]}'), {
    valid_vip_networks: ['n'],
  });
  fault(
    () => validateAvailabilityZoneData('octavia', '{"valid_vip_networks": [true]}'),
    'not_implemented',
    "Provider 'octavia' does not support a requested option: valid_vip_networks True is not of type 'string'",
  );
});

test('pythonRepr quotes like Python', () => {
  assert.equal(pythonRepr("it's"), `"it's"`);
  assert.equal(pythonRepr('a\nb'), "'a\\nb'");
  assert.equal(pythonRepr({ k: [1, null, false] }), "{'k': [1, None, False]}");
});

test('providerForFlavor and checkVipNetworkAllowed', () => {
  assert.equal(providerForFlavor('f', 'octavia', undefined), 'octavia');
  fault(
    () => providerForFlavor('f', 'amphora', 'octavia'),
    'invalid',
    "Flavor 'f' is not compatible with provider 'octavia'",
  );
  checkVipNetworkAllowed({}, 'n1');
  checkVipNetworkAllowed({ valid_vip_networks: ['N1'] }, 'n1');
  fault(
    () => checkVipNetworkAllowed({ valid_vip_networks: ['n2'] }, 'n1'),
    'invalid',
    'Validation failure: Supplied VIP network_id is not allowed by the configuration of this deployment.',
  );
});

test('applyFlavorProfileUpdate validates new data against the current provider', () => {
  const current = { id: 'i', name: 'n', provider_name: 'octavia', flavor_data: '{}' };
  assert.deepEqual(applyFlavorProfileUpdate(current, { name: 'm' }, ['amphora', 'octavia']), {
    ...current,
    name: 'm',
  });
  fault(
    () => applyFlavorProfileUpdate(current, { flavor_data: '{"x": 1}' }, ['amphora', 'octavia']),
    'not_implemented',
    "Provider 'octavia' does not support a requested option: Additional properties are not allowed ('x' was unexpected)",
  );
  fault(
    () => applyFlavorProfileUpdate(current, { provider_name: 'nope' }, ['amphora']),
    'invalid',
    "Provider 'nope' is not enabled.",
  );
});
