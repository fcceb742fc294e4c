import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ValidationResult } from './validator.js';

/**
 * Compiles an identity request schema (identity.schema.ts) into a checker that answers like Keystone's
 * jsonschema validation: `Invalid input for field '<path>': <reason>`. Values are never echoed, so a
 * malformed password cannot end up in a response or a log.
 */
export function compileKeystoneValidator<S extends TSchema>(
  schema: S,
): (data: unknown) => ValidationResult<Static<S>> {
  const check = TypeCompiler.Compile(schema);
  return (data) => {
    if (check.Check(data)) return { ok: true, value: data };
    const first = check.Errors(data).First();
    const path = (first?.path ?? '').split('/').filter(Boolean).join('.');
    const reason = first?.message ?? 'invalid';
    return {
      ok: false,
      message: path === '' ? `Invalid input: ${reason}` : `Invalid input for field '${path}': ${reason}`,
    };
  };
}
