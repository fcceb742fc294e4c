import type { TSchema } from '@sinclair/typebox';

/**
 * The JSON-schema keywords the WSME-compatible validator understands. TypeBox schemas are plain
 * JSON schema, so the validator reads these keywords instead of TypeBox's internal Kind symbols.
 */
export interface SchemaView {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly properties?: Readonly<Record<string, SchemaView>>;
  readonly required?: readonly string[];
  readonly items?: SchemaView;
  readonly patternProperties?: Readonly<Record<string, SchemaView>>;
  readonly anyOf?: readonly SchemaView[];
  /** Python parameter name of a body wrapper, used as the root of WSME attribute paths. */
  readonly wsmeArg?: string;
}

/** Reads a TypeBox schema through the keyword view. */
export function viewOf(schema: TSchema): SchemaView {
  return schema as SchemaView;
}

/** How the validator treats a schema node. */
export type SchemaShape = 'object' | 'record' | 'array' | 'leaf';

/** Classifies a (non-union) schema node. */
export function shapeOf(view: SchemaView): SchemaShape {
  if (view.type === 'object') return view.patternProperties !== undefined ? 'record' : 'object';
  if (view.type === 'array') return 'array';
  return 'leaf';
}

/** Splits `T | null` into `T` and whether null is allowed; other unions are not request shapes. */
export function unwrapNullable(view: SchemaView): { inner: SchemaView; nullable: boolean } {
  if (view.anyOf === undefined) return { inner: view, nullable: false };
  const variants = view.anyOf.filter((v) => v.type !== 'null');
  const [inner] = variants;
  if (variants.length !== 1 || inner === undefined) {
    throw new Error('request schemas may only use unions of the form T | null');
  }
  return { inner, nullable: variants.length !== view.anyOf.length };
}

/** The item schema of an array node, or the value schema of a record node. */
export function elementOf(view: SchemaView): SchemaView {
  const element = view.items ?? Object.values(view.patternProperties ?? {})[0];
  if (element === undefined) throw new Error('array/record schema without an element schema');
  return element;
}

/** Top-level property names of an object schema (e.g. the attributes a list may filter on). */
export function propertyNames(schema: TSchema): string[] {
  return Object.keys(viewOf(schema).properties ?? {});
}
