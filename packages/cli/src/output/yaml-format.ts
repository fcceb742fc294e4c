import { yamlSafeDump } from './yaml-dump.js';

const dict = (names: readonly string[], values: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(names.map((name, i) => [name, values[i]]));

/** cliff's `YAMLFormatter.emit_list`: one safe_dump of the list of row dicts. */
export function yamlList(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return yamlSafeDump(rows.map((row) => dict(columns, row)));
}

/** cliff's `YAMLFormatter.emit_one`: one safe_dump per field, each a one-key dict. */
export function yamlShow(fields: readonly string[], values: readonly unknown[]): string {
  return fields.map((field, i) => yamlSafeDump({ [field]: values[i] })).join('');
}
