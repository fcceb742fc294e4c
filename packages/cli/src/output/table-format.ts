import { CliError } from '../cli-error.js';
import { prettyTable, type Align, type PrettyTableSpec } from './pretty-table.js';
import { pyStr } from './py-str.js';
import type { TableWidth } from './table-width.js';

function cell(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\r\n/g, '\n').replace(/\r/g, ' ') : pyStr(value);
}

/** cliff's `TableFormatter._assign_max_widths`: shrinks the widest columns until the table fits. */
function assignMaxWidths(spec: PrettyTableSpec, width: TableWidth, minWidth: number): PrettyTableSpec {
  let termWidth: number;
  if (width.maxWidth > 0) termWidth = width.maxWidth;
  else if (!width.fitWidth || !width.terminalWidth) return spec;
  else termWidth = width.terminalWidth;
  const firstLine = prettyTable(spec).split('\n')[0]!;
  if (firstLine === '' || firstLine.length <= termWidth) return spec;
  const count = spec.fieldNames.length;
  const usable = Math.max(0, termWidth - 1 - 3 * count);
  const optimal = count === 0 ? 0 : Math.max(0, Math.floor(usable / count));
  const fieldWidths = firstLine
    .split('+')
    .slice(1, -1)
    .map((s) => Math.max(0, s.length - 2));
  const shrink: number[] = [];
  let remaining = usable;
  fieldWidths.forEach((w, i) => {
    if (w <= optimal) remaining -= w;
    else shrink.push(i);
  });
  if (shrink.length === 0) throw new CliError('integer division or modulo by zero');
  const shrinkTo = Math.floor(remaining / shrink.length);
  const maxWidths = [...spec.maxWidths];
  for (const i of shrink.slice(0, -1)) {
    maxWidths[i] = Math.max(minWidth, shrinkTo);
    remaining -= shrinkTo;
  }
  maxWidths[shrink[shrink.length - 1]!] = Math.max(minWidth, remaining);
  return { ...spec, maxWidths };
}

/** cliff's `TableFormatter.emit_list`: columns aligned by the first row's types, `\n` after the table. */
export function tableList(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  printEmpty: boolean,
  width: TableWidth,
): string {
  const first = rows[0];
  const align = columns.map((_, i): Align => {
    if (!first) return 'c';
    return typeof first[i] === 'number' ? 'r' : 'l';
  });
  const spec: PrettyTableSpec = {
    fieldNames: columns,
    rows: rows.map((row) => row.map(cell)),
    align,
    maxWidths: columns.map(() => undefined),
    printEmpty,
  };
  return `${prettyTable(assignMaxWidths(spec, width, 8))}\n`;
}

/** cliff's `TableFormatter.emit_one`: a left-aligned `Field | Value` table, `\n` after it. */
export function tableShow(fields: readonly string[], values: readonly unknown[], width: TableWidth): string {
  const spec: PrettyTableSpec = {
    fieldNames: ['Field', 'Value'],
    rows: fields.map((field, i) => [cell(field), cell(values[i])]),
    align: ['l', 'l'],
    maxWidths: [undefined, undefined],
    printEmpty: false,
  };
  return `${prettyTable(assignMaxWidths(spec, width, 16))}\n`;
}
