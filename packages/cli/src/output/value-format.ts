import { pyStr } from './py-str.js';

/** cliff's `ValueFormatter.emit_list`: each row's values joined by one space, one line per row. */
export function valueList(rows: readonly (readonly unknown[])[]): string {
  return rows.map((row) => `${row.map(pyStr).join(' ')}\n`).join('');
}

/** cliff's `ValueFormatter.emit_one`: one value per line. */
export function valueShow(values: readonly unknown[]): string {
  return values.map((v) => `${pyStr(v)}\n`).join('');
}
