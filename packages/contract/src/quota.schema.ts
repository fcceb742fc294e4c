import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { Nullable, Opt, Wrapper } from './schema-builders.js';

/** One quota limit: -1 (unlimited) … 2000000000 (Octavia's MIN_QUOTA / MAX_QUOTA). */
export const QuotaLimit = Type.Integer({ minimum: -1, maximum: 2_000_000_000 });

/**
 * `PUT /quotas/{project_id}` inner object (QuotaBase): the canonical names and the deprecated spellings
 * `load_balancer` / `health_monitor`, which octaviaclient still sends. JSON null = back to the default.
 */
export const QuotaUpdate = Type.Object(
  {
    loadbalancer: Opt(QuotaLimit),
    load_balancer: Opt(QuotaLimit),
    listener: Opt(QuotaLimit),
    member: Opt(QuotaLimit),
    pool: Opt(QuotaLimit),
    healthmonitor: Opt(QuotaLimit),
    health_monitor: Opt(QuotaLimit),
    l7policy: Opt(QuotaLimit),
    l7rule: Opt(QuotaLimit),
  },
  { additionalProperties: false },
);
export type QuotaUpdate = Static<typeof QuotaUpdate>;

/** `PUT /quotas/{project_id}` body. */
export const QuotaUpdateBody = Wrapper('quota', QuotaUpdate, 'quotas');
export type QuotaUpdateBody = Static<typeof QuotaUpdateBody>;

/** A quota as returned: both spellings of the renamed resources, plus project_id and tenant_id. */
export const Quota = Type.Object({
  project_id: Type.String(),
  tenant_id: Type.String(),
  loadbalancer: Nullable(Type.Integer()),
  load_balancer: Nullable(Type.Integer()),
  listener: Nullable(Type.Integer()),
  pool: Nullable(Type.Integer()),
  healthmonitor: Nullable(Type.Integer()),
  health_monitor: Nullable(Type.Integer()),
  member: Nullable(Type.Integer()),
  l7policy: Nullable(Type.Integer()),
  l7rule: Nullable(Type.Integer()),
});
export type Quota = Static<typeof Quota>;

/** `GET /quotas/{project_id}`, `…/default`, and the PUT response. */
export const QuotaResponse = Type.Object({ quota: Quota });
export type QuotaResponse = Static<typeof QuotaResponse>;

/** `GET /quotas`: stored records (never-set limits are null). */
export const QuotaList = Type.Object({ quotas: Type.Array(Quota), quotas_links: Links });
export type QuotaList = Static<typeof QuotaList>;
