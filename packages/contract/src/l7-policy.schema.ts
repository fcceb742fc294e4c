import { Type, type Static } from '@sinclair/typebox';
import {
  Description255,
  IdRefs,
  Links,
  Name255,
  ProjectId,
  Uuid,
  OperatingStatus,
  ProvisioningStatus,
  Tags,
  Timestamp,
} from './common.schema.js';
import { L7RuleFull, L7RuleGraphCreate } from './l7-rule.schema.js';
import { PoolGraphCreate } from './pool.schema.js';
import { IntegerEnum, Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** L7 policy actions. */
export const L7POLICY_ACTIONS = ['REDIRECT_TO_POOL', 'REDIRECT_TO_URL', 'REDIRECT_PREFIX', 'REJECT'] as const;
/** Redirect HTTP codes an L7 policy may use. */
export const L7POLICY_REDIRECT_HTTP_CODES = [301, 302, 303, 307, 308] as const;
/** Highest (and default, meaning "append") L7 policy position. */
export const MAX_L7POLICY_POSITION = 2147483647;

const Action = StringEnum(L7POLICY_ACTIONS);
const RedirectCode = IntegerEnum(L7POLICY_REDIRECT_HTTP_CODES);
const HttpUrl = Type.String({ format: 'http-url' });
const Position = Type.Integer({ minimum: 1, maximum: MAX_L7POLICY_POSITION });

/**
 * An L7 policy nested in a graph-create listener (L7PolicySingleCreate): `redirect_pool` (a pool
 * definition or a `{"name": ...}` reference) replaces `redirect_pool_id`.
 */
export const L7PolicyGraphCreate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    action: Action,
    redirect_pool: Opt(PoolGraphCreate),
    redirect_url: Opt(HttpUrl),
    redirect_prefix: Opt(HttpUrl),
    position: Opt(Position),
    rules: Opt(Type.Array(L7RuleGraphCreate)),
    tags: Opt(Tags),
    redirect_http_code: Opt(RedirectCode),
  },
  { additionalProperties: false },
);
export type L7PolicyGraphCreate = Static<typeof L7PolicyGraphCreate>;

/** An L7 policy as rendered inside a graph-create response (full view, rules as full objects). */
export const L7PolicyFull = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  admin_state_up: Type.Boolean(),
  project_id: Type.String(),
  action: Action,
  listener_id: Type.String(),
  redirect_pool_id: Nullable(Type.String()),
  redirect_url: Nullable(Type.String()),
  redirect_prefix: Nullable(Type.String()),
  position: Type.Integer(),
  rules: Type.Array(L7RuleFull),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  tags: Type.Array(Type.String()),
  redirect_http_code: Nullable(Type.Integer()),
  tenant_id: Type.String(),
});
export type L7PolicyFull = Static<typeof L7PolicyFull>;

/** `POST /l7policies` inner object (L7PolicyPOST); redirect arguments are sanitised by the domain. */
export const L7PolicyCreate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    project_id: Opt(ProjectId),
    action: Action,
    redirect_pool_id: Opt(Uuid),
    redirect_url: Opt(HttpUrl),
    redirect_prefix: Opt(HttpUrl),
    position: Opt(Position),
    listener_id: Uuid,
    rules: Opt(Type.Array(L7RuleGraphCreate)),
    tags: Opt(Tags),
    redirect_http_code: Opt(RedirectCode),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type L7PolicyCreate = Static<typeof L7PolicyCreate>;
/** `{"l7policy": L7PolicyCreate}`. */
export const L7PolicyCreateBody = Wrapper('l7policy', L7PolicyCreate, 'l7policy_');
export type L7PolicyCreateBody = Static<typeof L7PolicyCreateBody>;

/** `PUT /l7policies/{id}` inner object (L7PolicyPUT). */
export const L7PolicyUpdate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    action: Opt(Action),
    redirect_pool_id: Opt(Uuid),
    redirect_url: Opt(HttpUrl),
    redirect_prefix: Opt(HttpUrl),
    position: Opt(Position),
    tags: Opt(Tags),
    redirect_http_code: Opt(RedirectCode),
  },
  { additionalProperties: false },
);
export type L7PolicyUpdate = Static<typeof L7PolicyUpdate>;
/** `{"l7policy": L7PolicyUpdate}`. */
export const L7PolicyUpdateBody = Wrapper('l7policy', L7PolicyUpdate, 'l7policy_');
export type L7PolicyUpdateBody = Static<typeof L7PolicyUpdateBody>;

/** An L7 policy as returned by GET/PUT/list: rules as `[{id}]`. */
export const L7Policy = Type.Object({ ...L7PolicyFull.properties, rules: IdRefs });
export type L7Policy = Static<typeof L7Policy>;
/** `{"l7policies": [...], "l7policies_links": [...]}`. */
export const L7PolicyList = Type.Object({ l7policies: Type.Array(L7Policy), l7policies_links: Links });
export type L7PolicyList = Static<typeof L7PolicyList>;
