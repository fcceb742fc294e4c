import { Type, type TSchema, type TUnion, type TNull, type TUnsafe, type TOptional } from '@sinclair/typebox';

// Enums are plain JSON-schema `enum`s (not unions of literals) so that OpenAPI output stays readable and
// the validator can print WSME's "Value should be one of: A, B" from one list.

/** `T | null` — every optional request field accepts JSON null ("reset to default" on PUT). */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, TNull]> {
  return Type.Union([schema, Type.Null()]);
}

/** An optional, nullable request attribute (`field?: T | null`). */
export function Opt<T extends TSchema>(schema: T): TOptional<TUnion<[T, TNull]>> {
  return Type.Optional(Nullable(schema));
}

/** A string enumeration; the order of `values` is the order WSME-style messages list them in. */
export function StringEnum<const V extends readonly string[]>(
  values: V,
  options: Record<string, unknown> = {},
): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ ...options, type: 'string', enum: [...values] });
}

/** An integer enumeration (WSME `Enum(int, ...)`, e.g. L7 `redirect_http_code`). */
export function IntegerEnum<const V extends readonly number[]>(values: V): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ type: 'integer', enum: [...values] });
}

/** A float enumeration (WSME `Enum(float, ...)`, e.g. HM `http_version`). */
export function NumberEnum<const V extends readonly number[]>(values: V): TUnsafe<number> {
  return Type.Unsafe<number>({ type: 'number', enum: [...values] });
}

/**
 * A request body wrapper such as `{"listener": {...}}`. `wsmeArg` is the Python parameter name WSME
 * prints in "Unknown attribute for argument <wsmeArg>.<key>" messages.
 */
export function Wrapper<K extends string, T extends TSchema>(key: K, inner: T, wsmeArg: string) {
  return Type.Object({ [key]: inner } as { [P in K]: T }, { wsmeArg, additionalProperties: false });
}
