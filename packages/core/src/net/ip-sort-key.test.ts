import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addressAfter } from './allocate-address.js';
import { ipSortKey } from './ip-sort-key.js';

test('ipSortKey orders addresses numerically, IPv4 before IPv6', () => {
  const ips = ['10.0.0.10', '10.0.0.9', '9.255.255.255', '::1', '2001:db8::1', '10.0.1.0'];
  const sorted = [...ips].sort((a, b) => (ipSortKey(a) < ipSortKey(b) ? -1 : 1));
  assert.deepEqual(sorted, ['9.255.255.255', '10.0.0.9', '10.0.0.10', '10.0.1.0', '::1', '2001:db8::1']);
  assert.equal(ipSortKey('127.77.0.1'), '4:7f4d0001');
  assert.throws(() => ipSortKey('nope'));
});

test('addressAfter walks the pools upwards, skipping the gateway, and ends past the last pool', () => {
  const subnet = {
    cidr: '10.0.0.0/24',
    gateway_ip: '10.0.0.5',
    allocation_pools: [
      { start: '10.0.0.2', end: '10.0.0.6' },
      { start: '10.0.0.100', end: '10.0.0.101' },
    ],
  };
  assert.equal(addressAfter(subnet, undefined), '10.0.0.2');
  assert.equal(addressAfter(subnet, '10.0.0.2'), '10.0.0.3');
  assert.equal(addressAfter(subnet, '10.0.0.4'), '10.0.0.6');
  assert.equal(addressAfter(subnet, '10.0.0.6'), '10.0.0.100');
  assert.equal(addressAfter(subnet, '10.0.0.50'), '10.0.0.100');
  assert.equal(addressAfter(subnet, '10.0.0.101'), undefined);
  assert.equal(addressAfter(subnet, '2001:db8::1'), undefined);
});

test('addressAfter works for IPv6 pools', () => {
  const subnet = {
    cidr: '2001:db8::/64',
    gateway_ip: null,
    allocation_pools: [{ start: '2001:db8::1', end: '2001:db8::ffff:ffff:ffff:ffff' }],
  };
  assert.equal(addressAfter(subnet, '2001:db8::ff'), '2001:db8::100');
});
