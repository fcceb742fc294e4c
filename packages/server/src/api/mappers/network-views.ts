import type { NetworkRecord, SubnetRecord } from '@lbaas/core';
import type { WireObject } from './views.js';

/** Neutron renders timestamps with a trailing Z. */
export const neutronTime = (t: string | null): string | null =>
  t === null ? null : t.endsWith('Z') ? t : `${t}Z`;

/** Neutron-shaped network. */
export function networkView(n: NetworkRecord, subnetIds: readonly string[]): WireObject {
  return {
    id: n.id,
    name: n.name,
    description: n.description,
    tenant_id: n.project_id,
    project_id: n.project_id,
    admin_state_up: n.admin_state_up,
    status: 'ACTIVE',
    subnets: subnetIds,
    shared: n.shared,
    'router:external': n.external,
    mtu: n.mtu,
    availability_zone_hints: [],
    availability_zones: [],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    port_security_enabled: n.port_security_enabled ?? true,
    tags: n.tags,
    revision_number: n.revision_number ?? 0,
    created_at: neutronTime(n.created_at),
    updated_at: neutronTime(n.updated_at ?? n.created_at),
  };
}

/** Neutron-shaped subnet. */
export function subnetView(s: SubnetRecord): WireObject {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    tenant_id: s.project_id,
    project_id: s.project_id,
    network_id: s.network_id,
    ip_version: s.ip_version,
    cidr: s.cidr,
    gateway_ip: s.gateway_ip,
    allocation_pools: s.allocation_pools,
    enable_dhcp: s.enable_dhcp,
    dns_nameservers: s.dns_nameservers ?? [],
    host_routes: s.host_routes ?? [],
    ipv6_ra_mode: null,
    ipv6_address_mode: null,
    subnetpool_id: null,
    service_types: [],
    tags: s.tags,
    revision_number: s.revision_number ?? 0,
    created_at: neutronTime(s.created_at),
    updated_at: neutronTime(s.updated_at ?? s.created_at),
  };
}
