import { Type, type Static } from '@sinclair/typebox';
import { Links, OperatingStatus, ProjectId, ProvisioningStatus, Tags, Timestamp } from './common.schema.js';
import { Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** L7 rule types. */
export const L7RULE_TYPES = [
  'HOST_NAME',
  'PATH',
  'FILE_TYPE',
  'HEADER',
  'COOKIE',
  'SSL_CONN_HAS_CERT',
  'SSL_VERIFY_RESULT',
  'SSL_DN_FIELD',
] as const;
/** L7 rule comparison types. */
export const L7RULE_COMPARE_TYPES = ['REGEX', 'STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'EQUAL_TO'] as const;

const RuleType = StringEnum(L7RULE_TYPES);
const CompareType = StringEnum(L7RULE_COMPARE_TYPES);
/** `key` / `value`: at most 255 characters and single-line (they end up in haproxy.cfg). */
const RuleText = Type.String({ maxLength: 255, pattern: '^[^\\r\\n]*$' });

/**
 * An L7 rule nested in a graph-create policy (L7RuleSingleCreate). The type/compare/key/value matrix
 * (§5.5) is a domain check; only shapes are validated here.
 */
export const L7RuleGraphCreate = Type.Object(
  {
    type: RuleType,
    compare_type: CompareType,
    key: Opt(RuleText),
    value: RuleText,
    invert: Opt(Type.Boolean()),
    admin_state_up: Opt(Type.Boolean()),
    tags: Opt(Tags),
  },
  { additionalProperties: false },
);
export type L7RuleGraphCreate = Static<typeof L7RuleGraphCreate>;

/** An L7 rule as rendered inside a graph-create response (full view). */
export const L7RuleFull = Type.Object({
  id: Type.String(),
  type: RuleType,
  compare_type: CompareType,
  key: Nullable(Type.String()),
  value: Type.String(),
  invert: Type.Boolean(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  project_id: Type.String(),
  admin_state_up: Type.Boolean(),
  tags: Type.Array(Type.String()),
  tenant_id: Type.String(),
});
export type L7RuleFull = Static<typeof L7RuleFull>;

/** `POST /l7policies/{id}/rules` inner object (L7RulePOST); the §5.5 matrix is a domain check. */
export const L7RuleCreate = Type.Object(
  {
    type: RuleType,
    compare_type: CompareType,
    key: Opt(RuleText),
    value: RuleText,
    invert: Opt(Type.Boolean()),
    admin_state_up: Opt(Type.Boolean()),
    project_id: Opt(ProjectId),
    tags: Opt(Tags),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type L7RuleCreate = Static<typeof L7RuleCreate>;
/** `{"rule": L7RuleCreate}` (the wrapper key is `rule`, not `l7rule`). */
export const L7RuleCreateBody = Wrapper('rule', L7RuleCreate, 'rule_');
export type L7RuleCreateBody = Static<typeof L7RuleCreateBody>;

/** `PUT /l7policies/{id}/rules/{rule_id}` inner object (L7RulePUT); the merged rule is re-validated. */
export const L7RuleUpdate = Type.Object(
  {
    type: Opt(RuleType),
    compare_type: Opt(CompareType),
    key: Opt(RuleText),
    value: Opt(RuleText),
    invert: Opt(Type.Boolean()),
    admin_state_up: Opt(Type.Boolean()),
    tags: Opt(Tags),
  },
  { additionalProperties: false },
);
export type L7RuleUpdate = Static<typeof L7RuleUpdate>;
/** `{"rule": L7RuleUpdate}`. */
export const L7RuleUpdateBody = Wrapper('rule', L7RuleUpdate, 'rule_');
export type L7RuleUpdateBody = Static<typeof L7RuleUpdateBody>;

/** An L7 rule as returned by GET/PUT/list (same fields as the full view; no `l7policy_id`). */
export const L7Rule = L7RuleFull;
export type L7Rule = Static<typeof L7Rule>;
/** `{"rules": [...], "rules_links": [...]}`. */
export const L7RuleList = Type.Object({ rules: Type.Array(L7Rule), rules_links: Links });
export type L7RuleList = Static<typeof L7RuleList>;
