import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocateAddress } from './allocate-address.js';
import { defaultAllocationPools } from './allocation-pools.js';
import { formatIpAddress } from './ip-address.js';

describe('allocateAddress', () => {
  it('returns the first free pool address, skipping used ones and the gateway', () => {
    const subnet = {
      cidr: '10.0.0.0/24',
      gateway_ip: '10.0.0.3',
      allocation_pools: [{ start: '10.0.0.2', end: '10.0.0.254' }],
    };
    assert.equal(allocateAddress(subnet, new Set()), '10.0.0.2');
    assert.equal(allocateAddress(subnet, new Set(['10.0.0.2'])), '10.0.0.4');
    assert.equal(allocateAddress(subnet, new Set(['10.0.0.2', '10.0.0.4'])), '10.0.0.5');
  });

  it('moves on to the next pool and reports exhaustion with undefined', () => {
    const subnet = {
      cidr: '10.0.0.0/29',
      gateway_ip: '10.0.0.1',
      allocation_pools: [
        { start: '10.0.0.2', end: '10.0.0.3' },
        { start: '10.0.0.5', end: '10.0.0.5' },
      ],
    };
    assert.equal(allocateAddress(subnet, new Set(['10.0.0.2', '10.0.0.3'])), '10.0.0.5');
    assert.equal(allocateAddress(subnet, new Set(['10.0.0.2', '10.0.0.3', '10.0.0.5'])), undefined);
  });

  it('copes with a /16 whose first thousands of addresses are taken', () => {
    const cidr = '172.16.0.0/16';
    const subnet = {
      cidr,
      gateway_ip: '172.16.0.1',
      allocation_pools: defaultAllocationPools(cidr, '172.16.0.1'),
    };
    const base = 0xac100000n;
    const used = new Set<string>();
    for (let i = 2n; i < 5002n; i++) used.add(formatIpAddress(4, base + i));
    assert.equal(allocateAddress(subnet, used), '172.16.19.138');
  });

  it('allocates in an IPv6 /64 using canonical texts', () => {
    const cidr = '2001:db8::/64';
    const subnet = {
      cidr,
      gateway_ip: '2001:db8::1',
      allocation_pools: defaultAllocationPools(cidr, '2001:db8::1'),
    };
    assert.equal(allocateAddress(subnet, new Set()), '2001:db8::2');
    assert.equal(allocateAddress(subnet, new Set(['2001:db8::2', '2001:db8::3'])), '2001:db8::4');
  });

  it('allocates the last IPv6 address when everything before it is used', () => {
    const subnet = {
      cidr: '2001:db8::/126',
      gateway_ip: null,
      allocation_pools: [{ start: '2001:db8::1', end: '2001:db8::3' }],
    };
    assert.equal(allocateAddress(subnet, new Set(['2001:db8::1', '2001:db8::2'])), '2001:db8::3');
  });
});
