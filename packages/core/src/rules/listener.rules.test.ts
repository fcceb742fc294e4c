import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ListenerCreateInput } from '../model/inputs.js';
import type { ListenerRecord, PoolRecord } from '../model/records.js';
import { DEFAULT_LISTENER_DEFAULTS, DEFAULT_TLS_CIPHERS } from './listener-defaults.js';
import { buildListener } from './listener.rules.js';
import { LB_ID, NOW, PROJECT, failure, lbRecord, listenerRecord, poolRecord } from './test-fixtures.js';

const lb = lbRecord();

function build(
  input: ListenerCreateInput,
  over: { siblings?: ListenerRecord[]; defaultPool?: PoolRecord } = {},
): ListenerRecord {
  return buildListener(input, {
    id: 'new-listener',
    now: NOW,
    loadBalancer: lb,
    siblings: over.siblings ?? [],
    defaultPool: over.defaultPool,
    defaults: DEFAULT_LISTENER_DEFAULTS,
  });
}

const tls = (input: ListenerCreateInput): ListenerCreateInput => ({
  protocol: 'TERMINATED_HTTPS',
  protocol_port: 443,
  ...input,
});

describe('buildListener defaults', () => {
  it('fills every default of §4.2 and the initial statuses', () => {
    const l = build({
      loadbalancer_id: LB_ID,
      protocol: 'HTTP',
      protocol_port: 80,
      project_id: 'ignored',
      tenant_id: 'ignored',
    });
    assert.deepEqual(l, {
      id: 'new-listener',
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
      protocol_port: 80,
      connection_limit: -1,
      default_pool_id: null,
      default_tls_container_ref: null,
      sni_container_refs: [],
      client_ca_tls_container_ref: null,
      client_authentication: 'NONE',
      client_crl_container_ref: null,
      insert_headers: {},
      timeout_client_data: 50000,
      timeout_member_connect: 5000,
      timeout_member_data: 50000,
      timeout_tcp_inspect: 0,
      allowed_cidrs: null,
      tls_ciphers: null,
      tls_versions: null,
      alpn_protocols: null,
      hsts_max_age: null,
      hsts_include_subdomains: false,
      hsts_preload: false,
    });
  });

  it('gives TERMINATED_HTTPS listeners the deployment TLS defaults', () => {
    const l = build(tls({ default_tls_container_ref: 'cert' }));
    assert.equal(l.tls_ciphers, DEFAULT_TLS_CIPHERS);
    assert.deepEqual(l.tls_versions, ['TLSv1.2', 'TLSv1.3']);
    assert.deepEqual(l.alpn_protocols, ['h2', 'http/1.1', 'http/1.0']);
    const custom = build(
      tls({
        sni_container_refs: ['a'],
        tls_versions: ['TLSv1.3'],
        alpn_protocols: ['h2'],
        tls_ciphers: 'ECDHE',
      }),
    );
    assert.deepEqual(
      [custom.tls_ciphers, custom.tls_versions, custom.alpn_protocols],
      ['ECDHE', ['TLSv1.3'], ['h2']],
    );
  });

  it('treats admin_state_up null as false and keeps given values', () => {
    const l = build({
      protocol: 'TCP',
      protocol_port: 22,
      admin_state_up: null,
      name: 'n',
      connection_limit: 100,
      timeout_tcp_inspect: 7,
      tags: ['t'],
    });
    assert.deepEqual(
      [l.admin_state_up, l.name, l.connection_limit, l.timeout_tcp_inspect, l.tags],
      [false, 'n', 100, 7, ['t']],
    );
  });

  it('guards mandatory fields', () => {
    assert.equal(
      failure(() => build({ protocol_port: 80 })).message,
      "Invalid input for field/attribute protocol. Value: 'None'. Mandatory field missing.",
    );
    assert.equal(
      failure(() => build({ protocol: 'HTTP' })).message,
      "Invalid input for field/attribute protocol_port. Value: 'None'. Mandatory field missing.",
    );
  });
});

describe('buildListener port clash', () => {
  it('409s on the same L4 protocol and port, naming the protocol already there', () => {
    const tcp80 = listenerRecord({ protocol: 'TCP', protocol_port: 80 });
    assert.deepEqual(
      failure(() => build({ protocol: 'HTTP', protocol_port: 80 }, { siblings: [tcp80] })),
      {
        kind: 'conflict',
        message: 'Another Listener on this Load Balancer is already using protocol TCP and protocol_port 80',
      },
    );
    const prom = listenerRecord({ protocol: 'PROMETHEUS', protocol_port: 9100 });
    assert.equal(
      failure(() => build(tls({ protocol_port: 9100, default_tls_container_ref: 'c' }), { siblings: [prom] }))
        .message,
      'Another Listener on this Load Balancer is already using protocol PROMETHEUS and protocol_port 9100',
    );
  });

  it('lets TCP and UDP share a port, and ignores listeners being deleted', () => {
    const udp53 = listenerRecord({ protocol: 'UDP', protocol_port: 53 });
    assert.equal(build({ protocol: 'TCP', protocol_port: 53 }, { siblings: [udp53] }).protocol_port, 53);
    const sctp53 = listenerRecord({ protocol: 'SCTP', protocol_port: 53 });
    assert.deepEqual(
      failure(() => build({ protocol: 'SCTP', protocol_port: 53 }, { siblings: [udp53, sctp53] })).message,
      'Another Listener on this Load Balancer is already using protocol SCTP and protocol_port 53',
    );
    const going = listenerRecord({
      protocol: 'HTTP',
      protocol_port: 80,
      provisioning_status: 'PENDING_DELETE',
    });
    const gone = listenerRecord({ protocol: 'HTTP', protocol_port: 80, provisioning_status: 'DELETED' });
    assert.equal(
      build({ protocol: 'HTTP', protocol_port: 80 }, { siblings: [going, gone] }).protocol,
      'HTTP',
    );
  });
});

describe('buildListener TLS structure', () => {
  const v = (input: ListenerCreateInput): string => failure(() => build(input)).message;

  it('requires a default or SNI certificate on TERMINATED_HTTPS and TLS PROMETHEUS', () => {
    assert.equal(
      v(tls({})),
      'Validation failure: An SNI or default certificate container reference must be provided for TERMINATED_HTTPS protocol listeners.',
    );
    assert.equal(
      v(tls({ client_ca_tls_container_ref: 'ca' })),
      'Validation failure: An SNI or default certificate container reference must be provided with a client CA container reference.',
    );
    assert.equal(
      v({ protocol: 'PROMETHEUS', protocol_port: 9100, client_ca_tls_container_ref: 'ca' }),
      'Validation failure: An SNI or default certificate container reference must be provided with a client CA container reference.',
    );
    assert.equal(
      build({ protocol: 'PROMETHEUS', protocol_port: 9100, default_tls_container_ref: 'c' })
        .default_tls_container_ref,
      'c',
    );
    assert.equal(build({ protocol: 'PROMETHEUS', protocol_port: 9100 }).tls_ciphers, null);
  });

  it('refuses certificate references on non-TLS protocols', () => {
    for (const protocol of ['HTTP', 'HTTPS', 'TCP'] as const) {
      assert.equal(
        v({ protocol, protocol_port: 1, sni_container_refs: ['s'] }),
        `Validation failure: Certificate container references are not allowed on ${protocol} protocol listeners.`,
      );
    }
  });

  it('refuses TLS and header insertion on UDP and SCTP', () => {
    assert.equal(
      v({ protocol: 'UDP', protocol_port: 53, default_tls_container_ref: 'c' }),
      'Validation failure: UDP protocol listener does not support TLS.',
    );
    assert.equal(
      v({ protocol: 'SCTP', protocol_port: 53, client_ca_tls_container_ref: 'c' }),
      'Validation failure: SCTP protocol listener does not support TLS.',
    );
    assert.equal(
      v({ protocol: 'UDP', protocol_port: 53, insert_headers: { 'X-Forwarded-For': 'true' } }),
      'insert-headers is not a valid option for a UDP protocol listener.',
    );
  });

  it('needs a client CA for client authentication and for a CRL', () => {
    assert.equal(
      v(tls({ default_tls_container_ref: 'c', client_authentication: 'MANDATORY' })),
      'Validation failure: Client authentication setting MANDATORY requires a client CA container reference.',
    );
    assert.equal(
      v(tls({ default_tls_container_ref: 'c', client_crl_container_ref: 'crl' })),
      'Validation failure: A client authentication CA reference is required to specify a client authentication revocation list.',
    );
    const ok = build(
      tls({
        default_tls_container_ref: 'c',
        client_ca_tls_container_ref: 'ca',
        client_crl_container_ref: 'crl',
        client_authentication: 'OPTIONAL',
      }),
    );
    assert.deepEqual([ok.client_authentication, ok.client_crl_container_ref], ['OPTIONAL', 'crl']);
  });

  it('checks TLS lists and HSTS', () => {
    assert.equal(
      v(tls({ default_tls_container_ref: 'c', tls_versions: [] })),
      'Validation failure: Empty TLS version list. Either specify at least one TLS version or remove this parameter to use the default.',
    );
    assert.equal(
      v(tls({ default_tls_container_ref: 'c', hsts_preload: true })),
      'Validation failure: HSTS configuration options hsts_include_subdomains and hsts_preload only make sense if hsts_max_age is set as well.',
    );
    assert.equal(
      v({ protocol: 'HTTP', protocol_port: 80, hsts_max_age: 10 }),
      'Validation failure: The HSTS feature can only be used for listeners using the TERMINATED_HTTPS protocol.',
    );
    const hsts = build(
      tls({
        default_tls_container_ref: 'c',
        hsts_max_age: 0,
        hsts_include_subdomains: true,
        hsts_preload: true,
      }),
    );
    assert.deepEqual([hsts.hsts_max_age, hsts.hsts_include_subdomains, hsts.hsts_preload], [0, true, true]);
  });

  it('normalises allowed_cidrs', () => {
    assert.deepEqual(
      build({ protocol: 'TCP', protocol_port: 1, allowed_cidrs: ['192.0.2.1/24', '192.0.2.0/24'] })
        .allowed_cidrs,
      ['192.0.2.0/24'],
    );
    assert.equal(
      v({ protocol: 'TCP', protocol_port: 1, allowed_cidrs: ['::/0'] }),
      "Validation failure: CIDR ::/0 IP version incompatible with all VIPs ['192.0.2.10'] IP version.",
    );
  });
});

describe('buildListener default pool', () => {
  it('accepts a compatible pool of the same load balancer', () => {
    assert.equal(
      build({ protocol: 'HTTP', protocol_port: 80, default_pool_id: 'pool-1' }, { defaultPool: poolRecord() })
        .default_pool_id,
      'pool-1',
    );
  });

  it('404s for a missing pool or one of another load balancer', () => {
    const missing = failure(() => build({ protocol: 'HTTP', protocol_port: 80, default_pool_id: 'pool-9' }));
    assert.deepEqual(missing, { kind: 'not_found', message: 'Pool pool-9 not found.' });
    const other = poolRecord({ load_balancer_id: 'lb-2' });
    assert.equal(
      failure(() =>
        build({ protocol: 'HTTP', protocol_port: 80, default_pool_id: 'pool-1' }, { defaultPool: other }),
      ).message,
      'Pool pool-1 not found.',
    );
  });

  it('checks the protocol matrix and PROMETHEUS', () => {
    const udpPool = poolRecord({ protocol: 'UDP' });
    assert.equal(
      failure(() =>
        build({ protocol: 'HTTP', protocol_port: 80, default_pool_id: 'pool-1' }, { defaultPool: udpPool }),
      ).message,
      "Validation failure: The pool protocol 'UDP' is invalid while the listener protocol is 'HTTP'.",
    );
    assert.equal(
      failure(() =>
        build(
          { protocol: 'PROMETHEUS', protocol_port: 9100, default_pool_id: 'pool-1' },
          { defaultPool: poolRecord() },
        ),
      ).message,
      'Protocol PROMETHEUS listeners cannot have child objects.',
    );
  });
});
