import { CliError } from '../cli-error.js';
import { jsonShow } from './json-format.js';
import type { OutputOptions } from './output-options.js';
import { selectColumns } from './select-columns.js';
import { shellShow } from './shell-format.js';
import { tableShow } from './table-format.js';
import { tableWidth, type OutputEnv } from './table-width.js';
import { valueShow } from './value-format.js';
import { yamlShow } from './yaml-format.js';

/**
 * What cliff's `ShowOne` prints for `fields` and their JSON `values` (`undefined` counts as `''`),
 * `-c`-selected then formatted. Throws CliError with cliff's message for unknown `-c` columns.
 */
export function formatShow(
  fields: readonly string[],
  values: readonly unknown[],
  opts: OutputOptions,
  env?: OutputEnv,
): string {
  const keep = selectColumns(fields, opts.columns);
  const names = keep.map((i) => fields[i]!);
  const data = keep.map((i) => (values[i] === undefined ? '' : values[i]));
  switch (opts.format) {
    case 'json':
      return jsonShow(names, data, opts.noindent);
    case 'shell':
      return shellShow(names, data, opts.prefix);
    case 'value':
      return valueShow(data);
    case 'yaml':
      return yamlShow(names, data);
    case 'table':
      return tableShow(names, data, tableWidth(opts, env));
    default:
      throw new CliError(`invalid show format: ${opts.format}`, 2);
  }
}
