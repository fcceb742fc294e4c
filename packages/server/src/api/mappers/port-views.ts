import type { PortRecord } from '@lbaas/core';
import { neutronTime } from './network-views.js';
import type { WireObject } from './views.js';

/**
 * Neutron-shaped port. `status` is DOWN: nothing binds ports to hosts (a load balancer's VIP is served by
 * its agent, which does not report port state), so claiming ACTIVE would be a guess.
 */
export function portView(p: PortRecord): WireObject {
  return {
    id: p.id,
    name: p.name,
    description: p.description ?? '',
    network_id: p.network_id,
    tenant_id: p.project_id,
    project_id: p.project_id,
    mac_address: p.mac_address,
    admin_state_up: p.admin_state_up,
    status: 'DOWN',
    device_owner: p.device_owner,
    device_id: p.device_id,
    fixed_ips: p.fixed_ips.map((f) => ({ subnet_id: f.subnet_id, ip_address: f.ip_address })),
    allowed_address_pairs: [],
    extra_dhcp_opts: [],
    security_groups: [],
    port_security_enabled: p.port_security_enabled ?? true,
    'binding:host_id': '',
    'binding:vnic_type': 'normal',
    tags: p.tags ?? [],
    revision_number: p.revision_number ?? 0,
    created_at: neutronTime(p.created_at),
    updated_at: neutronTime(p.updated_at ?? p.created_at),
  };
}
