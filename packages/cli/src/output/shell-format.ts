import { pyStr } from './py-str.js';

/** cliff's `ShellFormatter.emit_one`: `<prefix><name>="<value>"` lines, names lowered with ` `, `:`, `-` as `_`. */
export function shellShow(fields: readonly string[], values: readonly unknown[], prefix: string): string {
  return fields
    .map((field, i) => {
      const name = field.toLowerCase().replace(/[ :-]/g, '_');
      const value = values[i];
      const text = typeof value === 'string' ? value.replace(/"/g, '\\"') : pyStr(value);
      return `${prefix}${name}="${text}"\n`;
    })
    .join('');
}
