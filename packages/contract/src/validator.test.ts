import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HealthMonitorCreateBody, HealthMonitorUpdateBody } from './health-monitor.schema.js';
import { ListenerCreateBody, ListenerUpdateBody } from './listener.schema.js';
import { LoadBalancerCreateBody, LoadBalancerUpdateBody } from './load-balancer.schema.js';
import { MemberCreateBody, MembersBatchBody, MemberUpdateBody } from './member.schema.js';
import { PoolCreateBody, PoolUpdateBody } from './pool.schema.js';
import { propertyNames } from './schema-view.js';
import { compileValidator, type ValidationResult } from './validator.js';

const LB_ID = '607226db-27ef-4d41-ae89-f2a800e9c2db';
const SUBNET_ID = 'd4af86e1-0051-488c-b7a0-527f97490c9a';
const POOL_ID = '9b2d4c5e-8f31-4a8e-b0b4-3f0b9a1c2d3e';

const listener = compileValidator(ListenerCreateBody);
const loadBalancer = compileValidator(LoadBalancerCreateBody);
const healthMonitor = compileValidator(HealthMonitorCreateBody);
const member = compileValidator(MemberCreateBody);

function message<T>(result: ValidationResult<T>): string {
  assert.equal(result.ok, false, 'expected a validation failure');
  return result.ok ? '' : result.message;
}
function value<T>(result: ValidationResult<T>): T {
  if (!result.ok) assert.fail(`unexpected failure: ${result.message}`);
  return result.value;
}
const httpListener = (extra: Record<string, unknown>) => ({
  listener: { loadbalancer_id: LB_ID, protocol: 'HTTP', protocol_port: 80, ...extra },
});

describe('compileValidator: coercion', () => {
  it('coerces numeric strings to integers (connection_limit, protocol_port)', () => {
    const body = value(listener(httpListener({ protocol_port: '80', connection_limit: '10' })));
    assert.equal(body.listener.protocol_port, 80);
    assert.equal(body.listener.connection_limit, 10);
  });

  it('coerces a float string for http_version', () => {
    const body = {
      healthmonitor: { pool_id: POOL_ID, type: 'HTTP', delay: '3', timeout: 1, max_retries: 1 },
    };
    const out = value(healthMonitor({ healthmonitor: { ...body.healthmonitor, http_version: '1.1' } }));
    assert.equal(out.healthmonitor.http_version, 1.1);
    assert.equal(out.healthmonitor.delay, 3);
  });

  it('coerces boolean words, case-insensitively, and integers', () => {
    const cases: [unknown, boolean][] = [
      ['true', true],
      ['T', true],
      ['yes', true],
      ['Y', true],
      ['on', true],
      ['1', true],
      [1, true],
      ['false', false],
      ['F', false],
      ['NO', false],
      ['n', false],
      ['off', false],
      ['0', false],
      [0, false],
    ];
    for (const [input, expected] of cases) {
      const out = value(listener(httpListener({ admin_state_up: input })));
      assert.equal(out.listener.admin_state_up, expected, `admin_state_up=${String(input)}`);
    }
  });

  it('keeps null as null (never 0 or false) for optional attributes', () => {
    const out = value(listener(httpListener({ connection_limit: null, admin_state_up: null, name: null })));
    assert.equal(out.listener.connection_limit, null);
    assert.equal(out.listener.admin_state_up, null);
    assert.equal(out.listener.name, null);
  });

  it('does not mutate its input', () => {
    const input = httpListener({ protocol_port: '80', tags: ['a'] });
    const copy = structuredClone(input);
    value(listener(input));
    assert.deepEqual(input, copy);
  });

  it('normalizes UUIDs and CIDRs like WSME/Octavia types', () => {
    const out = value(
      listener({
        listener: {
          loadbalancer_id: LB_ID.toUpperCase(),
          protocol: 'TCP',
          protocol_port: 22,
          allowed_cidrs: ['192.0.2.1/24', '2001:DB8::1/64'],
        },
      }),
    );
    assert.equal(out.listener.loadbalancer_id, LB_ID);
    assert.deepEqual(out.listener.allowed_cidrs, ['192.0.2.0/24', '2001:db8::/64']);
  });
});

describe('compileValidator: WSME error messages', () => {
  it('rejects an ambiguous boolean against the body argument', () => {
    const input = httpListener({ admin_state_up: 'maybe' });
    assert.equal(
      message(listener(input)),
      "Invalid input for field/attribute listener_. Value: '{'listener': {'loadbalancer_id': " +
        `'${LB_ID}', 'protocol': 'HTTP', 'protocol_port': 80, 'admin_state_up': 'maybe'}}'. ` +
        'Value not an unambiguous boolean: maybe',
    );
  });

  it('rejects a non-numeric string for an integer like Python int()', () => {
    assert.equal(
      message(member({ member: { address: '192.0.2.10', protocol_port: 'eighty' } })),
      "Invalid input for field/attribute member_. Value: '{'member': {'address': '192.0.2.10', " +
        "'protocol_port': 'eighty'}}'. invalid literal for int() with base 10: 'eighty'",
    );
  });

  it('reports a missing mandatory attribute', () => {
    assert.equal(
      message(listener({ listener: { loadbalancer_id: LB_ID, protocol: 'HTTP' } })),
      "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.",
    );
  });

  it('reports JSON null for a mandatory attribute as missing', () => {
    assert.equal(
      message(listener(httpListener({ protocol: null }))),
      "Invalid input for field/attribute protocol. Value: 'None'. Mandatory field missing.",
    );
  });

  it('reports a missing wrapper key as a missing mandatory field', () => {
    assert.equal(
      message(listener({})),
      "Invalid input for field/attribute listener. Value: 'None'. Mandatory field missing.",
    );
  });

  it('lists enum values in the declared order', () => {
    assert.equal(
      message(listener(httpListener({ protocol: 'FTP' }))),
      "Invalid input for field/attribute protocol. Value: 'FTP'. Value should be one of: " +
        'HTTP, HTTPS, TCP, TERMINATED_HTTPS, UDP, SCTP, PROMETHEUS',
    );
    const hm = { pool_id: POOL_ID, type: 'HTTP', delay: 1, timeout: 1, max_retries: 1, http_version: 2 };
    assert.equal(
      message(healthMonitor({ healthmonitor: hm })),
      "Invalid input for field/attribute http_version. Value: '2.0'. Value should be one of: 1.0, 1.1",
    );
  });

  it('checks integer ranges', () => {
    assert.equal(
      message(listener(httpListener({ protocol_port: 0 }))),
      "Invalid input for field/attribute protocol_port. Value: '0'. Value should be greater or equal to 1",
    );
    assert.equal(
      message(listener(httpListener({ protocol_port: '65536' }))),
      "Invalid input for field/attribute protocol_port. Value: '65536'. Value should be lower or equal to 65535",
    );
    assert.equal(
      message(listener(httpListener({ connection_limit: -2 }))),
      "Invalid input for field/attribute connection_limit. Value: '-2'. Value should be greater or equal to -1",
    );
    assert.equal(
      message(member({ member: { address: '192.0.2.10', protocol_port: 80, weight: 257 } })),
      "Invalid input for field/attribute weight. Value: '257'. Value should be lower or equal to 256",
    );
  });

  it('checks UUID, IP and CIDR formats', () => {
    assert.equal(
      message(listener({ listener: { loadbalancer_id: 'not-a-uuid', protocol: 'HTTP', protocol_port: 80 } })),
      "Invalid input for field/attribute loadbalancer_id. Value: 'not-a-uuid'. Value should be UUID format",
    );
    assert.equal(
      message(member({ member: { address: '192.0.2.300', protocol_port: 80 } })),
      "Invalid input for field/attribute address. Value: '192.0.2.300'. Value should be IPv4 or IPv6 format",
    );
    assert.equal(
      message(listener(httpListener({ allowed_cidrs: ['10.0.1.0/33', '172.16.55.1.0/25'] }))),
      "Invalid input for field/attribute allowed_cidrs. Value: '['10.0.1.0/33', '172.16.55.1.0/25']'. " +
        'Value should be IPv4 or IPv6 CIDR format',
    );
  });

  it('checks string type, length and pattern', () => {
    assert.equal(
      message(listener(httpListener({ name: 42 }))),
      "Invalid input for field/attribute name. Value: '42'. Value should be string",
    );
    const long = 'x'.repeat(256);
    assert.equal(
      message(listener(httpListener({ description: long }))),
      `Invalid input for field/attribute description. Value: '${long}'. ` +
        'Value should have a maximum character requirement of 255',
    );
    assert.equal(
      message(listener(httpListener({ tags: ['ok', long] }))),
      `Invalid input for field/attribute tags. Value: '['ok', '${long}']'. ` +
        'Value should have a maximum character requirement of 255',
    );
    const hm = {
      pool_id: POOL_ID,
      type: 'HTTP',
      delay: 1,
      timeout: 1,
      max_retries: 1,
      expected_codes: '2xx',
    };
    assert.equal(
      message(healthMonitor({ healthmonitor: hm })),
      "Invalid input for field/attribute expected_codes. Value: '2xx'. " +
        'Value should match the pattern ^(\\d{3}(\\s*,\\s*\\d{3})*)$|^(\\d{3}-\\d{3})$',
    );
  });

  it('checks URL paths', () => {
    const hm = { pool_id: POOL_ID, type: 'HTTP', delay: 1, timeout: 1, max_retries: 1, url_path: 'health' };
    assert.equal(
      message(healthMonitor({ healthmonitor: hm })),
      "Invalid input for field/attribute url_path. Value: 'health'. Value must be a valid URL Path string",
    );
  });

  it('rejects a non-list for a list attribute against the body argument', () => {
    assert.equal(
      message(member({ member: { address: '192.0.2.10', protocol_port: 80, tags: 'web' } })),
      "Invalid input for field/attribute member_. Value: '{'member': {'address': '192.0.2.10', " +
        "'protocol_port': 80, 'tags': 'web'}}'. Value not a valid list: web",
    );
  });

  it('names one unknown attribute (singular) and several (plural)', () => {
    assert.equal(
      message(listener(httpListener({ foo: 1 }))),
      'Unknown attribute for argument listener_.listener: foo',
    );
    assert.equal(
      message(listener(httpListener({ foo: 1, bar: 2 }))),
      'Unknown attributes for argument listener_.listener: foo, bar',
    );
    assert.equal(
      message(listener({ ...httpListener({}), extra: true })),
      'Unknown attribute for argument listener_: extra',
    );
  });

  it('rejects attributes that PUT does not accept', () => {
    const update = compileValidator(ListenerUpdateBody);
    assert.equal(
      message(update({ listener: { protocol_port: 81 } })),
      'Unknown attribute for argument listener_.listener: protocol_port',
    );
    const lbUpdate = compileValidator(LoadBalancerUpdateBody);
    assert.equal(
      message(lbUpdate({ loadbalancer: { vip_address: '192.0.2.1' } })),
      'Unknown attribute for argument load_balancer.loadbalancer: vip_address',
    );
  });
});

describe('compileValidator: minimal valid bodies', () => {
  const cases: [string, (data: unknown) => ValidationResult<unknown>, unknown][] = [
    ['load balancer create', loadBalancer, { loadbalancer: { vip_subnet_id: SUBNET_ID } }],
    ['load balancer update', compileValidator(LoadBalancerUpdateBody), { loadbalancer: {} }],
    ['listener create', listener, httpListener({})],
    ['listener update', compileValidator(ListenerUpdateBody), { listener: {} }],
    [
      'pool create',
      compileValidator(PoolCreateBody),
      { pool: { loadbalancer_id: LB_ID, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' } },
    ],
    ['pool update', compileValidator(PoolUpdateBody), { pool: { session_persistence: {} } }],
    ['member create', member, { member: { address: '2001:db8::10', protocol_port: 80 } }],
    ['member update', compileValidator(MemberUpdateBody), { member: { weight: 0 } }],
    [
      'members batch',
      compileValidator(MembersBatchBody),
      { members: [{ address: '192.0.2.1', protocol_port: '80' }] },
    ],
    [
      'health monitor create',
      healthMonitor,
      { healthmonitor: { pool_id: POOL_ID, type: 'TCP', delay: 5, timeout: 3, max_retries: 3 } },
    ],
    ['health monitor update', compileValidator(HealthMonitorUpdateBody), { healthmonitor: { delay: 10 } }],
  ];
  for (const [label, validate, body] of cases) {
    it(`accepts a minimal ${label}`, () => {
      const result = validate(body);
      assert.deepEqual(result, { ok: true, value: result.ok ? result.value : undefined });
      assert.equal(typeof value(result), 'object');
    });
  }

  it('accepts tenant_id and project_id on standalone creates', () => {
    const out = value(listener(httpListener({ project_id: 'p1', tenant_id: 'p1' })));
    assert.equal(out.listener.tenant_id, 'p1');
  });

  it('validates batch member items and names the batch argument', () => {
    const batch = compileValidator(MembersBatchBody);
    assert.equal(
      message(batch({ members: [{ address: '192.0.2.1' }] })),
      "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.",
    );
    assert.equal(
      message(batch({ members: [{ address: '192.0.2.1', protocol_port: 80, color: 'red' }] })),
      'Unknown attribute for argument members_.members: color',
    );
  });
});

describe('propertyNames', () => {
  it('lists the top-level attributes of an object schema', () => {
    assert.deepEqual(propertyNames(MemberUpdateBody), ['member']);
    assert.deepEqual(propertyNames(ListenerUpdateBody.properties.listener).slice(0, 4), [
      'name',
      'description',
      'admin_state_up',
      'connection_limit',
    ]);
  });
});
