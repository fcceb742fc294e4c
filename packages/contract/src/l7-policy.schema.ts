import { Type, type Static } from '@sinclair/typebox';
import {
  Description255,
  Name255,
  OperatingStatus,
  ProvisioningStatus,
  Tags,
  Timestamp,
} from './common.schema.js';
import { L7RuleFull, L7RuleGraphCreate } from './l7-rule.schema.js';
import { PoolGraphCreate } from './pool.schema.js';
import { IntegerEnum, Nullable, Opt, StringEnum } from './schema-builders.js';

/** L7 policy actions. */
export const L7POLICY_ACTIONS = ['REDIRECT_TO_POOL', 'REDIRECT_TO_URL', 'REDIRECT_PREFIX', 'REJECT'] as const;
/** Redirect HTTP codes an L7 policy may use. */
export const L7POLICY_REDIRECT_HTTP_CODES = [301, 302, 303, 307, 308] as const;
/** Highest (and default, meaning "append") L7 policy position. */
export const MAX_L7POLICY_POSITION = 2147483647;

const Action = StringEnum(L7POLICY_ACTIONS);
const RedirectCode = IntegerEnum(L7POLICY_REDIRECT_HTTP_CODES);
const HttpUrl = Type.String({ format: 'http-url' });

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
    position: Opt(Type.Integer({ minimum: 1, maximum: MAX_L7POLICY_POSITION })),
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
