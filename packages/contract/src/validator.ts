import type { Static, TSchema } from '@sinclair/typebox';
import { checkLeaf } from './check-leaf.js';
import { coerceScalar } from './coerce-scalar.js';
import { pyStr } from './python-repr.js';
import { elementOf, shapeOf, unwrapNullable, viewOf, type SchemaView } from './schema-view.js';

// Re-implements what WSME (wsme/rest/json.py fromjson + wsme/types.py wsattr.__set__) does with an
// Octavia request body, because clients and tests compare the resulting faultstrings:
//  * objects: unknown keys are rejected first (UnknownAttribute, path `<bodyarg>.<attr>.<attr>`), then
//    attributes are handled in declaration order, each coerced (fromjson) and then validated;
//  * a coercion failure (int("abc"), an ambiguous boolean, a non-list for a list) is a ValueError that
//    WSME reports against the body argument with the whole body as the value;
//  * a validation failure (range, enum, format, length) names the attribute and its coerced value;
//    list attributes report the whole list.
// Deviation: JSON null for a mandatory attribute is reported as missing (WSME lets it through and the
// controller later fails with a 500).

/** Outcome of validating one request body. */
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Raised for unknown keys; `path` grows while unwinding through enclosing attributes. */
class UnknownAttributes {
  readonly path: string[] = [];
  constructor(readonly keys: readonly string[]) {}
}

/** A fromjson ValueError: reported against the body argument. */
class CoercionFailure {
  constructor(readonly reason: string) {}
}

/** A complete "Invalid input for field/attribute ..." message. */
class InvalidAttribute {
  constructor(readonly message: string) {}
}

/** WSME's InvalidInput text. */
function invalidInput(field: string, valueText: string, reason: string): string {
  return `Invalid input for field/attribute ${field}. Value: '${valueText}'. ${reason}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Compiles a body schema into a function that coerces like WSME, then validates, then reports the
 * first error in WSME words. The wrapper schema's `wsmeArg` option names the body argument.
 */
export function compileValidator<S extends TSchema>(
  schema: S,
): (data: unknown) => ValidationResult<Static<S>> {
  const root = viewOf(schema);
  if (shapeOf(root) !== 'object') throw new Error('compileValidator needs an object schema');
  assertSupported(root);
  const bodyArg = root.wsmeArg ?? Object.keys(root.properties ?? {})[0] ?? 'body';

  return (data: unknown): ValidationResult<Static<S>> => {
    try {
      return { ok: true, value: fromJsonObject(root, data) as Static<S> };
    } catch (error) {
      if (error instanceof InvalidAttribute) return { ok: false, message: error.message };
      if (error instanceof CoercionFailure) {
        return { ok: false, message: invalidInput(bodyArg, pyStr(data), error.reason) };
      }
      if (error instanceof UnknownAttributes) {
        const noun = error.keys.length > 1 ? 'attributes' : 'attribute';
        const path = [bodyArg, ...error.path].join('.');
        return { ok: false, message: `Unknown ${noun} for argument ${path}: ${error.keys.join(', ')}` };
      }
      throw error;
    }
  };
}

/** Walks a schema once so that unsupported constructs fail at compile time, not per request. */
function assertSupported(view: SchemaView): void {
  const { inner } = unwrapNullable(view);
  const shape = shapeOf(inner);
  if (shape === 'object') Object.values(inner.properties ?? {}).forEach(assertSupported);
  else if (shape === 'array' || shape === 'record') assertSupported(elementOf(inner));
  else if (inner.format !== undefined) checkLeaf(inner, '');
}

/** fromjson for a complex type: unknown keys, then each attribute in declaration order. */
function fromJsonObject(view: SchemaView, raw: unknown): Record<string, unknown> {
  if (!isPlainObject(raw)) throw new CoercionFailure(`Value not a valid dict: ${pyStr(raw)}`);
  const properties = view.properties ?? {};
  const unknown = Object.keys(raw).filter((key) => !Object.hasOwn(properties, key));
  if (unknown.length > 0) throw new UnknownAttributes(unknown);

  const required = new Set(view.required ?? []);
  const out: Record<string, unknown> = {};
  for (const [name, propertyView] of Object.entries(properties)) {
    if (!Object.hasOwn(raw, name)) {
      if (required.has(name)) throw missing(name);
      continue;
    }
    const { inner, nullable } = unwrapNullable(propertyView);
    const value = raw[name];
    if (value === null) {
      if (required.has(name) || !nullable) throw missing(name);
      out[name] = null;
      continue;
    }
    let coerced: unknown;
    try {
      coerced = fromJson(inner, value);
    } catch (error) {
      if (error instanceof UnknownAttributes) error.path.unshift(name);
      throw error;
    }
    out[name] = setAttribute(name, inner, coerced);
  }
  return out;
}

function missing(name: string): InvalidAttribute {
  return new InvalidAttribute(invalidInput(name, 'None', 'Mandatory field missing.'));
}

/** fromjson for any non-null value: recurse into containers, coerce scalars. */
function fromJson(view: SchemaView, raw: unknown): unknown {
  switch (shapeOf(view)) {
    case 'object':
      return fromJsonObject(view, raw);
    case 'array': {
      if (!Array.isArray(raw)) throw new CoercionFailure(`Value not a valid list: ${pyStr(raw)}`);
      const item = elementOf(view);
      return raw.map((entry: unknown) => fromJsonElement(item, entry));
    }
    case 'record': {
      if (!isPlainObject(raw)) throw new CoercionFailure(`Value not a valid dict: ${pyStr(raw)}`);
      const element = elementOf(view);
      return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, fromJsonElement(element, v)]));
    }
    case 'leaf': {
      const result = coerceScalar(view, raw);
      if (!result.ok) throw new CoercionFailure(result.reason);
      return result.value;
    }
  }
}

/** An element of a list or dict: null stays null for leaves (checked later); objects need a dict. */
function fromJsonElement(view: SchemaView, raw: unknown): unknown {
  if (raw === null && shapeOf(view) === 'leaf') return null;
  return fromJson(view, raw);
}

/** wsattr.__set__: validate the coerced attribute value; lists and dicts are reported whole. */
function setAttribute(name: string, view: SchemaView, value: unknown): unknown {
  const shape = shapeOf(view);
  if (shape === 'object') return value;
  if (shape === 'leaf') {
    const result = checkLeaf(view, value);
    if (!result.ok)
      throw new InvalidAttribute(invalidInput(name, pyStr(value, view.type === 'number'), result.reason));
    return result.value;
  }
  const element = elementOf(view);
  if (shapeOf(element) !== 'leaf') return value;
  const check = (entry: unknown): unknown => {
    const result = checkLeaf(element, entry);
    if (!result.ok) {
      throw new InvalidAttribute(invalidInput(name, pyStr(value, element.type === 'number'), result.reason));
    }
    return result.value;
  };
  if (Array.isArray(value)) return value.map(check);
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, check(v)]));
}
