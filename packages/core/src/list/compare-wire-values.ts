/**
 * Orders two wire values the way the SQL ORDER BY behind Octavia's lists does: null/absent first (SQLite and
 * MySQL order NULLs first ascending), numbers numerically, booleans false < true, everything else by its
 * string form in code-unit order (binary collation).
 */
export function compareWireValues(a: unknown, b: unknown): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a === b ? 0 : a < b ? -1 : 1;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  const as = wireString(a);
  const bs = wireString(b);
  return as === bs ? 0 : as < bs ? -1 : 1;
}

/** The string form a wire value is compared by (JSON for arrays and objects). */
export function wireString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
