import { CliError } from '../cli-error.js';
import { csvList } from './csv-format.js';
import { jsonList } from './json-format.js';
import type { OutputOptions } from './output-options.js';
import { selectColumns } from './select-columns.js';
import { sortRows } from './sort-rows.js';
import { tableList } from './table-format.js';
import { tableWidth, type OutputEnv } from './table-width.js';
import { valueList } from './value-format.js';
import { yamlList } from './yaml-format.js';

/**
 * What cliff's `Lister` prints for `columns` and `rows` of JSON values (`undefined` counts as `''`): sorted,
 * `-c`-selected, then formatted. Throws CliError with cliff's message for unknown `-c` columns.
 */
export function formatList(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  opts: OutputOptions,
  env?: OutputEnv,
): string {
  const sorted = sortRows(
    columns,
    rows.map((row) => row.map((v) => (v === undefined ? '' : v))),
    opts.sortColumns,
    opts.sortAscending,
  );
  const keep = selectColumns(columns, opts.columns);
  const names = keep.map((i) => columns[i]!);
  const data = sorted.map((row) => keep.map((i) => row[i]));
  switch (opts.format) {
    case 'table':
      return tableList(names, data, opts.printEmpty, tableWidth(opts, env));
    case 'csv':
      return csvList(names, data, opts.quote);
    case 'json':
      return jsonList(names, data, opts.noindent);
    case 'yaml':
      return yamlList(names, data);
    case 'value':
      return valueList(data);
    default:
      throw new CliError(`invalid list format: ${opts.format}`, 2);
  }
}
