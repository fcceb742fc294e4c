import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeAllowedCidrs } from './allowed-cidrs.js';
import { failure, lbRecord } from './test-fixtures.js';

describe('normalizeAllowedCidrs', () => {
  it('normalises to the network address and drops duplicates, keeping order', () => {
    assert.deepEqual(
      normalizeAllowedCidrs(['192.0.2.1/24', '198.51.100.0/24', '192.0.2.77/24'], lbRecord()),
      ['192.0.2.0/24', '198.51.100.0/24'],
    );
  });

  it('returns null for absent, null or empty lists', () => {
    assert.equal(normalizeAllowedCidrs(undefined, lbRecord()), null);
    assert.equal(normalizeAllowedCidrs(null, lbRecord()), null);
    assert.equal(normalizeAllowedCidrs([], lbRecord()), null);
  });

  it('refuses a CIDR whose IP version matches no VIP', () => {
    assert.deepEqual(
      failure(() => normalizeAllowedCidrs(['2001:db8::1/64'], lbRecord())),
      {
        kind: 'invalid',
        message:
          "Validation failure: CIDR 2001:db8::/64 IP version incompatible with all VIPs ['192.0.2.10'] IP version.",
      },
    );
  });

  it('accepts a CIDR matching an additional VIP', () => {
    const lb = lbRecord({ additional_vips: [{ subnet_id: 's6', ip_address: '2001:db8::5', port_id: 'p' }] });
    assert.deepEqual(normalizeAllowedCidrs(['2001:DB8:0:0::1/64', '0.0.0.0/0'], lb), [
      '2001:db8::/64',
      '0.0.0.0/0',
    ]);
    const v6only = lbRecord({
      vip_address: '2001:db8::10',
      additional_vips: [{ subnet_id: 's', ip_address: '2001:db8::11', port_id: 'p' }],
    });
    assert.deepEqual(
      failure(() => normalizeAllowedCidrs(['10.0.0.0/8'], v6only)).message,
      "Validation failure: CIDR 10.0.0.0/8 IP version incompatible with all VIPs ['2001:db8::10', '2001:db8::11'] IP version.",
    );
  });

  it('refuses allowed CIDRs on a load balancer with custom VIP security groups', () => {
    assert.deepEqual(
      failure(() => normalizeAllowedCidrs(['192.0.2.0/24'], lbRecord({ vip_sg_ids: ['sg-1'] }))),
      {
        kind: 'invalid',
        message: 'Validation failure: Allowed CIDRs are not allowed when using custom VIP Security Groups.',
      },
    );
  });
});
