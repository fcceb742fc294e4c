import type { Static, TObject, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { Value } from '@sinclair/typebox/value';
import { pyStr } from './python-repr.js';
import type { ValidationResult } from './validator.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why one attribute value fails its schema, in neutron-lib's validator words. */
function reason(schema: TSchema, value: unknown): string {
  const first = Value.Errors(schema, value).First();
  const failing = (first?.schema ?? schema) as Json;
  const v = first?.value ?? value;
  const shown = pyStr(v);
  if (Array.isArray(failing['anyOf'])) {
    const consts = (failing['anyOf'] as Json[]).map((s) => s['const']);
    if (consts.every((c) => c !== undefined)) return `'${shown}' is not in ${pyStr(consts)}`;
    const member = (failing['anyOf'] as Json[]).find((s) => s['type'] !== 'null');
    if (member !== undefined && member !== failing) return reason(member as unknown as TSchema, v);
  }
  if (Array.isArray(failing['enum'])) return `'${shown}' is not in ${pyStr(failing['enum'])}`;
  if (failing['const'] !== undefined) return `'${shown}' is not in ${pyStr([failing['const']])}`;
  switch (failing['type']) {
    case 'string':
      if (typeof v === 'string' && typeof failing['maxLength'] === 'number')
        return `'${shown}' exceeds maximum length of ${failing['maxLength']}`;
      return `'${shown}' is not a valid string`;
    case 'boolean':
      return `'${shown}' is not a valid boolean value`;
    case 'integer':
    case 'number':
      if (typeof v === 'number' && typeof failing['minimum'] === 'number' && v < failing['minimum'])
        return `'${shown}' is too small - must be at least '${failing['minimum']}'`;
      if (typeof v === 'number' && typeof failing['maximum'] === 'number' && v > failing['maximum'])
        return `'${shown}' is too large - must be no larger than '${failing['maximum']}'`;
      return `'${shown}' is not an integer`;
    case 'array':
      return `'${shown}' is not a list`;
    case 'object': {
      if (isObject(v) && isObject(failing['properties'])) {
        const unknown = Object.keys(v).filter((k) => !Object.hasOwn(failing['properties'] as Json, k));
        if (unknown.length > 0) return `Unrecognized attribute(s) '${unknown.join(', ')}'`;
      }
      return `'${shown}' is not a dictionary`;
    }
    default:
      return `'${shown}' is not valid`;
  }
}

/**
 * Compiles a Neutron request body schema (`{"<resource>": {...}}`, one wrapper key) into a checker that
 * answers with neutron's API-layer texts: `Unable to find '<resource>' in request body`,
 * `Unrecognized attribute(s) 'a, b'`, `Failed to parse request. Required attribute '<a>' not specified`
 * and `Invalid input for <attr>. Reason: <why>.` Nothing is coerced (the openstack clients send JSON types).
 */
export function compileNeutronValidator<S extends TSchema>(
  schema: S,
): (data: unknown) => ValidationResult<Static<S>> {
  const check = TypeCompiler.Compile(schema);
  const wrapper = schema as unknown as TObject;
  const resource = Object.keys(wrapper.properties)[0] ?? '';
  const inner = wrapper.properties[resource] as TObject | undefined;
  return (data) => {
    if (check.Check(data)) return { ok: true, value: data };
    return { ok: false, message: explain(resource, inner, data) };
  };
}

function explain(resource: string, inner: TObject | undefined, data: unknown): string {
  if (!isObject(data) || !Object.hasOwn(data, resource) || inner === undefined)
    return `Unable to find '${resource}' in request body`;
  const body = data[resource];
  if (!isObject(body)) return `Invalid input for ${resource}. Reason: '${pyStr(body)}' is not a dictionary.`;
  const unknown = Object.keys(body).filter((k) => !Object.hasOwn(inner.properties, k));
  if (unknown.length > 0) return `Unrecognized attribute(s) '${unknown.join(', ')}'`;
  for (const key of inner.required ?? []) {
    if (!Object.hasOwn(body, key))
      return `Failed to parse request. Required attribute '${key}' not specified`;
  }
  for (const [key, sub] of Object.entries(inner.properties)) {
    if (Object.hasOwn(body, key) && !Value.Check(sub, body[key])) {
      return `Invalid input for ${key}. Reason: ${reason(sub, body[key])}.`;
    }
  }
  return `Invalid input for ${resource}.`;
}
