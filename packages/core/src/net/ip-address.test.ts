import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { canonicalIp, formatIpAddress, ipVersion, parseIpAddress } from './ip-address.js';

describe('ipVersion', () => {
  it('recognises IPv4 dotted quads', () => {
    assert.equal(ipVersion('192.0.2.1'), 4);
    assert.equal(ipVersion('0.0.0.0'), 4);
    assert.equal(ipVersion('255.255.255.255'), 4);
  });

  it('rejects malformed IPv4', () => {
    for (const s of [
      '256.0.0.1',
      '1.2.3',
      '1.2.3.4.5',
      '01.2.3.4',
      '1.2.3.',
      '',
      ' 1.2.3.4',
      '1.2.3.4 ',
      'a.b.c.d',
      '1..2.3',
    ]) {
      assert.equal(ipVersion(s), undefined, s);
    }
  });

  it('accepts every RFC 4291 IPv6 text form', () => {
    for (const s of [
      '::',
      '::1',
      '1::',
      '2001:db8::1',
      '2001:DB8:0:0:8:800:200C:417A',
      'fe80:0000:0000:0000:0204:61ff:fe9d:f156',
      '::ffff:192.0.2.1',
      '::192.0.2.1',
      '1:2:3:4:5:6:192.0.2.1',
      '1:2:3:4:5::192.0.2.1',
      '1:2:3:4:5:6:7::',
      '::2:3:4:5:6:7:8',
    ]) {
      assert.equal(ipVersion(s), 6, s);
    }
  });

  it('rejects malformed IPv6', () => {
    for (const s of [
      ':::',
      '1:::2',
      '1::2::3',
      ':1::2',
      '1::2:',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7',
      '1:2:3:4:5:6:7:8::',
      '::1:2:3:4:5:6:7:8',
      '12345::',
      'g::1',
      '1.2.3.4::',
      '::1.2.3.4:5',
      '1:2:3:4:5:6:7:1.2.3.4',
      '::256.1.1.1',
      'fe80::1%eth0',
      '[::1]',
    ]) {
      assert.equal(ipVersion(s), undefined, s);
    }
  });

  it('parses embedded IPv4 into the low 32 bits', () => {
    assert.deepEqual(parseIpAddress('::ffff:192.0.2.1'), { version: 6, value: 0xffffc0000201n });
    assert.deepEqual(parseIpAddress('::1'), { version: 6, value: 1n });
  });
});

describe('canonicalIp', () => {
  it('keeps IPv4 as is', () => {
    assert.equal(canonicalIp('10.0.0.1'), '10.0.0.1');
  });

  it('produces RFC 5952 text for IPv6', () => {
    assert.equal(canonicalIp('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canonicalIp('2001:0db8:0000:0000:0001:0000:0000:0001'), '2001:db8::1:0:0:1');
    assert.equal(canonicalIp('2001:db8:0:1:1:1:1:1'), '2001:db8:0:1:1:1:1:1');
    assert.equal(canonicalIp('0:0:0:0:0:0:0:0'), '::');
    assert.equal(canonicalIp('0:0:0:0:0:0:0:1'), '::1');
    assert.equal(canonicalIp('1:0:0:0:0:0:0:0'), '1::');
    assert.equal(canonicalIp('1:0:0:2:0:0:0:3'), '1:0:0:2::3');
    assert.equal(canonicalIp('::192.0.2.1'), '::c000:201');
    assert.equal(canonicalIp('::FFFF:c000:0201'), '::ffff:192.0.2.1');
  });

  it('throws the WSME IP validation error for non-IPs', () => {
    assert.throws(
      () => canonicalIp('nope'),
      (e: unknown) =>
        e instanceof DomainError &&
        e.kind === 'invalid' &&
        e.message ===
          "Invalid input for field/attribute ip_address. Value: 'nope'. Value should be IPv4 or IPv6 format",
    );
  });

  it('round-trips through formatIpAddress', () => {
    assert.equal(formatIpAddress(4, 0xc0000201n), '192.0.2.1');
    assert.equal(formatIpAddress(6, (1n << 128n) - 1n), 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
  });
});
