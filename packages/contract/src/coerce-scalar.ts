import { pyRepr, pyStr, pyTypeName } from './python-repr.js';
import type { SchemaView } from './schema-view.js';

// WSME's fromjson step for scalars: Python's int()/float() and WSME's bool_fromjson. Failures here are
// ValueErrors in WSME that surface at the body-argument level (see validator.ts).

/** Result of coercing one JSON scalar. */
export type CoercionResult = { ok: true; value: unknown } | { ok: false; reason: string };

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', 'off', '0']);
const INT_TEXT = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT_TEXT = /^[+-]?(?:\d+(?:_\d+)*(?:\.(?:\d+(?:_\d+)*)?)?|\.\d+(?:_\d+)*)(?:[eE][+-]?\d+(?:_\d+)*)?$/;
const FLOAT_SPECIAL = /^([+-]?)(inf|infinity|nan)$/i;

/** Coerces a non-null JSON value for a leaf schema (integer, number, boolean; others pass through). */
export function coerceScalar(view: SchemaView, raw: unknown): CoercionResult {
  switch (view.type) {
    case 'integer':
      return toInt(raw);
    case 'number':
      return toFloat(raw);
    case 'boolean':
      return toBool(raw);
    default:
      return { ok: true, value: raw };
  }
}

/** Python int(): booleans → 0/1, floats truncated, decimal strings (whitespace, sign, `_`) parsed. */
function toInt(raw: unknown): CoercionResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw ? 1 : 0 };
  if (typeof raw === 'number') return { ok: true, value: Math.trunc(raw) };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (INT_TEXT.test(text)) return { ok: true, value: Number(text.replaceAll('_', '')) };
    return { ok: false, reason: `invalid literal for int() with base 10: ${pyRepr(raw)}` };
  }
  return {
    ok: false,
    reason: `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(raw)}'`,
  };
}

/** Python float(). */
function toFloat(raw: unknown): CoercionResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw ? 1 : 0 };
  if (typeof raw === 'number') return { ok: true, value: raw };
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (FLOAT_TEXT.test(text)) return { ok: true, value: Number(text.replaceAll('_', '')) };
    const special = FLOAT_SPECIAL.exec(text);
    if (special !== null) {
      const nan = special[2]?.toLowerCase() === 'nan';
      return { ok: true, value: nan ? Number.NaN : special[1] === '-' ? -Infinity : Infinity };
    }
    return { ok: false, reason: `could not convert string to float: ${pyRepr(raw)}` };
  }
  return {
    ok: false,
    reason: `float() argument must be a string or a real number, not '${pyTypeName(raw)}'`,
  };
}

/** WSME bool_fromjson: booleans, integers (non-zero = true) and the unambiguous words (any case). */
function toBool(raw: unknown): CoercionResult {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (typeof raw === 'number' && Number.isInteger(raw)) return { ok: true, value: raw !== 0 };
  if (typeof raw === 'string') {
    const word = raw.toLowerCase();
    if (TRUE_WORDS.has(word)) return { ok: true, value: true };
    if (FALSE_WORDS.has(word)) return { ok: true, value: false };
  }
  return { ok: false, reason: `Value not an unambiguous boolean: ${pyStr(raw)}` };
}
