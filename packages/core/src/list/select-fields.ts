/** `fields=` selection (unknown names ignored; returns the row unchanged when fields is undefined). */
export function selectFields<T extends Record<string, unknown>>(
  row: T,
  fields: readonly string[] | undefined,
): Partial<T> {
  if (fields === undefined) return row;
  const wanted = new Set(fields);
  const selected: Partial<T> = {};
  for (const key of Object.keys(row) as (keyof T & string)[]) {
    if (wanted.has(key)) selected[key] = row[key];
  }
  return selected;
}
