import type {
  HealthMonitorRecord,
  L7PolicyRecord,
  L7RuleRecord,
  ListenerRecord,
  LoadBalancerRecord,
  MemberRecord,
  PoolRecord,
} from '@lbaas/core';

/** A JSON object as sent on the wire. */
export type WireObject = Record<string, unknown>;

const ref = (id: string): { id: string } => ({ id });
const text = (s: string | null): string => s ?? '';

/** Load balancer, reference view (spec §4.1.2): children as `[{id}]`. */
export function loadBalancerView(
  lb: LoadBalancerRecord,
  listenerIds: readonly string[],
  poolIds: readonly string[],
): WireObject {
  return {
    id: lb.id,
    name: text(lb.name),
    description: text(lb.description),
    admin_state_up: lb.admin_state_up,
    project_id: lb.project_id,
    tenant_id: lb.project_id,
    provisioning_status: lb.provisioning_status,
    operating_status: lb.operating_status,
    vip_address: lb.vip_address,
    vip_port_id: lb.vip_port_id,
    vip_subnet_id: lb.vip_subnet_id,
    vip_network_id: lb.vip_network_id,
    vip_qos_policy_id: lb.vip_qos_policy_id,
    vip_sg_ids: lb.vip_sg_ids,
    vip_vnic_type: lb.vip_vnic_type,
    additional_vips: lb.additional_vips,
    listeners: listenerIds.map(ref),
    pools: poolIds.map(ref),
    provider: lb.provider,
    flavor_id: lb.flavor_id,
    availability_zone: lb.availability_zone,
    tags: lb.tags,
    created_at: lb.created_at,
    updated_at: lb.updated_at,
  };
}

/** Listener view; `l7policies` = the ids of its policies in position order. */
export function listenerView(l: ListenerRecord, l7PolicyIds: readonly string[] = []): WireObject {
  return {
    id: l.id,
    name: text(l.name),
    description: text(l.description),
    provisioning_status: l.provisioning_status,
    operating_status: l.operating_status,
    admin_state_up: l.admin_state_up,
    protocol: l.protocol,
    protocol_port: l.protocol_port,
    connection_limit: l.connection_limit,
    default_tls_container_ref: l.default_tls_container_ref,
    sni_container_refs: l.sni_container_refs,
    project_id: l.project_id,
    tenant_id: l.project_id,
    default_pool_id: l.default_pool_id,
    l7policies: l7PolicyIds.map(ref),
    insert_headers: l.insert_headers,
    created_at: l.created_at,
    updated_at: l.updated_at,
    loadbalancers: [ref(l.load_balancer_id)],
    timeout_client_data: l.timeout_client_data,
    timeout_member_connect: l.timeout_member_connect,
    timeout_member_data: l.timeout_member_data,
    timeout_tcp_inspect: l.timeout_tcp_inspect,
    tags: l.tags,
    client_ca_tls_container_ref: l.client_ca_tls_container_ref,
    client_authentication: l.client_authentication,
    client_crl_container_ref: l.client_crl_container_ref,
    allowed_cidrs: l.allowed_cidrs,
    tls_ciphers: l.tls_ciphers,
    tls_versions: l.tls_versions,
    alpn_protocols: l.alpn_protocols,
    hsts_max_age: l.hsts_max_age,
    hsts_include_subdomains: l.hsts_include_subdomains,
    hsts_preload: l.hsts_preload,
  };
}

/** Pool view with its relationships (listeners using it, member ids, monitor id). */
export function poolView(
  p: PoolRecord,
  rel: { listenerIds: readonly string[]; memberIds: readonly string[]; healthMonitorId: string | null },
): WireObject {
  return {
    id: p.id,
    name: text(p.name),
    description: text(p.description),
    provisioning_status: p.provisioning_status,
    operating_status: p.operating_status,
    admin_state_up: p.admin_state_up,
    protocol: p.protocol,
    lb_algorithm: p.lb_algorithm,
    session_persistence: p.session_persistence,
    project_id: p.project_id,
    tenant_id: p.project_id,
    loadbalancers: [ref(p.load_balancer_id)],
    listeners: rel.listenerIds.map(ref),
    members: rel.memberIds.map(ref),
    healthmonitor_id: rel.healthMonitorId,
    created_at: p.created_at,
    updated_at: p.updated_at,
    tags: p.tags,
    tls_container_ref: p.tls_container_ref,
    ca_tls_container_ref: p.ca_tls_container_ref,
    crl_container_ref: p.crl_container_ref,
    tls_enabled: p.tls_enabled,
    tls_ciphers: p.tls_ciphers,
    tls_versions: p.tls_versions,
    alpn_protocols: p.alpn_protocols,
  };
}

/** Member view (no pool_id on the wire, as in Octavia). */
export function memberView(m: MemberRecord): WireObject {
  return {
    id: m.id,
    name: text(m.name),
    operating_status: m.operating_status,
    provisioning_status: m.provisioning_status,
    admin_state_up: m.admin_state_up,
    address: m.address,
    protocol_port: m.protocol_port,
    weight: m.weight,
    backup: m.backup,
    subnet_id: m.subnet_id,
    project_id: m.project_id,
    tenant_id: m.project_id,
    created_at: m.created_at,
    updated_at: m.updated_at,
    monitor_address: m.monitor_address,
    monitor_port: m.monitor_port,
    tags: m.tags,
    vnic_type: m.vnic_type,
  };
}

/** Health monitor view; `pools: [{id}]` is what `--wait` follows. */
export function healthMonitorView(h: HealthMonitorRecord): WireObject {
  return {
    id: h.id,
    name: text(h.name),
    project_id: h.project_id,
    tenant_id: h.project_id,
    type: h.type,
    delay: h.delay,
    timeout: h.timeout,
    max_retries: h.max_retries,
    max_retries_down: h.max_retries_down,
    http_method: h.http_method,
    url_path: h.url_path,
    expected_codes: h.expected_codes,
    admin_state_up: h.admin_state_up,
    pools: [ref(h.pool_id)],
    provisioning_status: h.provisioning_status,
    operating_status: h.operating_status,
    created_at: h.created_at,
    updated_at: h.updated_at,
    tags: h.tags,
    http_version: h.http_version,
    domain_name: h.domain_name,
  };
}

/** L7 policy view; `rules: [{id}]`. */
export function l7PolicyView(p: L7PolicyRecord, ruleIds: readonly string[]): WireObject {
  return {
    id: p.id,
    name: text(p.name),
    description: text(p.description),
    provisioning_status: p.provisioning_status,
    operating_status: p.operating_status,
    admin_state_up: p.admin_state_up,
    project_id: p.project_id,
    tenant_id: p.project_id,
    action: p.action,
    listener_id: p.listener_id,
    redirect_pool_id: p.redirect_pool_id,
    redirect_url: p.redirect_url,
    redirect_prefix: p.redirect_prefix,
    position: p.position,
    rules: ruleIds.map(ref),
    created_at: p.created_at,
    updated_at: p.updated_at,
    tags: p.tags,
    redirect_http_code: p.redirect_http_code,
  };
}

/** L7 rule view (no `l7policy_id` on the wire, as in Octavia). */
export function l7RuleView(r: L7RuleRecord): WireObject {
  return {
    id: r.id,
    type: r.type,
    compare_type: r.compare_type,
    key: r.key,
    value: r.value,
    invert: r.invert,
    provisioning_status: r.provisioning_status,
    operating_status: r.operating_status,
    created_at: r.created_at,
    updated_at: r.updated_at,
    project_id: r.project_id,
    tenant_id: r.project_id,
    admin_state_up: r.admin_state_up,
    tags: r.tags,
  };
}
