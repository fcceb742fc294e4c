import { CliError } from '../cli-error.js';
import { PyTypeError, pyEq, pyLt } from './py-order.js';

function mergeSort<T>(items: readonly T[], lt: (a: T, b: T) => boolean): T[] {
  if (items.length < 2) return [...items];
  const mid = items.length >> 1;
  const left = mergeSort(items.slice(0, mid), lt);
  const right = mergeSort(items.slice(mid), lt);
  const out: T[] = [];
  while (left.length > 0 && right.length > 0)
    out.push(lt(right[0]!, left[0]!) ? right.shift()! : left.shift()!);
  return [...out, ...left, ...right];
}

/** Python's `<` between cliff's sort keys `(value is None, value)`. */
function keyLt(a: unknown, b: unknown): boolean {
  if ((a === null) !== (b === null)) return b === null;
  return !pyEq(a, b) && pyLt(a, b);
}

/**
 * cliff's `Lister` sorting: stable sorts by each known `--sort-column`, last first; a column of unorderable
 * values is left unsorted (cliff logs a warning), or fails with cliff's own IndexError when its index is
 * beyond the number of `--sort-column`s.
 */
export function sortRows(
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  sortColumns: readonly string[],
  ascending: boolean,
): readonly (readonly unknown[])[] {
  const indexes = sortColumns.filter((c) => columns.includes(c)).map((c) => columns.indexOf(c));
  let data = rows;
  for (const index of indexes.reverse()) {
    try {
      data = mergeSort(data, (a, b) => (ascending ? keyLt(a[index], b[index]) : keyLt(b[index], a[index])));
    } catch (err) {
      if (!(err instanceof PyTypeError)) throw err;
      if (index >= sortColumns.length) throw new CliError('list index out of range');
    }
  }
  return data;
}
