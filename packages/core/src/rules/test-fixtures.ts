// Record builders shared by the rules tests (not part of the public surface).
import { DomainError } from '../errors/domain-error.js';
import type {
  HealthMonitorRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from '../model/records.js';

export const NOW = '2024-01-02T03:04:05';
export const LATER = '2024-01-02T04:05:06';
export const LB_ID = 'lb-1';
export const PROJECT = 'project-1';

const tracked = {
  project_id: PROJECT,
  provisioning_status: 'ACTIVE',
  operating_status: 'ONLINE',
  admin_state_up: true,
  tags: [],
  created_at: NOW,
  updated_at: null,
} as const;

/** An ACTIVE IPv4 load balancer. */
export function lbRecord(over: Partial<LoadBalancerRecord> = {}): LoadBalancerRecord {
  return {
    ...tracked,
    tags: [],
    id: LB_ID,
    name: null,
    description: null,
    vip_address: '192.0.2.10',
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
    desired_revision: 1,
    applied_revision: 1,
    pending_since: null,
    last_error: null,
    ...over,
  };
}

/** An ACTIVE HTTP:80 listener without extras. */
export function listenerRecord(over: Partial<ListenerRecord> = {}): ListenerRecord {
  return {
    ...tracked,
    tags: [],
    id: 'listener-1',
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
    ...over,
  };
}

/** An ACTIVE HTTP ROUND_ROBIN pool. */
export function poolRecord(over: Partial<PoolRecord> = {}): PoolRecord {
  return {
    ...tracked,
    tags: [],
    id: 'pool-1',
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
    ...over,
  };
}

/** An ACTIVE member 192.0.2.21:80 of pool-1. */
export function memberRecord(over: Partial<MemberRecord> = {}): MemberRecord {
  return {
    ...tracked,
    tags: [],
    id: 'member-1',
    load_balancer_id: LB_ID,
    pool_id: 'pool-1',
    name: null,
    address: '192.0.2.21',
    protocol_port: 80,
    weight: 1,
    backup: false,
    subnet_id: null,
    monitor_address: null,
    monitor_port: null,
    vnic_type: 'normal',
    ...over,
  };
}

/** An ACTIVE HTTP health monitor of pool-1. */
export function healthMonitorRecord(over: Partial<HealthMonitorRecord> = {}): HealthMonitorRecord {
  return {
    ...tracked,
    tags: [],
    id: 'hm-1',
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
    ...over,
  };
}

/** Runs `fn` and returns the thrown error's kind and message, for exact assertions. */
export function failure(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return { kind: e.kind, message: e.message };
    throw e;
  }
  throw new Error('expected a failure');
}
