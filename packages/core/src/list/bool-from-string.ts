// oslo_utils.strutils TRUE_STRINGS / FALSE_STRINGS.
const TRUE_STRINGS: ReadonlySet<string> = new Set(['1', 't', 'true', 'on', 'y', 'yes']);
const FALSE_STRINGS: ReadonlySet<string> = new Set(['0', 'f', 'false', 'off', 'n', 'no']);

/** oslo bool_from_string: true/false/1/0/yes/no/on/off/t/f/y/n, case-insensitive; undefined if ambiguous. */
export function boolFromString(s: string): boolean | undefined {
  const lowered = s.trim().toLowerCase();
  if (TRUE_STRINGS.has(lowered)) return true;
  if (FALSE_STRINGS.has(lowered)) return false;
  return undefined;
}
