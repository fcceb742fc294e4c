import type { Quota } from '@lbaas/contract';
import type { QuotaSettings } from '@lbaas/core';

/** A quota on the wire (spec §4.8): both spellings of the renamed resources, plus project_id/tenant_id. */
export function quotaView(projectId: string, values: QuotaSettings): Quota {
  return {
    project_id: projectId,
    tenant_id: projectId,
    loadbalancer: values.loadbalancer,
    load_balancer: values.loadbalancer,
    listener: values.listener,
    pool: values.pool,
    healthmonitor: values.healthmonitor,
    health_monitor: values.healthmonitor,
    member: values.member,
    l7policy: values.l7policy,
    l7rule: values.l7rule,
  };
}
