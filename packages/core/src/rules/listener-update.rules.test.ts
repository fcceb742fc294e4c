import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListenerRecord, PoolRecord } from '../model/records.js';
import { DEFAULT_LISTENER_DEFAULTS, DEFAULT_TLS_CIPHERS } from './listener-defaults.js';
import { applyListenerUpdate } from './listener.rules.js';
import { LATER, failure, lbRecord, listenerRecord, poolRecord } from './test-fixtures.js';

const lb = lbRecord();

function update(
  stored: ListenerRecord,
  patch: Parameters<typeof applyListenerUpdate>[1],
  defaultPool?: PoolRecord,
): ListenerRecord {
  return applyListenerUpdate(stored, patch, {
    now: LATER,
    loadBalancer: lb,
    defaultPool,
    defaults: DEFAULT_LISTENER_DEFAULTS,
  });
}

describe('applyListenerUpdate', () => {
  const stored = listenerRecord({
    name: 'web',
    description: 'd',
    connection_limit: 10,
    timeout_client_data: 1,
    timeout_member_connect: 2,
    timeout_member_data: 3,
    timeout_tcp_inspect: 4,
    allowed_cidrs: ['192.0.2.0/24'],
    tags: ['a'],
    insert_headers: { 'X-Forwarded-For': 'true' },
    default_pool_id: 'pool-1',
    provisioning_status: 'PENDING_UPDATE',
  });

  it('keeps absent keys and statuses and stamps updated_at', () => {
    const l = update(stored, {});
    assert.deepEqual(l, { ...stored, updated_at: LATER });
  });

  it('resets to defaults or clears on null (§4.2 "PUT null resets")', () => {
    const l = update(stored, {
      name: null,
      description: null,
      connection_limit: null,
      timeout_client_data: null,
      timeout_member_connect: null,
      timeout_member_data: null,
      timeout_tcp_inspect: null,
      allowed_cidrs: null,
      tags: null,
      insert_headers: null,
      default_pool_id: null,
      admin_state_up: null,
      client_authentication: null,
      hsts_include_subdomains: null,
      hsts_preload: null,
      hsts_max_age: null,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
    });
    assert.deepEqual(l, {
      ...stored,
      updated_at: LATER,
      name: null,
      description: null,
      connection_limit: -1,
      timeout_client_data: 50000,
      timeout_member_connect: 5000,
      timeout_member_data: 50000,
      timeout_tcp_inspect: 0,
      allowed_cidrs: null,
      tags: [],
      insert_headers: {},
      default_pool_id: null,
      admin_state_up: false,
    });
  });

  it('resets TLS settings of a TERMINATED_HTTPS listener to the deployment defaults', () => {
    const t = listenerRecord({
      protocol: 'TERMINATED_HTTPS',
      default_tls_container_ref: 'c',
      tls_ciphers: 'X',
      tls_versions: ['TLSv1.3'],
      alpn_protocols: ['h2'],
    });
    const l = update(t, { tls_ciphers: null, tls_versions: null, alpn_protocols: null });
    assert.deepEqual(
      [l.tls_ciphers, l.tls_versions, l.alpn_protocols],
      [DEFAULT_TLS_CIPHERS, ['TLSv1.2', 'TLSv1.3'], ['h2', 'http/1.1', 'http/1.0']],
    );
    assert.equal(
      failure(() => update(t, { alpn_protocols: [] })).message,
      'Validation failure: Empty ALPN protocol list. Either specify at least one ALPN protocol or remove this parameter to use the default.',
    );
  });

  it('uses the PUT wording for UDP/SCTP TLS and headers', () => {
    const udp = listenerRecord({ protocol: 'UDP', protocol_port: 53 });
    assert.equal(
      failure(() => update(udp, { insert_headers: { 'X-Forwarded-For': 'true' } })).message,
      'Validation failure: UDP protocol listener does not support TLS or header insertion.',
    );
    assert.equal(
      failure(() => update(listenerRecord({ protocol: 'SCTP' }), { sni_container_refs: ['s'] })).message,
      'Validation failure: SCTP protocol listener does not support TLS or header insertion.',
    );
  });

  it('re-checks certificates against the stored protocol and the merged state', () => {
    assert.equal(
      failure(() => update(stored, { default_tls_container_ref: 'c' })).message,
      'Validation failure: Certificate container references are not allowed on HTTP protocol listeners.',
    );
    const t = listenerRecord({ protocol: 'TERMINATED_HTTPS', default_tls_container_ref: 'c' });
    assert.equal(
      failure(() => update(t, { client_authentication: 'OPTIONAL' })).message,
      'Validation failure: Client authentication setting OPTIONAL requires a client CA container reference.',
    );
    assert.equal(
      failure(() => update(t, { client_crl_container_ref: 'crl' })).message,
      'Validation failure: A client authentication CA reference is required to specify a client authentication revocation list.',
    );
    assert.equal(
      failure(() => update(t, { default_tls_container_ref: null })).message,
      'Validation failure: An SNI or default certificate container reference must be provided for TERMINATED_HTTPS protocol listeners.',
    );
    const withCa = update(t, { client_ca_tls_container_ref: 'ca', client_authentication: 'MANDATORY' });
    assert.deepEqual([withCa.client_ca_tls_container_ref, withCa.client_authentication], ['ca', 'MANDATORY']);
    assert.equal(update(withCa, { client_authentication: null }).client_authentication, 'NONE');
  });

  it('checks insert_headers against the stored protocol', () => {
    assert.equal(
      failure(() =>
        update(listenerRecord({ protocol: 'TCP' }), { insert_headers: { 'X-Forwarded-For': 'true' } }),
      ).message,
      'insert-headers is not a valid option for a TCP protocol listener.',
    );
    assert.deepEqual(update(stored, { insert_headers: { 'X-Forwarded-Port': 'true' } }).insert_headers, {
      'X-Forwarded-Port': 'true',
    });
  });

  it('applies the PUT HSTS rules', () => {
    const t = listenerRecord({ protocol: 'TERMINATED_HTTPS', default_tls_container_ref: 'c' });
    assert.equal(
      failure(() => update(t, { hsts_include_subdomains: true })).message,
      'Validation failure: Cannot enable hsts_include_subdomains or hsts_preload if hsts_max_age was not set as well.',
    );
    assert.equal(
      failure(() => update(stored, { hsts_max_age: 5 })).message,
      'Validation failure: The HSTS feature can only be used for listeners using the TERMINATED_HTTPS protocol.',
    );
    const on = update(t, { hsts_max_age: 100, hsts_preload: true });
    assert.equal(update(on, { hsts_include_subdomains: true }).hsts_include_subdomains, true);
  });

  it('validates allowed_cidrs and a new default pool', () => {
    assert.deepEqual(update(stored, { allowed_cidrs: ['198.51.100.9/24'] }).allowed_cidrs, [
      '198.51.100.0/24',
    ]);
    assert.equal(update(stored, { allowed_cidrs: [] }).allowed_cidrs, null);
    assert.equal(
      failure(() => update(stored, { default_pool_id: 'pool-2' })).message,
      'Pool pool-2 not found.',
    );
    const pool2 = poolRecord({ id: 'pool-2', protocol: 'TCP' });
    assert.equal(
      failure(() => update(stored, { default_pool_id: 'pool-2' }, pool2)).message,
      "Validation failure: The pool protocol 'TCP' is invalid while the listener protocol is 'HTTP'.",
    );
    assert.equal(
      update(stored, { default_pool_id: 'pool-2' }, poolRecord({ id: 'pool-2', protocol: 'PROXY' }))
        .default_pool_id,
      'pool-2',
    );
  });
});
