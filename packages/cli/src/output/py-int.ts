/** Python's `int(text)` for a decimal string (whitespace, a sign and `_` separators allowed); undefined if invalid. */
export function pyInt(text: string): number | undefined {
  const trimmed = text.trim();
  return /^[-+]?\d+(?:_\d+)*$/.test(trimmed) ? Number(trimmed.replace(/_/g, '')) : undefined;
}
