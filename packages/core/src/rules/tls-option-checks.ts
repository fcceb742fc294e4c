import { validationFailure } from '../errors/domain-error.js';

/** TLS protocol versions Octavia knows, oldest first (`constants.TLS_ALL_VERSIONS`). */
export const TLS_VERSIONS: readonly string[] = ['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** ALPN protocol ids Octavia accepts (`constants.SUPPORTED_ALPN_PROTOCOLS`). */
export const ALPN_PROTOCOLS: readonly string[] = ['h2', 'http/1.1', 'http/1.0'];

/** Octavia's `check_tls_version_list`: 400 on an empty list or unknown versions. */
export function checkTlsVersionList(versions: readonly string[]): void {
  if (versions.length === 0) {
    throw validationFailure(
      'Empty TLS version list. Either specify at least one TLS version or remove this parameter to use the default.',
    );
  }
  const invalid = versions.filter((v) => !TLS_VERSIONS.includes(v));
  if (invalid.length > 0) throw validationFailure(`Invalid TLS versions: ${invalid.join(', ')}`);
}

/** Octavia's `check_alpn_protocols`: 400 on an empty list or unknown protocol ids. */
export function checkAlpnProtocolList(protocols: readonly string[]): void {
  if (protocols.length === 0) {
    throw validationFailure(
      'Empty ALPN protocol list. Either specify at least one ALPN protocol or remove this parameter to use the default.',
    );
  }
  const invalid = protocols.filter((p) => !ALPN_PROTOCOLS.includes(p));
  if (invalid.length > 0) throw validationFailure(`Invalid ALPN protocol: ${invalid.join(', ')}`);
}
