import { DomainError } from '../errors/domain-error.js';
import type { L7CompareType, L7PolicyRecord, L7RuleRecord, L7RuleType } from '../model/records.js';
import { boolField, conflict, putValue, required } from './field-values.js';

/** Most rules one L7 policy may have. */
export const MAX_L7RULES_PER_POLICY = 50;

/** L7 rule fields accepted by both POST and PUT (wire names). */
export interface L7RuleUpdateInput {
  type?: string | null;
  compare_type?: string | null;
  key?: string | null;
  value?: string | null;
  invert?: boolean | null;
  admin_state_up?: boolean | null;
  tags?: string[] | null;
}

/** Body of POST /l7policies/{id}/rules. */
export interface L7RuleCreateInput extends L7RuleUpdateInput {
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}

// Octavia's constants (HTTP_HEADER_NAME_REGEX etc.); `\A…\Z` becomes `^…$` (no `m` flag: absolute ends).
const HEADER_NAME = /^[a-zA-Z0-9!#$%&'*+-.^_`|~]+$/;
const COOKIE_VALUE = /^[a-zA-Z0-9!#$%&'()*+-./:<=>?@[\]^_`{|}~]+$/;
const HEADER_VALUE = /^[a-zA-Z0-9!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~\\]+$/;
const QUOTED_HEADER_VALUE = /^"[a-zA-Z0-9 \t!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~\\]*"$/;
const DN_FIELD = /^([a-zA-Z][A-Za-z0-9-]*)$/;

const VALUE_COMPARES: readonly string[] = ['STARTS_WITH', 'ENDS_WITH', 'CONTAINS', 'EQUAL_TO'];
/** Types whose `key` means nothing (cleared on update, stored null). */
const KEYLESS_TYPES: readonly string[] = ['HOST_NAME', 'PATH', 'FILE_TYPE'];

/** Octavia's L7RuleValidation wrapper around each rule error. */
function parsing(message: string): DomainError {
  return new DomainError('invalid', `Error parsing L7Rule: ${message}`);
}
function invalidRule(msg: string): DomainError {
  return parsing(`Invalid L7 Rule: ${msg}`);
}
function invalidString(what: string): DomainError {
  return parsing(`Invalid characters in ${what}`);
}

function checkRegex(value: string): void {
  try {
    new RegExp(value);
  } catch (e) {
    throw parsing(`Unable to parse regular expression: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function checkHeaderValue(value: string, what: string): void {
  if (!HEADER_VALUE.test(value) && !QUOTED_HEADER_VALUE.test(value)) throw invalidString(what);
}

/** The fields the §5.5 matrix looks at. */
export interface L7RuleData {
  type: string;
  compare_type: string;
  key: string | null;
  value: string;
}

/** Octavia's validate.l7rule_data: the type / compare_type / key / value matrix (spec §5.5). */
export function validateL7Rule(rule: L7RuleData): void {
  const { type, compare_type: compare, key, value } = rule;
  if (!value) throw invalidRule('L7 rule type requires a value');
  if (type === 'HEADER' || type === 'COOKIE') {
    if (!key) throw invalidRule('L7 rule type requires a key');
    if (!HEADER_NAME.test(key)) throw invalidString('key');
    if (compare === 'REGEX') checkRegex(value);
    else if (!VALUE_COMPARES.includes(compare)) throw invalidRule('invalid comparison type for rule type');
    else if (type === 'HEADER') checkHeaderValue(value, 'header value');
    else if (!COOKIE_VALUE.test(value)) throw invalidString('cookie value');
  } else if (type === 'HOST_NAME' || type === 'PATH') {
    if (VALUE_COMPARES.includes(compare)) checkHeaderValue(value, 'comparison value');
    else if (compare === 'REGEX') checkRegex(value);
    else throw invalidRule('invalid comparison type for rule type');
  } else if (type === 'FILE_TYPE') {
    if (compare === 'REGEX') checkRegex(value);
    else if (compare === 'EQUAL_TO') checkHeaderValue(value, 'comparison value');
    else throw invalidRule('invalid comparison type for rule type');
  } else if (type === 'SSL_CONN_HAS_CERT' || type === 'SSL_VERIFY_RESULT') {
    let msg: string | undefined;
    if (key) msg = `L7rule type ${type} does not use the "key" field.`;
    else if (type === 'SSL_CONN_HAS_CERT' && value.toLowerCase() !== 'true')
      msg = `L7rule value ${value} is not a boolean True string.`;
    else if (type === 'SSL_VERIFY_RESULT' && !/^[0-9]+$/.test(value))
      msg = `L7rule type ${type} needs a int value, which is >= 0`;
    else if (compare !== 'EQUAL_TO') msg = `L7rule type ${type} only supports the EQUAL_TO compare type.`;
    if (msg) throw invalidRule(msg);
  } else if (type === 'SSL_DN_FIELD') {
    if (compare === 'REGEX') checkRegex(value);
    if (!key) throw invalidRule(`L7rule type ${type} needs to specify a key and a value.`);
    if (!DN_FIELD.test(key)) throw invalidRule('Invalid L7rule distinguished name field.');
  } else {
    throw invalidRule('invalid rule type');
  }
}

/** 409 `Too many rules on L7 policy <id>` once the policy has 50 live rules. */
export function checkL7RuleRoom(policy: L7PolicyRecord, liveRules: number): void {
  if (liveRules >= MAX_L7RULES_PER_POLICY) throw conflict(`Too many rules on L7 policy ${policy.id}`);
}

/** Context of an L7 rule create. */
export interface BuildL7RuleContext {
  id: string;
  now: string;
  policy: L7PolicyRecord;
}

/** New rule (PENDING_CREATE / OFFLINE), validated by the §5.5 matrix. */
export function buildL7Rule(input: L7RuleCreateInput, ctx: BuildL7RuleContext): L7RuleRecord {
  const type = required(input.type, 'type');
  const compareType = required(input.compare_type, 'compare_type');
  const value = required(input.value, 'value');
  const key = KEYLESS_TYPES.includes(type) ? null : (input.key ?? null);
  validateL7Rule({ type, compare_type: compareType, key: input.key ?? null, value });
  return {
    id: ctx.id,
    project_id: ctx.policy.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: ctx.policy.load_balancer_id,
    l7policy_id: ctx.policy.id,
    type: type as L7RuleType,
    compare_type: compareType as L7CompareType,
    key,
    value,
    invert: input.invert ?? false,
  };
}

/**
 * Applies an L7 rule PUT: the merged rule is re-validated; `key` is cleared for HOST_NAME/PATH/FILE_TYPE,
 * `invert` null → false.
 */
export function applyL7RuleUpdate(
  stored: L7RuleRecord,
  patch: L7RuleUpdateInput,
  ctx: { now: string },
): L7RuleRecord {
  const type = (patch.type ?? stored.type) as L7RuleType;
  const compareType = (patch.compare_type ?? stored.compare_type) as L7CompareType;
  const value = putValue(patch.value, stored.value, '');
  const key = putValue(patch.key, stored.key, null);
  validateL7Rule({ type, compare_type: compareType, key, value });
  return {
    ...stored,
    updated_at: ctx.now,
    type,
    compare_type: compareType,
    key: KEYLESS_TYPES.includes(type) ? null : key,
    value,
    invert: putValue(patch.invert, stored.invert, false),
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
  };
}
