import { CliError } from '../cli-error.js';
import type { OutputOptions } from './output-options.js';
import { pyStr } from './py-str.js';

function csvField(value: unknown, quoting: OutputOptions['quote']): string {
  const numeric = typeof value === 'number' || typeof value === 'boolean';
  let quoted = quoting === 'all' || (quoting === 'nonnumeric' && !numeric);
  let out = '';
  for (const ch of value === null ? '' : pyStr(value)) {
    // The delimiter, escapechar, quotechar and line terminator: escaped, or quoted (quotechar doubled).
    if (',\\"\n'.includes(ch)) {
      if (quoting === 'none' || ch === '\\') out += '\\';
      else {
        quoted = true;
        if (ch === '"') out += '"';
      }
    }
    out += ch;
  }
  return quoted ? `"${out}"` : out;
}

function csvRow(row: readonly unknown[], quoting: OutputOptions['quote']): string {
  const line = row.map((v) => csvField(v, quoting)).join(',');
  if (row.length > 0 && line === '') {
    if (quoting === 'none') throw new CliError('single empty field record must be quoted');
    return '""\n';
  }
  return `${line}\n`;
}

/** cliff's `CSVLister`: Python's csv.writer with the `--quote` mode, escapechar `\` and `\n` line ends. */
export function csvList(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  quoting: OutputOptions['quote'],
): string {
  return [columns, ...rows].map((row) => csvRow(row, quoting)).join('');
}
