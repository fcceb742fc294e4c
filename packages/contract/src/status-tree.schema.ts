import { Type, type Static } from '@sinclair/typebox';
import { OperatingStatus, ProvisioningStatus } from './common.schema.js';

// Mirrors Octavia's code (LoadBalancerStatusResponse etc.), not the neutron-lbaas style api-ref sample:
// no LB-level pools, no l7policies, and the monitor key is `health_monitor` (omitted when absent).

/** A member in the status tree. */
export const MemberStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operating_status: OperatingStatus,
  provisioning_status: ProvisioningStatus,
  address: Type.String(),
  protocol_port: Type.Integer(),
});
export type MemberStatus = Static<typeof MemberStatus>;

/** A health monitor in the status tree. */
export const HealthMonitorStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  type: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
});
export type HealthMonitorStatus = Static<typeof HealthMonitorStatus>;

/** A pool in the status tree. */
export const PoolStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  health_monitor: Type.Optional(HealthMonitorStatus),
  members: Type.Array(MemberStatus),
});
export type PoolStatus = Static<typeof PoolStatus>;

/** A listener in the status tree (default pool + redirect pools of enabled policies with rules). */
export const ListenerStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operating_status: OperatingStatus,
  provisioning_status: ProvisioningStatus,
  pools: Type.Array(PoolStatus),
});
export type ListenerStatus = Static<typeof ListenerStatus>;

/** The load balancer at the root of the status tree. */
export const LoadBalancerStatus = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operating_status: OperatingStatus,
  provisioning_status: ProvisioningStatus,
  listeners: Type.Array(ListenerStatus),
});
export type LoadBalancerStatus = Static<typeof LoadBalancerStatus>;

/** `GET /loadbalancers/{id}/status` body: `{"statuses": {"loadbalancer": {...}}}`. */
export const StatusTreeBody = Type.Object({
  statuses: Type.Object({ loadbalancer: LoadBalancerStatus }),
});
export type StatusTreeBody = Static<typeof StatusTreeBody>;
