import type { ListenerProtocol } from '../model/records.js';
import { invalidOption, pythonList } from './field-values.js';

/** Plain HTTP headers a listener may insert (§5.6). */
export const SUPPORTED_HTTP_HEADERS: readonly string[] = [
  'X-Forwarded-For',
  'X-Forwarded-Port',
  'X-Forwarded-Proto',
  'X-Forwarded-IP',
  'X-Client-IP',
  'X-Real-IP',
];

/** Client-certificate headers, TERMINATED_HTTPS only (§5.6). */
export const SUPPORTED_SSL_HEADERS: readonly string[] = [
  'X-SSL-Client-Verify',
  'X-SSL-Client-Has-Cert',
  'X-SSL-Client-DN',
  'X-SSL-Client-CN',
  'X-SSL-Issuer',
  'X-SSL-Client-SHA1',
  'X-SSL-Client-Not-Before',
  'X-SSL-Client-Not-After',
];

/** Listener protocols that can insert headers at all. */
const HEADER_PROTOCOLS: readonly ListenerProtocol[] = ['HTTP', 'TERMINATED_HTTPS'];

/** §5.6 checks of a non-empty `insert_headers` object, in Octavia's order and with its exact messages. */
export function checkInsertHeaders(
  headers: Readonly<Record<string, string>>,
  protocol: ListenerProtocol,
): void {
  if (!HEADER_PROTOCOLS.includes(protocol)) {
    throw invalidOption('insert-headers', `a ${protocol} protocol listener.`);
  }
  const names = Object.keys(headers);
  // Octavia echoes the whole key list, not only the unknown keys.
  if (names.some((n) => !SUPPORTED_HTTP_HEADERS.includes(n) && !SUPPORTED_SSL_HEADERS.includes(n))) {
    throw invalidOption(pythonList(names), 'insert_headers');
  }
  if (protocol !== 'TERMINATED_HTTPS') {
    const ssl = names.filter((n) => SUPPORTED_SSL_HEADERS.includes(n));
    if (ssl.length > 0) throw invalidOption(pythonList(ssl), `${protocol} protocol listener.`);
  }
}
