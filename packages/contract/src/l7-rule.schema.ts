import { Type, type Static } from '@sinclair/typebox';
import { OperatingStatus, ProvisioningStatus, Tags, Timestamp } from './common.schema.js';
import { Nullable, Opt, StringEnum } from './schema-builders.js';

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

/**
 * An L7 rule nested in a graph-create policy (L7RuleSingleCreate). The type/compare/key/value matrix
 * (§5.5) is a domain check; only shapes are validated here.
 */
export const L7RuleGraphCreate = Type.Object(
  {
    type: RuleType,
    compare_type: CompareType,
    key: Opt(Type.String({ maxLength: 255 })),
    value: Type.String({ maxLength: 255 }),
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
