/** Octavia provisioning statuses (octavia-lib constants). */
export const PROVISIONING_STATUSES = [
  'ACTIVE',
  'DELETED',
  'ERROR',
  'PENDING_CREATE',
  'PENDING_UPDATE',
  'PENDING_DELETE',
] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

/** Octavia operating statuses. */
export const OPERATING_STATUSES = [
  'ONLINE',
  'DRAINING',
  'OFFLINE',
  'DEGRADED',
  'ERROR',
  'NO_MONITOR',
] as const;
export type OperatingStatus = (typeof OPERATING_STATUSES)[number];

/** Statuses in which a load balancer accepts changes to itself or its children. */
export const MUTABLE_STATUSES: readonly ProvisioningStatus[] = ['ACTIVE'];
/** Statuses in which a load balancer may be deleted. */
export const DELETABLE_STATUSES: readonly ProvisioningStatus[] = ['ACTIVE', 'ERROR'];

/** True for PENDING_CREATE / PENDING_UPDATE / PENDING_DELETE. */
export function isPending(status: ProvisioningStatus): boolean {
  return status.startsWith('PENDING_');
}
