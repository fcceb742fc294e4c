import { pyCompareStr } from './py-compare-str.js';

/** Raised where Python's `<` raises TypeError (values of unorderable types). */
export class PyTypeError extends Error {}

const isNumeric = (v: unknown): v is number | boolean => typeof v === 'number' || typeof v === 'boolean';

/** Python's `==` between JSON values (`True == 1`, lists and dicts compared deeply). */
export function pyEq(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => pyEq(v, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    return (
      ka.length === Object.keys(b).length &&
      ka.every((k) => k in b && pyEq((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    );
  }
  return a === b;
}

/** Python's `<` between JSON values; throws PyTypeError where Python raises TypeError. */
export function pyLt(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) < Number(b);
  if (typeof a === 'string' && typeof b === 'string') return pyCompareStr(a, b) < 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const i = a.findIndex((v, j) => j >= b.length || !pyEq(v, b[j]));
    if (i === -1 || i >= b.length) return a.length < b.length;
    return pyLt(a[i], b[i]);
  }
  throw new PyTypeError("'<' not supported");
}
