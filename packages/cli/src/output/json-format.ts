import { pythonJson } from './python-json.js';

const dict = (names: readonly string[], values: readonly unknown[]): Map<string, unknown> =>
  new Map(names.map((name, i) => [name, values[i]]));

/** cliff's `JSONFormatter.emit_list`: a list of one dict per row, keys in column order. */
export function jsonList(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  noindent: boolean,
): string {
  return `${pythonJson(
    rows.map((row) => dict(columns, row)),
    noindent ? null : 2,
  )}\n`;
}

/** cliff's `JSONFormatter.emit_one`: one dict, keys in field order. */
export function jsonShow(fields: readonly string[], values: readonly unknown[], noindent: boolean): string {
  return `${pythonJson(dict(fields, values), noindent ? null : 2)}\n`;
}
