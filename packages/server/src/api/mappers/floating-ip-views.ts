import type { FloatingIpRecord, PortRecord } from '@lbaas/core';
import { neutronTime } from './network-views.js';
import type { WireObject } from './views.js';

/** Neutron-shaped floating IP (with the fip-port-details extension's `port_details`). */
export function floatingIpView(f: FloatingIpRecord, port: PortRecord | undefined): WireObject {
  return {
    id: f.id,
    floating_ip_address: f.floating_ip_address,
    floating_network_id: f.floating_network_id,
    router_id: null,
    port_id: f.port_id,
    fixed_ip_address: f.fixed_ip_address,
    status: f.port_id === null ? 'DOWN' : 'ACTIVE',
    tenant_id: f.project_id,
    project_id: f.project_id,
    description: f.description,
    tags: f.tags,
    port_details:
      port === undefined
        ? null
        : {
            name: port.name,
            network_id: port.network_id,
            mac_address: port.mac_address,
            admin_state_up: port.admin_state_up,
            status: 'DOWN',
            device_id: port.device_id,
            device_owner: port.device_owner,
          },
    dns_domain: '',
    dns_name: '',
    qos_policy_id: null,
    revision_number: f.revision_number,
    created_at: neutronTime(f.created_at),
    updated_at: neutronTime(f.updated_at ?? f.created_at),
  };
}
