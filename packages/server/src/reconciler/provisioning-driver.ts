import type { DesiredState } from '@lbaas/core';

/**
 * The seam between the control plane and a data plane (DESIGN.md §3 steps 3–6). The reconciler hands a
 * driver the full desired state of one load balancer; the driver resolves once that revision is applied
 * (e.g. haproxy reloaded by the agent) or rejects with the reason. Calls must be idempotent: after a
 * restart the reconciler re-sends every pending revision.
 */
export interface ProvisioningDriver {
  readonly name: string;
  /** Applies the desired state; must honour `signal` (aborted on timeout or shutdown). */
  apply(desired: DesiredState, signal: AbortSignal): Promise<void>;
  /** Removes every trace of the load balancer from the data plane. */
  remove(loadBalancerId: string, signal: AbortSignal): Promise<void>;
}

/**
 * A failure whose message already says why the deadline passed (e.g. no agent to run on): the reconciler
 * keeps it as the reason instead of the generic "did not apply within … ms".
 */
export class DriverDeadlineError extends Error {}
