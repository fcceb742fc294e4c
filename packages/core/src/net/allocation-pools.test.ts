import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultAllocationPools, inAllocationPools } from './allocation-pools.js';

describe('defaultAllocationPools', () => {
  it('starts after a gateway at network+1 and stops before the IPv4 broadcast', () => {
    assert.deepEqual(defaultAllocationPools('10.0.0.0/24', '10.0.0.1'), [
      { start: '10.0.0.2', end: '10.0.0.254' },
    ]);
  });

  it('covers network+1 .. broadcast-1 without a gateway', () => {
    assert.deepEqual(defaultAllocationPools('10.0.0.0/24', null), [{ start: '10.0.0.1', end: '10.0.0.254' }]);
  });

  it('splits around a gateway in the middle and ignores one outside the range', () => {
    assert.deepEqual(defaultAllocationPools('10.0.0.0/24', '10.0.0.100'), [
      { start: '10.0.0.1', end: '10.0.0.99' },
      { start: '10.0.0.101', end: '10.0.0.254' },
    ]);
    assert.deepEqual(defaultAllocationPools('10.0.0.0/24', '10.0.0.254'), [
      { start: '10.0.0.1', end: '10.0.0.253' },
    ]);
    assert.deepEqual(defaultAllocationPools('10.0.0.0/24', '10.9.9.9'), [
      { start: '10.0.0.1', end: '10.0.0.254' },
    ]);
  });

  it('uses the last address for IPv6 (no broadcast)', () => {
    assert.deepEqual(defaultAllocationPools('2001:db8::/64', '2001:db8::1'), [
      { start: '2001:db8::2', end: '2001:db8::ffff:ffff:ffff:ffff' },
    ]);
  });

  it('handles the tiny subnets like Neutron', () => {
    assert.deepEqual(defaultAllocationPools('10.0.0.5/32', null), [{ start: '10.0.0.5', end: '10.0.0.5' }]);
    assert.deepEqual(defaultAllocationPools('10.0.0.4/31', null), []);
    assert.deepEqual(defaultAllocationPools('10.0.0.4/30', null), [{ start: '10.0.0.5', end: '10.0.0.6' }]);
    assert.deepEqual(defaultAllocationPools('10.0.0.4/30', '10.0.0.5'), [
      { start: '10.0.0.6', end: '10.0.0.6' },
    ]);
  });
});

describe('inAllocationPools', () => {
  const pools = [
    { start: '10.0.0.2', end: '10.0.0.9' },
    { start: '10.0.0.20', end: '10.0.0.29' },
  ];
  it('checks every pool inclusively', () => {
    assert.equal(inAllocationPools(pools, '10.0.0.2'), true);
    assert.equal(inAllocationPools(pools, '10.0.0.9'), true);
    assert.equal(inAllocationPools(pools, '10.0.0.25'), true);
    assert.equal(inAllocationPools(pools, '10.0.0.10'), false);
    assert.equal(inAllocationPools(pools, '10.0.0.1'), false);
    assert.equal(inAllocationPools(pools, '::a00:2'), false);
    assert.equal(inAllocationPools(pools, 'junk'), false);
  });
});
