import { pyStr } from '../output/py-str.js';

/** octaviaclient's display formatters for show/list cells. */
export type CellFormatter = 'ids' | 'flat' | 'hash';

function formatCell(value: unknown, formatter: CellFormatter): unknown {
  if (value === null || value === undefined || value === '') return value;
  if (formatter === 'ids') return (value as { id: string }[]).map((v) => v.id).join('\n');
  if (formatter === 'flat') return (value as string[]).join('\n');
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length === 0 ? null : entries.map(([k, v]) => `${k}=${pyStr(v)}`).join('\n');
}

/**
 * osc `get_dict_properties`: the values of `fields` in `item` (a missing field is ''), each passed
 * through its formatter (octaviaclient's format_list → 'ids', format_list_flat → 'flat', format_hash → 'hash').
 */
export function showRow(
  item: Record<string, unknown>,
  fields: readonly string[],
  formatters: Readonly<Record<string, CellFormatter>> = {},
): unknown[] {
  return fields.map((field) => {
    const value = field in item ? item[field] : '';
    const formatter = formatters[field];
    return formatter ? formatCell(value, formatter) : value;
  });
}
