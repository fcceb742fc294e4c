import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { cidrContains, normalizeCidr, parseCidr } from './cidr.js';

describe('parseCidr', () => {
  it('parses IPv4 and IPv6 CIDRs, clearing host bits', () => {
    assert.deepEqual(parseCidr('192.0.2.77/24'), { version: 4, network: 0xc0000200n, prefix: 24 });
    assert.deepEqual(parseCidr('2001:db8::1/32'), { version: 6, network: 0x20010db8n << 96n, prefix: 32 });
    assert.deepEqual(parseCidr('0.0.0.0/0'), { version: 4, network: 0n, prefix: 0 });
  });

  it('rejects malformed CIDRs', () => {
    for (const s of [
      '192.0.2.0',
      '192.0.2.0/33',
      '::/129',
      '192.0.2.0/',
      '/24',
      '192.0.2.0/24/1',
      '192.0.2.0/024',
      '192.0.2.0/-1',
      'x/8',
    ]) {
      assert.equal(parseCidr(s), undefined, s);
    }
  });
});

describe('normalizeCidr', () => {
  it('returns the network address with the prefix', () => {
    assert.equal(normalizeCidr('192.0.2.1/24'), '192.0.2.0/24');
    assert.equal(normalizeCidr('10.1.2.3/8'), '10.0.0.0/8');
    assert.equal(normalizeCidr('10.1.2.3/32'), '10.1.2.3/32');
    assert.equal(normalizeCidr('2001:DB8:0:0:1::5/64'), '2001:db8::/64');
    assert.equal(normalizeCidr('::/0'), '::/0');
  });

  it('throws the WSME CIDR validation error', () => {
    assert.throws(
      () => normalizeCidr('192.0.2.1'),
      (e: unknown) =>
        e instanceof DomainError &&
        e.message ===
          "Invalid input for field/attribute cidr. Value: '192.0.2.1'. Value should be IPv4 or IPv6 CIDR format",
    );
  });
});

describe('cidrContains', () => {
  it('tests membership within the same IP version only', () => {
    assert.equal(cidrContains('192.0.2.0/24', '192.0.2.255'), true);
    assert.equal(cidrContains('192.0.2.0/24', '192.0.3.0'), false);
    assert.equal(cidrContains('2001:db8::/64', '2001:db8::ffff:1'), true);
    assert.equal(cidrContains('2001:db8::/64', '2001:db8:0:1::1'), false);
    assert.equal(cidrContains('0.0.0.0/0', '::1'), false);
    assert.equal(cidrContains('::/0', '::ffff:192.0.2.1'), true);
    assert.equal(cidrContains('192.0.2.0/24', 'not-an-ip'), false);
  });
});
