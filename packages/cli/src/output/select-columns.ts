import { CliError } from '../cli-error.js';
import { pyRepr } from './py-repr.js';

const tupleRepr = (items: readonly string[]): string =>
  `(${items.map(pyRepr).join(', ')}${items.length === 1 ? ',' : ''})`;

/**
 * cliff's `-c` handling: the indexes of the known requested columns in their original order (unknown ones
 * ignored), all of them when none is requested; cliff's ValueError when none of the requested is known.
 */
export function selectColumns(names: readonly string[], requested: readonly string[]): number[] {
  const all = names.map((_, i) => i);
  if (requested.length === 0) return all;
  const selected = all.filter((i) => requested.includes(names[i]!));
  if (selected.length === 0) {
    throw new CliError(
      `No recognized column names in ${pyRepr(requested)}. Recognized columns are ${tupleRepr(names)}.`,
    );
  }
  return selected;
}
