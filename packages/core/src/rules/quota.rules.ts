import { DomainError } from '../errors/domain-error.js';
import type { FlatGraph } from '../graph/flatten-graph.js';

/** The quota resources, canonical (non-deprecated) wire names, in Octavia's response order. */
export const QUOTA_RESOURCES = [
  'loadbalancer',
  'listener',
  'pool',
  'healthmonitor',
  'member',
  'l7policy',
  'l7rule',
] as const;
export type QuotaResource = (typeof QUOTA_RESOURCES)[number];

/** Limits in force: an integer per resource, -1 = unlimited. */
export type QuotaLimits = Readonly<Record<QuotaResource, number>>;
/** What a project's stored quota record says: null = "use the deployment default". */
export type QuotaSettings = Readonly<Record<QuotaResource, number | null>>;
/** One project's stored quota record. */
export type QuotaRecord = QuotaSettings & { readonly project_id: string };
/** Object counts per resource (missing = 0). */
export type QuotaUsage = Readonly<Partial<Record<QuotaResource, number>>>;

/** `-1` means unlimited (Octavia's QUOTA_UNLIMITED). */
export const QUOTA_UNLIMITED = -1;
/** Octavia's MIN_QUOTA / MAX_QUOTA. */
export const QUOTA_MIN = -1;
export const QUOTA_MAX = 2_000_000_000;

/** Octavia's default for every `[quotas] default_*_quota`: unlimited. */
export const UNLIMITED_QUOTAS: QuotaLimits = {
  loadbalancer: -1,
  listener: -1,
  pool: -1,
  healthmonitor: -1,
  member: -1,
  l7policy: -1,
  l7rule: -1,
};

/** A record that sets nothing (what a project gets when it is first quota-checked). */
export function emptyQuotaRecord(projectId: string): QuotaRecord {
  return {
    project_id: projectId,
    loadbalancer: null,
    listener: null,
    pool: null,
    healthmonitor: null,
    member: null,
    l7policy: null,
    l7rule: null,
  };
}

/** Resource names in the 403 text (the data-model class names split on capitals, as Octavia prints them). */
export const QUOTA_RESOURCE_NAMES: Readonly<Record<QuotaResource, string>> = {
  loadbalancer: 'Load Balancer',
  listener: 'Listener',
  pool: 'Pool',
  healthmonitor: 'Health Monitor',
  member: 'Member',
  l7policy: 'L7 Policy',
  l7rule: 'L7 Rule',
};

/** A quota body after schema validation: canonical names plus the deprecated `load_balancer`/`health_monitor`. */
export type QuotaInput = Partial<Record<QuotaResource | 'load_balancer' | 'health_monitor', number | null>>;

const ALIASES = { load_balancer: 'loadbalancer', health_monitor: 'healthmonitor' } as const;

/**
 * The changes a PUT body asks for, in canonical names; keys that are absent stay unchanged, JSON null resets
 * to the default. When both spellings are sent the canonical one wins: Octavia's QuotaBase.to_dict copies
 * `loadbalancer` over `load_balancer` (and `healthmonitor` over `health_monitor`).
 */
export function normalizeQuotaInput(input: QuotaInput): Partial<Record<QuotaResource, number | null>> {
  const out: Partial<Record<QuotaResource, number | null>> = {};
  for (const [alias, canonical] of Object.entries(ALIASES) as [keyof typeof ALIASES, QuotaResource][]) {
    const v = input[alias];
    if (v !== undefined) out[canonical] = v;
  }
  for (const resource of QUOTA_RESOURCES) {
    const v = input[resource];
    if (v !== undefined) out[resource] = v;
  }
  return out;
}

/** A stored record with a normalised PUT patch applied. */
export function applyQuotaPatch(
  record: QuotaRecord,
  patch: Partial<Record<QuotaResource, number | null>>,
): QuotaRecord {
  return { ...record, ...patch };
}

/** Limits in force for a project: its stored values, with nulls (or no record) replaced by the defaults. */
export function effectiveQuotas(record: QuotaSettings | undefined, defaults: QuotaLimits): QuotaLimits {
  const out: Record<QuotaResource, number> = { ...defaults };
  if (record) {
    for (const resource of QUOTA_RESOURCES) {
      const v = record[resource];
      if (v !== null) out[resource] = v;
    }
  }
  return out;
}

/** 403 `Quota has been met for resources: <Name>` (Octavia's QuotaException). */
export function quotaExceeded(resource: QuotaResource): DomainError {
  return new DomainError('forbidden', `Quota has been met for resources: ${QUOTA_RESOURCE_NAMES[resource]}`);
}

/**
 * Octavia's check_quota_met for each resource asked for, in the given order: passes when the limit is -1 or
 * in use + requested <= limit, else throws the 403 for the first resource over its limit. Resources asked
 * for zero times are not checked, so a request that adds nothing is never refused (a project above a
 * lowered limit can still shrink).
 */
export function checkQuota(
  limits: QuotaLimits,
  inUse: QuotaUsage,
  requested: readonly (readonly [QuotaResource, number])[],
): void {
  for (const [resource, count] of requested) {
    if (count <= 0) continue;
    const limit = limits[resource];
    if (limit === QUOTA_UNLIMITED) continue;
    if ((inUse[resource] ?? 0) + count > limit) throw quotaExceeded(resource);
  }
}

/**
 * What a fully populated load balancer create adds, in the order Octavia checks it (the load balancer, then
 * its pools with their monitors and members, then its listeners). L7 policies and rules of a graph are not
 * quota-checked (spec §4.1.3 rule 5; an Octavia functional test relies on it).
 */
export function graphQuotaRequest(graph: FlatGraph): [QuotaResource, number][] {
  return [
    ['loadbalancer', 1],
    ['pool', graph.pools.length],
    ['healthmonitor', graph.pools.filter((p) => p.healthmonitor !== undefined).length],
    ['member', graph.pools.reduce((n, p) => n + p.members.length, 0)],
    ['listener', graph.listeners.length],
  ];
}
