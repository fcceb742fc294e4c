import { createHash } from 'node:crypto';

/** Where `--debug` output goes (stderr). */
export interface DebugSink {
  write(chunk: string): unknown;
}

const SECRET_HEADERS = new Set(['authorization', 'x-auth-token', 'x-subject-token', 'x-service-token']);

/** keystoneauth's redaction of a header value: `{SHA256}<hex>` for tokens, as is otherwise. */
export function redactHeader(name: string, value: string): string {
  return SECRET_HEADERS.has(name.toLowerCase())
    ? `{SHA256}${createHash('sha256').update(value, 'utf8').digest('hex')}`
    : value;
}

/** A request as keystoneauth logs it: `REQ: curl -g -i -X GET <url> -H "..." -d '<body>'` (passwords `***`). */
export function formatDebugRequest(
  method: string,
  url: string,
  headers: Readonly<Record<string, string>>,
  body: unknown,
): string {
  const parts = ['REQ: curl -g -i', '-X', method, url.includes('?') ? `"${url}"` : url];
  for (const [name, value] of Object.entries(headers).sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`-H "${name}: ${redactHeader(name, value)}"`);
  }
  if (body !== undefined) parts.push(`-d '${JSON.stringify(maskPasswords(body))}'`);
  return `${parts.join(' ')}\n`;
}

/** A response as keystoneauth logs it: `RESP: [status] headers`, then `RESP BODY: ...` (catalog removed). */
export function formatDebugResponse(status: number, headers: Headers, text: string): string {
  const parts = [`RESP: [${status}]`];
  for (const [name, value] of [...headers.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`${name}: ${redactHeader(name, value)}`);
  }
  let out = `${parts.join(' ')}\n`;
  if (text !== '') out += `RESP BODY: ${withoutCatalog(text)}\n`;
  return out;
}

function maskPasswords(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskPasswords);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === 'password' && typeof v === 'string' ? '***' : maskPasswords(v),
    ]),
  );
}

function withoutCatalog(text: string): string {
  try {
    const data = JSON.parse(text) as { token?: unknown } | null;
    const token = data?.token;
    if (typeof token !== 'object' || token === null || !('catalog' in token)) return text;
    return JSON.stringify({ ...data, token: { ...token, catalog: '<removed>' } });
  } catch {
    return text;
  }
}
