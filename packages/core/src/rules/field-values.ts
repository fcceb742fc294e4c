import { DomainError, invalidInput } from '../errors/domain-error.js';

/** The value of a mandatory field, or WSME's 400 `... Value: 'None'. Mandatory field missing.` */
export function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw invalidInput(field, null, 'Mandatory field missing.');
  return value;
}

/** PUT semantics (§2.3): an absent key keeps `stored`, JSON null resets to `reset`, anything else replaces. */
export function putValue<T>(given: T | null | undefined, stored: T, reset: T): T {
  if (given === undefined) return stored;
  return given === null ? reset : given;
}

/** A boolean field: absent → `fallback`; JSON null → false (§2.2: Octavia stores null `admin_state_up` as false). */
export function boolField(given: boolean | null | undefined, fallback: boolean): boolean {
  if (given === undefined) return fallback;
  return given ?? false;
}

/** Octavia's `InvalidOption` (400): `<value> is not a valid option for <option>`. */
export function invalidOption(value: string, option: string): DomainError {
  return new DomainError('invalid', `${value} is not a valid option for ${option}`);
}

/** 409 with a fixed message (duplicates, "already has ..."). */
export function conflict(message: string): DomainError {
  return new DomainError('conflict', message);
}

/** Renders strings as a Python list repr (`['a', 'b']`), the way Octavia interpolates lists into messages. */
export function pythonList(items: readonly string[]): string {
  return `[${items.map(pythonStr).join(', ')}]`;
}

/** Python `repr()` of a str: single quotes unless the text contains one and no double quote. */
function pythonStr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** Renders a float the way Python prints it (`1.0`, not `1`). */
export function pythonFloat(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** Element-wise equality of two string arrays (order matters). */
export function sameStrings(a: readonly string[] | null, b: readonly string[] | null): boolean {
  if (a === null || b === null) return a === b;
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
