import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PoolCreateInput } from '../model/inputs.js';
import type { ListenerRecord, PoolRecord } from '../model/records.js';
import { DEFAULT_LISTENER_DEFAULTS, DEFAULT_TLS_CIPHERS } from './listener-defaults.js';
import { applyPoolUpdate, buildPool } from './pool.rules.js';
import {
  LATER,
  LB_ID,
  NOW,
  PROJECT,
  failure,
  lbRecord,
  listenerRecord,
  poolRecord,
} from './test-fixtures.js';

const defaults = DEFAULT_LISTENER_DEFAULTS;
const base: PoolCreateInput = { loadbalancer_id: LB_ID, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' };

function build(input: PoolCreateInput, listener?: ListenerRecord): PoolRecord {
  return buildPool(input, { id: 'new-pool', now: NOW, loadBalancer: lbRecord(), listener, defaults });
}
const update = (stored: PoolRecord, patch: Parameters<typeof applyPoolUpdate>[1]): PoolRecord =>
  applyPoolUpdate(stored, patch, { now: LATER, defaults });
const msg = (fn: () => unknown): string => failure(fn).message;

describe('buildPool', () => {
  it('fills defaults and initial statuses, ignoring project_id', () => {
    assert.deepEqual(build({ ...base, project_id: 'other', tenant_id: 'other' }), {
      id: 'new-pool',
      project_id: PROJECT,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      admin_state_up: true,
      tags: [],
      created_at: NOW,
      updated_at: null,
      load_balancer_id: LB_ID,
      name: null,
      description: null,
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
      session_persistence: null,
      tls_enabled: false,
      tls_container_ref: null,
      ca_tls_container_ref: null,
      crl_container_ref: null,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
    });
  });

  it('gives TLS-enabled pools the deployment TLS defaults', () => {
    const p = build({ ...base, tls_enabled: true });
    assert.deepEqual(
      [p.tls_ciphers, p.tls_versions, p.alpn_protocols],
      [DEFAULT_TLS_CIPHERS, ['TLSv1.2', 'TLSv1.3'], ['h2', 'http/1.1', 'http/1.0']],
    );
    assert.deepEqual(build({ ...base, tls_enabled: true, tls_versions: ['TLSv1.3'] }).tls_versions, [
      'TLSv1.3',
    ]);
    assert.equal(
      msg(() => build({ ...base, tls_enabled: true, tls_versions: ['TLSv1.2', 'TLSv2'] })),
      'Validation failure: Invalid TLS versions: TLSv2',
    );
  });

  it('needs a load balancer or a listener', () => {
    assert.deepEqual(
      failure(() => build({ protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' })),
      {
        kind: 'invalid',
        message: 'Validation failure: Must provide at least one of: loadbalancer_id, listener_id',
      },
    );
  });

  it('binds to a listener: existence, protocol matrix, PROMETHEUS, default-pool conflict', () => {
    const input = { protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', listener_id: 'listener-1' } as const;
    assert.equal(build(input, listenerRecord()).load_balancer_id, LB_ID);
    assert.deepEqual(
      failure(() => build(input)),
      { kind: 'not_found', message: 'Listener listener-1 not found.' },
    );
    assert.equal(
      msg(() => build(input, listenerRecord({ load_balancer_id: 'lb-2' }))),
      'Listener listener-1 not found.',
    );
    assert.equal(
      msg(() => build({ ...input, protocol: 'TCP' }, listenerRecord())),
      "Validation failure: The pool protocol 'TCP' is invalid while the listener protocol is 'HTTP'.",
    );
    assert.deepEqual(
      failure(() => build(input, listenerRecord({ protocol: 'PROMETHEUS' }))),
      {
        kind: 'invalid',
        message: 'Protocol PROMETHEUS listeners cannot have child objects.',
      },
    );
    assert.deepEqual(
      failure(() => build(input, listenerRecord({ default_pool_id: 'pool-0' }))),
      {
        kind: 'conflict',
        message: 'This listener already has a default pool',
      },
    );
  });

  it('needs a CA for a CRL', () => {
    assert.equal(
      msg(() => build({ ...base, crl_container_ref: 'crl' })),
      'Validation failure: A CA certificate reference is required to specify a revocation list.',
    );
    assert.equal(
      build({ ...base, crl_container_ref: 'crl', ca_tls_container_ref: 'ca' }).crl_container_ref,
      'crl',
    );
  });

  it('normalises session persistence against the pool protocol', () => {
    assert.deepEqual(build({ ...base, session_persistence: { type: 'SOURCE_IP' } }).session_persistence, {
      type: 'SOURCE_IP',
      cookie_name: null,
      persistence_timeout: null,
      persistence_granularity: null,
    });
    assert.equal(
      msg(() => build({ ...base, protocol: 'UDP', session_persistence: { type: 'HTTP_COOKIE' } })),
      'Validation failure: Session persistence of type HTTP_COOKIE is not supported for UDP/SCTP protocol pools.',
    );
  });
});

describe('applyPoolUpdate', () => {
  const stored = poolRecord({
    name: 'p',
    description: 'd',
    tags: ['x'],
    tls_enabled: true,
    tls_ciphers: 'X',
    tls_versions: ['TLSv1.3'],
    alpn_protocols: ['h2'],
    session_persistence: {
      type: 'APP_COOKIE',
      cookie_name: 'c',
      persistence_timeout: null,
      persistence_granularity: null,
    },
    ca_tls_container_ref: 'ca',
    crl_container_ref: 'crl',
    provisioning_status: 'PENDING_UPDATE',
  });

  it('keeps absent keys and statuses', () => {
    assert.deepEqual(update(stored, {}), { ...stored, updated_at: LATER });
  });

  it('clears or resets on null', () => {
    const p = update(stored, {
      name: null,
      description: null,
      tags: null,
      admin_state_up: null,
      tls_enabled: null,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
      session_persistence: null,
      crl_container_ref: null,
      ca_tls_container_ref: null,
    });
    assert.deepEqual(p, {
      ...stored,
      updated_at: LATER,
      name: null,
      description: null,
      tags: [],
      admin_state_up: false,
      tls_enabled: false,
      tls_ciphers: DEFAULT_TLS_CIPHERS,
      tls_versions: ['TLSv1.2', 'TLSv1.3'],
      alpn_protocols: ['h2', 'http/1.1', 'http/1.0'],
      session_persistence: null,
      crl_container_ref: null,
      ca_tls_container_ref: null,
    });
    assert.equal(
      msg(() => update(stored, { lb_algorithm: null })),
      'None is not a valid option for lb_algorithm',
    );
    assert.equal(update(stored, { lb_algorithm: 'SOURCE_IP' }).lb_algorithm, 'SOURCE_IP');
  });

  it('guards the CA / CRL pair', () => {
    assert.equal(
      msg(() => update(stored, { ca_tls_container_ref: null })),
      'Validation failure: A CA reference cannot be removed when a certificate revocation list is present.',
    );
    const noCa = poolRecord();
    assert.equal(
      msg(() => update(noCa, { crl_container_ref: 'crl' })),
      'Validation failure: A CA reference is required to specify a certificate revocation list.',
    );
    assert.equal(
      msg(() => update(noCa, { crl_container_ref: 'crl', ca_tls_container_ref: null })),
      'Validation failure: A CA reference is required to specify a certificate revocation list.',
    );
    assert.equal(
      update(noCa, { crl_container_ref: 'crl', ca_tls_container_ref: 'ca' }).crl_container_ref,
      'crl',
    );
  });

  it('merges session persistence with the stored one', () => {
    assert.deepEqual(update(stored, { session_persistence: { cookie_name: 'd' } }).session_persistence, {
      type: 'APP_COOKIE',
      cookie_name: 'd',
      persistence_timeout: null,
      persistence_granularity: null,
    });
    assert.equal(update(stored, { session_persistence: {} }).session_persistence, null);
  });

  it('checks TLS lists', () => {
    assert.equal(
      msg(() => update(stored, { tls_versions: [] })),
      'Validation failure: Empty TLS version list. Either specify at least one TLS version or remove this parameter to use the default.',
    );
    assert.equal(
      msg(() => update(stored, { alpn_protocols: ['spdy'] })),
      'Validation failure: Invalid ALPN protocol: spdy',
    );
  });
});
