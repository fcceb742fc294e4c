// DesiredState scenarios shared by the renderer's golden, fuzz and haproxy -c integration tests (not part of
// the public surface; the *fixtures.ts suffix keeps it out of the build).
import type {
  HealthMonitorRecord,
  L7PolicyRecord,
  L7RuleRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from '../model/records.js';
import type { DesiredState } from '../plan/load-balancer-tree.js';
import {
  healthMonitorRecord,
  lbRecord,
  listenerRecord,
  memberRecord,
  poolRecord,
} from '../rules/test-fixtures.js';
import type { HaproxyRenderEnv } from './render-haproxy-config.js';
import type { TlsMaterial } from './tls-material.js';

/** runDir written into golden files; the integration test substitutes a temp dir. */
export const GOLDEN_RUN_DIR = '/var/lib/lbaas/lb/6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b';
/** Render environment of every golden scenario. */
export const GOLDEN_ENV: HaproxyRenderEnv = { runDir: GOLDEN_RUN_DIR, maxconn: 50000 };

export const LB = '6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b';
const PROJECT = '3e5f7a9b1c2d4e6f8a0b2c4d6e8f0a1b';
/** Deterministic UUIDs: `uuid('l', 1)` → listener 1, and so on. */
export function uuid(kind: 'l' | 'p' | 'm' | 'h' | 'y' | 'r', n: number): string {
  const prefix = {
    l: '0c9e8d7f',
    p: 'f1e2d3c4',
    m: 'a1b2c3d4',
    h: 'b7c8d9e0',
    y: '7a11c7e5',
    r: '8a7b6c5d',
  }[kind];
  return `${prefix}-${String(n).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;
}

// Record builders come from the rules tests' fixtures; only what the renderer cares about is overridden.
export function lb(over: Partial<LoadBalancerRecord> = {}): LoadBalancerRecord {
  return lbRecord({
    project_id: PROJECT,
    id: LB,
    name: 'ignored # name',
    description: 'not rendered\nat all',
    vip_address: '203.0.113.10',
    desired_revision: 7,
    applied_revision: 6,
    ...over,
  });
}

export function listener(n: number, over: Partial<ListenerRecord> = {}): ListenerRecord {
  return listenerRecord({
    project_id: PROJECT,
    id: uuid('l', n),
    load_balancer_id: LB,
    default_pool_id: uuid('p', 1),
    ...over,
  });
}

export function pool(n: number, over: Partial<PoolRecord> = {}): PoolRecord {
  return poolRecord({ project_id: PROJECT, id: uuid('p', n), load_balancer_id: LB, ...over });
}

export function member(n: number, over: Partial<MemberRecord> = {}): MemberRecord {
  return memberRecord({
    project_id: PROJECT,
    id: uuid('m', n),
    load_balancer_id: LB,
    pool_id: uuid('p', 1),
    address: `10.0.0.${10 + n}`,
    protocol_port: 8080,
    ...over,
  });
}

export function monitor(n: number, over: Partial<HealthMonitorRecord> = {}): HealthMonitorRecord {
  return healthMonitorRecord({
    project_id: PROJECT,
    id: uuid('h', n),
    load_balancer_id: LB,
    pool_id: uuid('p', n),
    max_retries: 2,
    url_path: '/healthz',
    expected_codes: '200-202',
    http_version: 1.1,
    domain_name: 'app.example.com',
    ...over,
  });
}

/** L7 policy `n` (uuid('y', n)) of listener 1: REJECT at position `n` unless overridden. */
export function policy(n: number, over: Partial<L7PolicyRecord> = {}): L7PolicyRecord {
  return {
    id: uuid('y', n),
    project_id: PROJECT,
    provisioning_status: 'ACTIVE',
    operating_status: 'ONLINE',
    admin_state_up: true,
    tags: [],
    created_at: '2024-01-01T00:00:00',
    updated_at: null,
    load_balancer_id: LB,
    listener_id: uuid('l', 1),
    name: 'ignored # policy',
    description: null,
    action: 'REJECT',
    redirect_pool_id: null,
    redirect_url: null,
    redirect_prefix: null,
    redirect_http_code: null,
    position: n,
    ...over,
  };
}

/** L7 rule `n` (uuid('r', n)) of policy `policyN`: PATH STARTS_WITH /x unless overridden. */
export function rule(n: number, policyN: number, over: Partial<L7RuleRecord> = {}): L7RuleRecord {
  return {
    id: uuid('r', n),
    project_id: PROJECT,
    provisioning_status: 'ACTIVE',
    operating_status: 'ONLINE',
    admin_state_up: true,
    tags: [],
    created_at: '2024-01-01T00:00:00',
    updated_at: null,
    load_balancer_id: LB,
    l7policy_id: uuid('y', policyN),
    type: 'PATH',
    compare_type: 'STARTS_WITH',
    key: null,
    value: '/x',
    invert: false,
    ...over,
  };
}

/** A DesiredState from parts (frozen like the real one). */
export function desired(parts: Partial<Omit<DesiredState, 'revision'>>): DesiredState {
  return Object.freeze({
    revision: 7,
    loadBalancer: parts.loadBalancer ?? lb(),
    listeners: parts.listeners ?? [],
    pools: parts.pools ?? [],
    members: parts.members ?? [],
    healthMonitors: parts.healthMonitors ?? [],
    l7Policies: parts.l7Policies ?? [],
    l7Rules: parts.l7Rules ?? [],
  });
}

/** Key-manager refs used by the TLS scenarios; hostile on purpose (spaces, `#`): refs never reach the cfg. */
export const TLS_REFS = {
  default: 'https://kms.example/v1/containers/default cert #1',
  sniA: 'https://kms.example/v1/containers/sni-a',
  sniB: 'https://kms.example/v1/containers/sni-b"$HOME',
  clientCa: 'https://kms.example/v1/secrets/client-ca',
  clientCrl: 'https://kms.example/v1/secrets/client-crl',
  poolCert: 'https://kms.example/v1/containers/pool-client',
  poolCa: 'https://kms.example/v1/secrets/pool-ca',
  poolCrl: 'https://kms.example/v1/secrets/pool-crl',
} as const;

/** PEM text a TlsMaterial is built from (real PEMs in integration tests, placeholders in golden tests). */
export interface TlsFixturePems {
  /** Server leaf per certificate ref (default, sniA, sniB) and the pool's client certificate. */
  certs: Readonly<Record<'default' | 'sniA' | 'sniB' | 'poolCert', { cert: string; key: string }>>;
  ca: string;
  crl: string;
}

function placeholderPem(label: string, n: number): string {
  return `-----BEGIN ${label}-----\n${'QUJD'.repeat(16)}\n${String(n).padStart(4, 'A')}\n-----END ${label}-----\n`;
}

/** Placeholder PEMs: enough for rendering (file names never depend on content), not for HAProxy. */
export const PLACEHOLDER_PEMS: TlsFixturePems = {
  certs: {
    default: { cert: placeholderPem('CERTIFICATE', 1), key: placeholderPem('PRIVATE KEY', 1) },
    sniA: { cert: placeholderPem('CERTIFICATE', 2), key: placeholderPem('PRIVATE KEY', 2) },
    sniB: { cert: placeholderPem('CERTIFICATE', 3), key: placeholderPem('PRIVATE KEY', 3) },
    poolCert: { cert: placeholderPem('CERTIFICATE', 4), key: placeholderPem('PRIVATE KEY', 4) },
  },
  ca: placeholderPem('CERTIFICATE', 5),
  crl: placeholderPem('X509 CRL', 6),
};

/** TlsMaterial holding every TLS_REFS ref. */
export function tlsMaterial(pems: TlsFixturePems = PLACEHOLDER_PEMS): TlsMaterial {
  const cert = (c: { cert: string; key: string }) => ({
    certificate: c.cert,
    privateKey: c.key,
    intermediates: [],
  });
  return {
    certificates: new Map([
      [TLS_REFS.default, cert(pems.certs.default)],
      [TLS_REFS.sniA, cert(pems.certs.sniA)],
      [TLS_REFS.sniB, cert(pems.certs.sniB)],
      [TLS_REFS.poolCert, cert(pems.certs.poolCert)],
    ]),
    pems: new Map([
      [TLS_REFS.clientCa, pems.ca],
      [TLS_REFS.clientCrl, pems.crl],
      [TLS_REFS.poolCa, pems.ca],
      [TLS_REFS.poolCrl, pems.crl],
    ]),
  };
}

/** Render environment of the TLS golden scenarios. */
export const GOLDEN_TLS_ENV: HaproxyRenderEnv = { ...GOLDEN_ENV, tls: tlsMaterial() };
