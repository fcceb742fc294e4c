import { ALPN_PROTOCOLS } from './common.schema.js';
import { isIpAddress, normalizeCidr } from './ip-format.js';
import { pyStr, pyTypeName } from './python-repr.js';
import type { SchemaView } from './schema-view.js';
import { isHttpUrl, isUrlPath } from './url-format.js';
import { normalizeUuid } from './uuid-format.js';

// WSME's validate step for one (already coerced) leaf value: the checks of UserType.validate in
// wsme/types.py (IntegerType, StringType, Enum, UuidType) and octavia/api/common/types.py
// (IPAddressType, CidrType, URLType, URLPathType, AlpnProtocolType), with their exact reasons.

/** Result of validating one leaf; `value` may be normalized (UUIDs, CIDRs). */
export type LeafResult = { ok: true; value: unknown } | { ok: false; reason: string };

const ALPN = new Set<string>(ALPN_PROTOCOLS);

/** Validates a coerced leaf value against its schema. */
export function checkLeaf(view: SchemaView, value: unknown): LeafResult {
  if (view.enum !== undefined) return checkEnum(view, value);
  if (view.type === 'integer' && typeof value === 'number') return checkRange(view, value);
  if (view.type === 'integer' || view.type === 'number' || view.type === 'boolean') {
    // Only reachable for null items inside arrays; worded like wsme.types.validate_value.
    const expected = view.type === 'integer' ? 'int' : view.type === 'number' ? 'float' : 'bool';
    return typeof value === 'number' || typeof value === 'boolean'
      ? { ok: true, value }
      : {
          ok: false,
          reason: `Wrong type. Expected '<class '${expected}'>', got '<class '${pyTypeName(value)}'>'`,
        };
  }
  if (view.format !== undefined) return checkFormat(view.format, value);
  return checkString(view, value);
}

function checkEnum(view: SchemaView, value: unknown): LeafResult {
  // Python raises TypeError for `list in set`, which wsattr reports verbatim.
  if (Array.isArray(value)) return { ok: false, reason: "unhashable type: 'list'" };
  if (value !== null && typeof value === 'object') return { ok: false, reason: "unhashable type: 'dict'" };
  const values = view.enum ?? [];
  if (values.includes(value)) return { ok: true, value };
  const asFloat = view.type === 'number';
  return { ok: false, reason: `Value should be one of: ${values.map((v) => pyStr(v, asFloat)).join(', ')}` };
}

function checkRange(view: SchemaView, value: number): LeafResult {
  if (view.minimum !== undefined && value < view.minimum) {
    return { ok: false, reason: `Value should be greater or equal to ${view.minimum}` };
  }
  if (view.maximum !== undefined && value > view.maximum) {
    return { ok: false, reason: `Value should be lower or equal to ${view.maximum}` };
  }
  return { ok: true, value };
}

function checkFormat(format: string, value: unknown): LeafResult {
  const text = typeof value === 'string' ? value : undefined;
  switch (format) {
    case 'uuid': {
      const uuid = text === undefined ? undefined : normalizeUuid(text);
      return uuid !== undefined
        ? { ok: true, value: uuid }
        : { ok: false, reason: 'Value should be UUID format' };
    }
    case 'ipvany':
      return text !== undefined && isIpAddress(text)
        ? { ok: true, value }
        : { ok: false, reason: 'Value should be IPv4 or IPv6 format' };
    case 'cidr': {
      const cidr = text === undefined ? undefined : normalizeCidr(text);
      return cidr !== undefined
        ? { ok: true, value: cidr }
        : { ok: false, reason: 'Value should be IPv4 or IPv6 CIDR format' };
    }
    case 'http-url':
      return text !== undefined && isHttpUrl(text)
        ? { ok: true, value }
        : { ok: false, reason: 'Value must be a valid URL string' };
    case 'url-path':
      return text !== undefined && isUrlPath(text)
        ? { ok: true, value }
        : { ok: false, reason: 'Value must be a valid URL Path string' };
    case 'alpn':
      return text !== undefined && ALPN.has(text)
        ? { ok: true, value }
        : { ok: false, reason: 'Value should be a valid ALPN protocol ID' };
    default:
      throw new Error(`unknown string format in request schema: ${format}`);
  }
}

function checkString(view: SchemaView, value: unknown): LeafResult {
  if (typeof value !== 'string') return { ok: false, reason: 'Value should be string' };
  // Python's len() counts code points, not UTF-16 units.
  const length = [...value].length;
  if (view.minLength !== undefined && length < view.minLength) {
    return { ok: false, reason: `Value should have a minimum character requirement of ${view.minLength}` };
  }
  if (view.maxLength !== undefined && length > view.maxLength) {
    return { ok: false, reason: `Value should have a maximum character requirement of ${view.maxLength}` };
  }
  if (view.pattern !== undefined && !new RegExp(view.pattern).test(value)) {
    return { ok: false, reason: `Value should match the pattern ${view.pattern}` };
  }
  return { ok: true, value };
}
