import { pyFloatRepr } from './py-float-repr.js';

/** Python's `str()` of a JSON number: safe integers print as `int`, everything else as `float`. */
export function pyNumberStr(x: number): string {
  return Number.isSafeInteger(x) ? String(x) : pyFloatRepr(x);
}
