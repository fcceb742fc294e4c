import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatIpv6, isIpAddress, normalizeCidr, parseIpv6 } from './ip-format.js';

describe('isIpAddress', () => {
  it('accepts IPv4 dotted quads and every IPv6 text form', () => {
    for (const ip of [
      '0.0.0.0',
      '192.0.2.10',
      '255.255.255.255',
      '::',
      '::1',
      '2001:db8::',
      'fe80::1:2',
      '2001:0db8:0000:0000:0000:ff00:0042:8329',
      '1:2:3:4:5:6:7::',
      '::2:3:4:5:6:7:8',
      '::ffff:1.2.3.4',
      '64:ff9b::192.0.2.33',
      'ABCD:EF01::1',
    ]) {
      assert.equal(isIpAddress(ip), true, ip);
    }
  });

  it('rejects malformed addresses', () => {
    for (const ip of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3.-4',
      ' 1.2.3.4',
      ':::',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4::5:6:7:8',
      '12345::',
      ':1::',
      '1::2:',
      'fe80::1%eth0',
      '::1.2.3.4:5',
      'g::1',
      'localhost',
    ]) {
      assert.equal(isIpAddress(ip), false, ip);
    }
  });
});

describe('parseIpv6 / formatIpv6', () => {
  it('expands `::` and embedded IPv4', () => {
    assert.deepEqual(parseIpv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
  });

  it('compresses the longest zero run of at least two groups, lower case', () => {
    assert.equal(formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 0]), '2001:db8:0:0:1::');
    assert.equal(formatIpv6([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]), '2001:db8:0:1:1:1:1:1');
    assert.equal(formatIpv6([0, 0, 0, 0, 0, 0, 0, 0]), '::');
  });
});

describe('normalizeCidr', () => {
  it('masks the address to the network and keeps the prefix', () => {
    assert.equal(normalizeCidr('192.0.2.1/24'), '192.0.2.0/24');
    assert.equal(normalizeCidr('10.1.2.3/9'), '10.0.0.0/9');
    assert.equal(normalizeCidr('0.0.0.0/0'), '0.0.0.0/0');
    assert.equal(normalizeCidr('2001:DB8:a0b:12f0::1/64'), '2001:db8:a0b:12f0::/64');
    assert.equal(normalizeCidr('2001:db8::ffff/113'), '2001:db8::8000/113');
  });

  it('treats a bare address as a host route', () => {
    assert.equal(normalizeCidr('192.0.2.7'), '192.0.2.7/32');
    assert.equal(normalizeCidr('::1'), '::1/128');
  });

  it('rejects bad prefixes and addresses', () => {
    for (const cidr of [
      '10.0.1.0/33',
      '172.16.55.1.0/25',
      '::/129',
      '10.0.0.0/',
      '10.0.0.0/-1',
      '10.0.0.0/a',
    ]) {
      assert.equal(normalizeCidr(cidr), undefined, cidr);
    }
  });
});
