import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthMonitorCreateInput, HealthMonitorUpdateInput } from '../model/inputs.js';
import type { HealthMonitorRecord, PoolRecord } from '../model/records.js';
import { applyHealthMonitorUpdate, buildHealthMonitor, isUrlPath } from './health-monitor.rules.js';
import { LATER, LB_ID, NOW, PROJECT, failure, healthMonitorRecord, poolRecord } from './test-fixtures.js';

const base = { pool_id: 'pool-1', delay: 5, timeout: 3, max_retries: 3 } as const;

function build(
  input: HealthMonitorCreateInput,
  pool: PoolRecord = poolRecord(),
  existing?: HealthMonitorRecord,
): HealthMonitorRecord {
  return buildHealthMonitor(input, { id: 'new-hm', now: NOW, pool, existing });
}
const update = (stored: HealthMonitorRecord, patch: HealthMonitorUpdateInput): HealthMonitorRecord =>
  applyHealthMonitorUpdate(stored, patch, { now: LATER });
const msg = (fn: () => unknown): string => failure(fn).message;

describe('buildHealthMonitor', () => {
  it('fills HTTP defaults and initial statuses', () => {
    assert.deepEqual(build({ ...base, type: 'HTTP', project_id: 'x' }), {
      id: 'new-hm',
      project_id: PROJECT,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      tags: [],
      created_at: NOW,
      updated_at: null,
      load_balancer_id: LB_ID,
      pool_id: 'pool-1',
      name: null,
      type: 'HTTP',
      delay: 5,
      timeout: 3,
      max_retries: 3,
      max_retries_down: 3,
      http_method: 'GET',
      url_path: '/',
      expected_codes: '200',
      http_version: null,
      domain_name: null,
    });
    const custom = build({
      ...base,
      type: 'HTTPS',
      http_method: 'HEAD',
      url_path: '/health?full=1',
      expected_codes: '200-204',
      max_retries_down: 5,
    });
    assert.deepEqual(
      [custom.http_method, custom.url_path, custom.expected_codes, custom.max_retries_down],
      ['HEAD', '/health?full=1', '200-204', 5],
    );
  });

  it('stores http_* as null for other types and refuses them there', () => {
    const tcp = build({ ...base, type: 'TCP' });
    assert.deepEqual([tcp.http_method, tcp.url_path, tcp.expected_codes], [null, null, null]);
    assert.equal(
      msg(() => build({ ...base, type: 'TCP', http_method: 'GET' })),
      'http_method is not a valid option for health monitors of type TCP',
    );
    assert.equal(
      msg(() => build({ ...base, type: 'PING', url_path: '/' })),
      'url_path is not a valid option for health monitors of type PING',
    );
    assert.equal(
      msg(() => build({ ...base, type: 'TLS-HELLO', expected_codes: '200' })),
      'expected_codes is not a valid option for health monitors of type TLS-HELLO',
    );
  });

  it('checks the type against the pool protocol and the UDP-CONNECT minimum delay', () => {
    const udp = poolRecord({ protocol: 'UDP' });
    assert.equal(
      msg(() => build({ ...base, type: 'PING' }, udp)),
      'Validation failure: The associated pool protocol is UDP, so only a UDP-CONNECT/SCTP/TCP/HTTP health monitor is supported.',
    );
    assert.equal(
      msg(() => build({ ...base, type: 'UDP-CONNECT' })),
      'Validation failure: The UDP-CONNECT type is only supported for pools of type UDP/SCTP.',
    );
    assert.equal(
      msg(() => build({ ...base, type: 'UDP-CONNECT', delay: 2 }, udp)),
      'Validation failure: The request delay value 2 should be larger than 3 for UDP-CONNECT health monitor type.',
    );
    assert.equal(build({ ...base, type: 'UDP-CONNECT', delay: 3 }, udp).delay, 3);
    assert.equal(build({ ...base, type: 'SCTP', delay: 1 }, poolRecord({ protocol: 'SCTP' })).delay, 1);
  });

  it('applies the domain_name / http_version rules', () => {
    assert.equal(
      msg(() => build({ ...base, type: 'HTTP', domain_name: 'example.com' })),
      "Validation failure: 'http_version' must be specified when 'domain_name' is provided.",
    );
    assert.equal(
      msg(() => build({ ...base, type: 'HTTP', domain_name: 'example.com', http_version: 1.0 })),
      'http_version 1.0 is not a valid option for health monitors HTTP 1.1 domain name health check',
    );
    const ok = build({ ...base, type: 'HTTP', domain_name: 'example.com', http_version: 1.1 });
    assert.deepEqual([ok.domain_name, ok.http_version], ['example.com', 1.1]);
    assert.equal(build({ ...base, type: 'HTTP', http_version: 1.0 }).http_version, 1);
    assert.equal(
      msg(() => build({ ...base, type: 'HTTP', http_version: 2 })),
      "Invalid input for field/attribute http_version. Value: '2'. Value should be one of: 1.0, 1.1",
    );
    assert.equal(
      msg(() => build({ ...base, type: 'HTTP', http_version: 1.1, domain_name: '-bad.example' })),
      String.raw`Invalid input for field/attribute domain_name. Value: '-bad.example'. Value should match the pattern ^(?=.{1,253}\.?$)(?:(?!-|[^.]+_)[A-Za-z0-9-_]{1,63}(?<!-)(?:\.|$))+$`,
    );
  });

  it('validates expected_codes and url_path', () => {
    for (const good of ['200', '200,202', '200, 202 ,204', '200-299'])
      assert.equal(build({ ...base, type: 'HTTP', expected_codes: good }).expected_codes, good);
    for (const bad of ['20', '200-', '200-2000', 'abc', '200;201']) {
      assert.equal(
        msg(() => build({ ...base, type: 'HTTP', expected_codes: bad })),
        String.raw`Invalid input for field/attribute expected_codes. Value: '${bad}'. Value should match the pattern ^(\d{3}(\s*,\s*\d{3})*)$|^(\d{3}-\d{3})$`,
      );
    }
    assert.equal(
      msg(() => build({ ...base, type: 'HTTP', url_path: 'http://x/y' })),
      "Invalid input for field/attribute url_path. Value: 'http://x/y'. Value must be a valid URL Path string",
    );
    for (const path of ['/', '/a/b', '/a?b=c', "/~user/a-b_c.d!$&'()*+,;=:@", '/%41'])
      assert.equal(isUrlPath(path), true, path);
    for (const path of ['', 'a/b', '//host/x', '/a b', '/a\tb', '/%zz', '/a<b'])
      assert.equal(isUrlPath(path), false, path);
  });

  it('409s when the pool already has a monitor', () => {
    assert.deepEqual(
      failure(() => build({ ...base, type: 'TCP' }, poolRecord(), healthMonitorRecord())),
      {
        kind: 'conflict',
        message: 'This pool already has a health monitor',
      },
    );
  });

  it('guards mandatory fields', () => {
    assert.equal(
      msg(() => build({ pool_id: 'p', type: 'TCP', delay: 1, timeout: 1 })),
      "Invalid input for field/attribute max_retries. Value: 'None'. Mandatory field missing.",
    );
  });
});

describe('applyHealthMonitorUpdate', () => {
  const stored = healthMonitorRecord({
    name: 'hm',
    http_method: 'HEAD',
    url_path: '/x',
    expected_codes: '204',
    max_retries_down: 7,
    tags: ['a'],
  });

  it('keeps absent keys and statuses', () => {
    assert.deepEqual(update(stored, {}), { ...stored, updated_at: LATER });
  });

  it('resets http_* and max_retries_down on null', () => {
    const hm = update(stored, {
      name: null,
      http_method: null,
      url_path: null,
      expected_codes: null,
      max_retries_down: null,
      tags: null,
      admin_state_up: null,
    });
    assert.deepEqual(hm, {
      ...stored,
      updated_at: LATER,
      name: null,
      http_method: 'GET',
      url_path: '/',
      expected_codes: '200',
      max_retries_down: 3,
      tags: [],
      admin_state_up: false,
    });
  });

  it('refuses clearing mandatory attributes', () => {
    assert.equal(
      msg(() => update(stored, { delay: null })),
      'None is not a valid option for delay',
    );
    assert.equal(
      msg(() => update(stored, { timeout: null })),
      'None is not a valid option for timeout',
    );
    assert.equal(
      msg(() => update(stored, { max_retries: null })),
      'None is not a valid option for max_retries',
    );
  });

  it('refuses any http_* key on non-HTTP monitors, even null', () => {
    const tcp = healthMonitorRecord({ type: 'TCP', http_method: null, url_path: null, expected_codes: null });
    assert.equal(
      msg(() => update(tcp, { http_method: null })),
      'http_method is not a valid option for health monitors of type TCP',
    );
    assert.equal(
      msg(() => update(tcp, { expected_codes: '200' })),
      'expected_codes is not a valid option for health monitors of type TCP',
    );
    assert.equal(update(tcp, { delay: 9 }).delay, 9);
  });

  it('re-checks the UDP-CONNECT delay and the domain rules on the merged state', () => {
    const udp = healthMonitorRecord({
      type: 'UDP-CONNECT',
      http_method: null,
      url_path: null,
      expected_codes: null,
    });
    assert.equal(
      msg(() => update(udp, { delay: 1 })),
      'Validation failure: The request delay value 1 should be larger than 3 for UDP-CONNECT health monitor type.',
    );
    assert.equal(
      msg(() => update(stored, { domain_name: 'example.com' })),
      "Validation failure: 'http_version' must be specified when 'domain_name' is provided.",
    );
    const withDomain = update(stored, { domain_name: 'example.com', http_version: 1.1 });
    assert.equal(
      msg(() => update(withDomain, { http_version: 1.0 })),
      'http_version 1.0 is not a valid option for health monitors HTTP 1.1 domain name health check',
    );
    assert.equal(update(withDomain, { domain_name: null, http_version: null }).domain_name, null);
  });
});
