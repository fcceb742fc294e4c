// DesiredState scenarios shared by the renderer's golden, fuzz and haproxy -c integration tests (not part of
// the public surface; the *fixtures.ts suffix keeps it out of the build).
import type {
  HealthMonitorRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from '../model/records.js';
import type { DesiredState } from '../plan/load-balancer-tree.js';
import type { HaproxyRenderEnv } from './render-haproxy-config.js';

/** runDir written into golden files; the integration test substitutes a temp dir. */
export const GOLDEN_RUN_DIR = '/var/lib/lbaas/lb/6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b';
/** Render environment of every golden scenario. */
export const GOLDEN_ENV: HaproxyRenderEnv = { runDir: GOLDEN_RUN_DIR, maxconn: 50000 };

export const LB = '6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b';
const PROJECT = '3e5f7a9b1c2d4e6f8a0b2c4d6e8f0a1b';
const NOW = '2024-01-02T03:04:05';
/** Deterministic UUIDs: `uuid('l', 1)` → listener 1, and so on. */
export function uuid(kind: 'l' | 'p' | 'm' | 'h', n: number): string {
  const prefix = { l: '0c9e8d7f', p: 'f1e2d3c4', m: 'a1b2c3d4', h: 'b7c8d9e0' }[kind];
  return `${prefix}-${String(n).padStart(4, '0')}-4000-8000-${String(n).padStart(12, '0')}`;
}

const tracked = {
  project_id: PROJECT,
  provisioning_status: 'ACTIVE',
  operating_status: 'ONLINE',
  admin_state_up: true,
  created_at: NOW,
  updated_at: null,
} as const;

export function lb(over: Partial<LoadBalancerRecord> = {}): LoadBalancerRecord {
  return {
    ...tracked,
    tags: [],
    id: LB,
    name: 'ignored # name',
    description: 'not rendered\nat all',
    vip_address: '203.0.113.10',
    vip_port_id: 'port-1',
    vip_subnet_id: 'subnet-1',
    vip_network_id: 'net-1',
    vip_qos_policy_id: null,
    vip_sg_ids: [],
    vip_vnic_type: 'normal',
    additional_vips: [],
    provider: 'amphora',
    flavor_id: null,
    availability_zone: null,
    desired_revision: 7,
    applied_revision: 6,
    pending_since: null,
    last_error: null,
    ...over,
  };
}

export function listener(n: number, over: Partial<ListenerRecord> = {}): ListenerRecord {
  return {
    ...tracked,
    tags: [],
    id: uuid('l', n),
    load_balancer_id: LB,
    name: null,
    description: null,
    protocol: 'HTTP',
    protocol_port: 80,
    connection_limit: -1,
    default_pool_id: uuid('p', 1),
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
    ...over,
  };
}

export function pool(n: number, over: Partial<PoolRecord> = {}): PoolRecord {
  return {
    ...tracked,
    tags: [],
    id: uuid('p', n),
    load_balancer_id: LB,
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
    ...over,
  };
}

export function member(n: number, over: Partial<MemberRecord> = {}): MemberRecord {
  return {
    ...tracked,
    tags: [],
    id: uuid('m', n),
    load_balancer_id: LB,
    pool_id: uuid('p', 1),
    name: null,
    address: `10.0.0.${10 + n}`,
    protocol_port: 8080,
    weight: 1,
    backup: false,
    subnet_id: null,
    monitor_address: null,
    monitor_port: null,
    vnic_type: 'normal',
    ...over,
  };
}

export function monitor(n: number, over: Partial<HealthMonitorRecord> = {}): HealthMonitorRecord {
  return {
    ...tracked,
    tags: [],
    id: uuid('h', n),
    load_balancer_id: LB,
    pool_id: uuid('p', n),
    name: null,
    type: 'HTTP',
    delay: 5,
    timeout: 3,
    max_retries: 2,
    max_retries_down: 3,
    http_method: 'GET',
    url_path: '/healthz',
    expected_codes: '200-202',
    http_version: 1.1,
    domain_name: 'app.example.com',
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
  });
}
