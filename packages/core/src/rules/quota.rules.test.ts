import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { flattenGraph } from '../graph/flatten-graph.js';
import {
  applyQuotaPatch,
  checkQuota,
  effectiveQuotas,
  emptyQuotaRecord,
  graphQuotaRequest,
  normalizeQuotaInput,
  quotaExceeded,
  UNLIMITED_QUOTAS,
  type QuotaLimits,
} from './quota.rules.js';

const LIMITS: QuotaLimits = { ...UNLIMITED_QUOTAS, loadbalancer: 2, member: 5, listener: 0 };

function refusal(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof DomainError);
    assert.equal(error.kind, 'forbidden');
    return error.message;
  }
  assert.fail('expected a quota refusal');
}

describe('normalizeQuotaInput', () => {
  it('maps the deprecated spellings onto the canonical names', () => {
    assert.deepEqual(normalizeQuotaInput({ load_balancer: 3, health_monitor: null, member: 7 }), {
      loadbalancer: 3,
      healthmonitor: null,
      member: 7,
    });
  });
  it('prefers the canonical name when both spellings are sent (QuotaBase.to_dict)', () => {
    assert.deepEqual(
      normalizeQuotaInput({ load_balancer: 3, loadbalancer: 4, healthmonitor: 1, health_monitor: 9 }),
      { loadbalancer: 4, healthmonitor: 1 },
    );
    assert.deepEqual(normalizeQuotaInput({ loadbalancer: null, load_balancer: 5 }), { loadbalancer: null });
  });
  it('leaves absent keys out, so a PUT changes only what it names', () => {
    assert.deepEqual(normalizeQuotaInput({}), {});
    const stored = { ...emptyQuotaRecord('p'), pool: 4, listener: 2 };
    assert.deepEqual(applyQuotaPatch(stored, normalizeQuotaInput({ listener: null, l7rule: 1 })), {
      ...emptyQuotaRecord('p'),
      pool: 4,
      l7rule: 1,
    });
  });
});

describe('effectiveQuotas', () => {
  it('replaces nulls (and a missing record) with the deployment defaults', () => {
    const defaults = { ...UNLIMITED_QUOTAS, pool: 10 };
    assert.deepEqual(effectiveQuotas(undefined, defaults), defaults);
    assert.deepEqual(effectiveQuotas({ ...emptyQuotaRecord('p'), member: 0, pool: -1 }, defaults), {
      ...defaults,
      member: 0,
      pool: -1,
    });
  });
});

describe('checkQuota', () => {
  it('passes up to the limit exactly and refuses one more', () => {
    checkQuota(LIMITS, { loadbalancer: 1 }, [['loadbalancer', 1]]);
    checkQuota(LIMITS, { member: 2 }, [['member', 3]]);
    assert.equal(
      refusal(() => checkQuota(LIMITS, { loadbalancer: 2 }, [['loadbalancer', 1]])),
      'Quota has been met for resources: Load Balancer',
    );
    assert.equal(
      refusal(() => checkQuota(LIMITS, { member: 2 }, [['member', 4]])),
      'Quota has been met for resources: Member',
    );
  });
  it('treats -1 as unlimited and 0 as none allowed', () => {
    checkQuota(LIMITS, { pool: 1_000_000 }, [['pool', 1_000_000]]);
    assert.equal(
      refusal(() => checkQuota(LIMITS, {}, [['listener', 1]])),
      'Quota has been met for resources: Listener',
    );
  });
  it('never refuses a request that adds nothing, even above a lowered limit', () => {
    checkQuota(LIMITS, { member: 50 }, [['member', 0]]);
    checkQuota(LIMITS, { member: 50 }, [['member', -2]]);
  });
  it('names the first resource over its limit, in request order', () => {
    assert.equal(
      refusal(() =>
        checkQuota(LIMITS, { loadbalancer: 2, member: 5 }, [
          ['member', 1],
          ['loadbalancer', 1],
        ]),
      ),
      'Quota has been met for resources: Member',
    );
  });
  it("uses Octavia's resource names", () => {
    assert.deepEqual(
      (['loadbalancer', 'listener', 'pool', 'healthmonitor', 'member', 'l7policy', 'l7rule'] as const).map(
        (r) => quotaExceeded(r).message.replace('Quota has been met for resources: ', ''),
      ),
      ['Load Balancer', 'Listener', 'Pool', 'Health Monitor', 'Member', 'L7 Policy', 'L7 Rule'],
    );
  });
});

describe('graphQuotaRequest', () => {
  it('counts the load balancer and every object of a fully populated create but its L7 policies', () => {
    const graph = flattenGraph(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          l7policies: [
            { action: 'REJECT', rules: [{ type: 'PATH', compare_type: 'STARTS_WITH', value: '/' }] },
          ],
          default_pool: {
            name: 'a',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: { type: 'HTTP', delay: 1, timeout: 1, max_retries: 1 },
            members: [
              { address: '192.0.2.1', protocol_port: 80 },
              { address: '192.0.2.2', protocol_port: 80 },
            ],
          },
        },
        { protocol: 'TCP', protocol_port: 81, default_pool: { name: 'b' } },
      ],
      [
        {
          name: 'b',
          protocol: 'TCP',
          lb_algorithm: 'ROUND_ROBIN',
          members: [{ address: '192.0.2.3', protocol_port: 80 }],
        },
      ],
    );
    assert.deepEqual(graphQuotaRequest(graph), [
      ['loadbalancer', 1],
      ['pool', 2],
      ['healthmonitor', 1],
      ['member', 3],
      ['listener', 2],
    ]);
  });
  it('is one load balancer for a plain create', () => {
    assert.deepEqual(graphQuotaRequest(flattenGraph([], []))[0], ['loadbalancer', 1]);
    assert.ok(
      graphQuotaRequest(flattenGraph([], []))
        .slice(1)
        .every(([, n]) => n === 0),
    );
  });
});
