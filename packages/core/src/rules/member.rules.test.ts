import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MemberCreateInput } from '../model/inputs.js';
import type { MemberRecord } from '../model/records.js';
import { applyMemberBatchUpdate, applyMemberUpdate, buildMember, planMemberBatch } from './member.rules.js';
import { LATER, LB_ID, NOW, PROJECT, failure, memberRecord, poolRecord } from './test-fixtures.js';

const RESERVED = ['169.254.169.254'];

function build(
  input: MemberCreateInput,
  over: { siblings?: MemberRecord[]; hasHealthMonitor?: boolean; reservedIps?: string[] } = {},
): MemberRecord {
  return buildMember(input, {
    id: 'new-member',
    now: NOW,
    pool: poolRecord(),
    hasHealthMonitor: over.hasHealthMonitor ?? false,
    siblings: over.siblings ?? [],
    reservedIps: over.reservedIps ?? RESERVED,
  });
}

describe('buildMember', () => {
  it('fills defaults; NO_MONITOR without a health monitor', () => {
    assert.deepEqual(build({ address: '192.0.2.30', protocol_port: 8080, project_id: 'x' }), {
      id: 'new-member',
      project_id: PROJECT,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'NO_MONITOR',
      admin_state_up: true,
      tags: [],
      created_at: NOW,
      updated_at: null,
      load_balancer_id: LB_ID,
      pool_id: 'pool-1',
      name: null,
      address: '192.0.2.30',
      protocol_port: 8080,
      weight: 1,
      backup: false,
      subnet_id: null,
      monitor_address: null,
      monitor_port: null,
      vnic_type: 'normal',
    });
  });

  it('starts OFFLINE when the pool has a health monitor', () => {
    assert.equal(
      build({ address: '192.0.2.30', protocol_port: 80 }, { hasHealthMonitor: true }).operating_status,
      'OFFLINE',
    );
  });

  it('refuses reserved addresses', () => {
    assert.deepEqual(
      failure(() => build({ address: '169.254.169.254', protocol_port: 80 })),
      {
        kind: 'invalid',
        message: '169.254.169.254 is not a valid option for member address',
      },
    );
    assert.equal(
      failure(() => build({ address: '2001:db8::1', protocol_port: 80 }, { reservedIps: ['2001:DB8:0::1'] }))
        .message,
      '2001:0DB8:0000:0000:0000:0000:0000:0001 is not a valid option for member address',
    );
  });

  it('409s on a duplicate address and port, comparing canonical addresses', () => {
    const existing = memberRecord({ address: '2001:db8::1', protocol_port: 80 });
    assert.deepEqual(
      failure(() => build({ address: '2001:DB8:0::1', protocol_port: 80 }, { siblings: [existing] })),
      {
        kind: 'conflict',
        message: 'Another member on this pool is already using ip 2001:DB8:0::1 on protocol_port 80',
      },
    );
    assert.equal(
      build({ address: '2001:db8::1', protocol_port: 81 }, { siblings: [existing] }).protocol_port,
      81,
    );
    const deleting = memberRecord({ provisioning_status: 'PENDING_DELETE' });
    assert.equal(
      build({ address: '192.0.2.21', protocol_port: 80 }, { siblings: [deleting] }).address,
      '192.0.2.21',
    );
  });

  it('refuses SR-IOV ports (no flavor allows them)', () => {
    assert.equal(
      failure(() => build({ address: '192.0.2.30', protocol_port: 80, request_sriov: true })).message,
      'The load balancer flavor does not allow SR-IOV member ports.',
    );
  });
});

describe('applyMemberUpdate', () => {
  const stored = memberRecord({
    name: 'm',
    weight: 5,
    backup: true,
    monitor_address: '192.0.2.99',
    monitor_port: 9,
    tags: ['a'],
  });

  it('keeps absent keys', () => {
    assert.deepEqual(applyMemberUpdate(stored, {}, { now: LATER }), { ...stored, updated_at: LATER });
  });

  it('resets weight to 1 and backup to false on null, clears the rest', () => {
    const m = applyMemberUpdate(
      stored,
      {
        name: null,
        weight: null,
        backup: null,
        monitor_address: null,
        monitor_port: null,
        tags: null,
        admin_state_up: null,
      },
      { now: LATER },
    );
    assert.deepEqual(m, {
      ...stored,
      updated_at: LATER,
      name: null,
      weight: 1,
      backup: false,
      monitor_address: null,
      monitor_port: null,
      tags: [],
      admin_state_up: false,
    });
  });
});

describe('planMemberBatch (§4.4)', () => {
  const a = memberRecord({ id: 'a', address: '192.0.2.1', protocol_port: 80 });
  const b = memberRecord({ id: 'b', address: '192.0.2.2', protocol_port: 80 });

  it('matches on address and port: update matched, create new, remove the rest', () => {
    const plan = planMemberBatch(
      [a, b],
      [
        { address: '192.0.2.1', protocol_port: 80, weight: 3 },
        { address: '192.0.2.1', protocol_port: 81 },
      ],
      false,
    );
    assert.deepEqual(plan, {
      create: [{ address: '192.0.2.1', protocol_port: 81 }],
      update: [{ stored: a, input: { address: '192.0.2.1', protocol_port: 80, weight: 3 } }],
      remove: [b],
    });
  });

  it('leaves unmatched members alone with additive_only', () => {
    const plan = planMemberBatch([a, b], [{ address: '192.0.2.3', protocol_port: 80 }], true);
    assert.deepEqual(plan, { create: [{ address: '192.0.2.3', protocol_port: 80 }], update: [], remove: [] });
  });

  it('an empty request removes everything (unless additive_only)', () => {
    assert.deepEqual(planMemberBatch([a, b], [], false).remove, [a, b]);
    assert.deepEqual(planMemberBatch([a, b], [], true), { create: [], update: [], remove: [] });
  });

  it('refuses the same existing member twice', () => {
    assert.deepEqual(
      failure(() =>
        planMemberBatch(
          [a],
          [
            { address: '192.0.2.1', protocol_port: 80 },
            { address: '192.0.2.1', protocol_port: 80, weight: 2 },
          ],
          false,
        ),
      ),
      {
        kind: 'invalid',
        message: 'Validation failure: Member must be updated only once in the same request.',
      },
    );
  });

  it('409s on the same new member twice', () => {
    assert.deepEqual(
      failure(() =>
        planMemberBatch(
          [],
          [
            { address: '192.0.2.9', protocol_port: 80 },
            { address: '192.0.2.9', protocol_port: 80 },
          ],
          false,
        ),
      ),
      {
        kind: 'conflict',
        message: 'Another member on this pool is already using ip 192.0.2.9 on protocol_port 80',
      },
    );
  });
});

describe('applyMemberBatchUpdate', () => {
  const stored = memberRecord({
    name: 'keep',
    tags: ['t'],
    subnet_id: 'sub',
    weight: 7,
    backup: true,
    admin_state_up: false,
    monitor_address: '192.0.2.50',
    monitor_port: 8080,
  });

  it('resets POST defaults but keeps name, tags and subnet_id when omitted', () => {
    const m = applyMemberBatchUpdate(stored, { address: '192.0.2.21', protocol_port: 80 }, LATER);
    assert.deepEqual(m, {
      ...stored,
      updated_at: LATER,
      weight: 1,
      backup: false,
      admin_state_up: true,
      monitor_address: null,
      monitor_port: null,
    });
  });

  it('applies given values', () => {
    const m = applyMemberBatchUpdate(
      stored,
      {
        address: '192.0.2.21',
        protocol_port: 80,
        name: 'new',
        tags: [],
        weight: 7,
        backup: true,
        admin_state_up: false,
        monitor_address: '192.0.2.50',
        monitor_port: 8080,
      },
      LATER,
    );
    assert.deepEqual(m, { ...stored, updated_at: LATER, name: 'new', tags: [] });
  });

  it('returns the same object when nothing differs', () => {
    const plain = memberRecord({ name: 'x', tags: ['t'] });
    assert.equal(applyMemberBatchUpdate(plain, { address: '192.0.2.21', protocol_port: 80 }, LATER), plain);
    assert.equal(
      applyMemberBatchUpdate(
        plain,
        { address: '192.0.2.21', protocol_port: 80, name: 'x', tags: ['t'], weight: 1 },
        LATER,
      ),
      plain,
    );
  });
});
