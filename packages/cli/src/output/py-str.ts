import { pyRepr } from './py-repr.js';

/** Python's `str()` of a JSON value: strings as they are (`undefined` as `''`), the rest as `repr()`. */
export function pyStr(value: unknown): string {
  if (value === undefined) return '';
  return typeof value === 'string' ? value : pyRepr(value);
}
