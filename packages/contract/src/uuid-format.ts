/**
 * Validates a UUID the way WSME's UuidType does (`str(uuid.UUID(value))`) and returns its canonical
 * lower-case hyphenated form, or undefined. Python's parser drops `urn:`/`uuid:` prefixes, surrounding
 * braces and every hyphen, then wants exactly 32 hex digits — so `{6F9619FF8B86D011B42D00C04FC964FF}`
 * is accepted and normalized.
 */
export function normalizeUuid(text: string): string | undefined {
  const hex = text
    .replaceAll('urn:', '')
    .replaceAll('uuid:', '')
    .replace(/^[{}]+|[{}]+$/g, '')
    .replaceAll('-', '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) return undefined;
  const h = hex.toLowerCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
