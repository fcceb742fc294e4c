import { validationFailure } from '../errors/domain-error.js';
import type { ClientAuthentication, ListenerProtocol } from '../model/records.js';

/** The certificate-related state of a listener that the structural TLS checks look at. */
export interface ListenerTlsState {
  protocol: ListenerProtocol;
  default_tls_container_ref: string | null;
  sni_container_refs: readonly string[];
  client_ca_tls_container_ref: string | null;
  client_crl_container_ref: string | null;
  client_authentication: ClientAuthentication;
}

/** True when default, SNI or client-CA references are present (Octavia's `_has_tls_container_refs`). */
export function hasTlsContainerRefs(
  s: Pick<
    ListenerTlsState,
    'default_tls_container_ref' | 'sni_container_refs' | 'client_ca_tls_container_ref'
  >,
): boolean {
  return (
    Boolean(s.default_tls_container_ref) ||
    s.sni_container_refs.length > 0 ||
    Boolean(s.client_ca_tls_container_ref)
  );
}

/** TERMINATED_HTTPS always terminates TLS; PROMETHEUS does when it is given certificates (§4.2). */
export function isTlsTerminating(protocol: ListenerProtocol, hasRefs: boolean): boolean {
  return protocol === 'TERMINATED_HTTPS' || (protocol === 'PROMETHEUS' && hasRefs);
}

/** 400 `<P> protocol listener does not support TLS[ or header insertion].` for UDP/SCTP listeners. */
export function checkDatagramListenerTls(
  protocol: ListenerProtocol,
  tlsOrHeaders: boolean,
  wording: 'create' | 'update',
): void {
  if ((protocol === 'UDP' || protocol === 'SCTP') && tlsOrHeaders) {
    const what = wording === 'create' ? 'TLS' : 'TLS or header insertion';
    throw validationFailure(`${protocol} protocol listener does not support ${what}.`);
  }
}

/** 400 when certificate references are given to a listener that does not terminate TLS. */
export function checkRefsAllowed(protocol: ListenerProtocol, refsGiven: boolean, terminating: boolean): void {
  if (refsGiven && !terminating) {
    throw validationFailure(
      `Certificate container references are not allowed on ${protocol} protocol listeners.`,
    );
  }
}

/** 400 when client authentication is enabled without a client CA. */
export function checkClientAuthentication(s: ListenerTlsState): void {
  if (s.client_authentication !== 'NONE' && !s.client_ca_tls_container_ref) {
    throw validationFailure(
      `Client authentication setting ${s.client_authentication} requires a client CA container reference.`,
    );
  }
}

/** 400 when a client CRL is given without a client CA. */
export function checkClientCrl(s: ListenerTlsState): void {
  if (s.client_crl_container_ref && !s.client_ca_tls_container_ref) {
    throw validationFailure(
      'A client authentication CA reference is required to specify a client authentication revocation list.',
    );
  }
}

/** 400 when a terminating listener (or one with a client CA) has neither a default nor an SNI certificate. */
export function checkServerCertificate(s: ListenerTlsState): void {
  const hasServerCert = Boolean(s.default_tls_container_ref) || s.sni_container_refs.length > 0;
  if (hasServerCert) return;
  if (s.client_ca_tls_container_ref) {
    throw validationFailure(
      'An SNI or default certificate container reference must be provided with a client CA container reference.',
    );
  }
  if (isTlsTerminating(s.protocol, hasTlsContainerRefs(s))) {
    throw validationFailure(
      `An SNI or default certificate container reference must be provided for ${s.protocol} protocol listeners.`,
    );
  }
}

/** HSTS checks at create time (Octavia's `check_hsts_options`). */
export function checkHstsOnCreate(
  protocol: ListenerProtocol,
  maxAge: number | null,
  includeSubdomains: boolean,
  preload: boolean,
): void {
  if ((includeSubdomains || preload) && maxAge === null) {
    throw validationFailure(
      'HSTS configuration options hsts_include_subdomains and hsts_preload only make sense if hsts_max_age is set as well.',
    );
  }
  if (maxAge !== null && protocol !== 'TERMINATED_HTTPS') throw hstsProtocolError();
}

/** HSTS checks of a PUT (Octavia's `check_hsts_options_put`), with `maxAge` the value after the merge. */
export function checkHstsOnUpdate(
  protocol: ListenerProtocol,
  patch: {
    hsts_max_age?: number | null;
    hsts_include_subdomains?: boolean | null;
    hsts_preload?: boolean | null;
  },
  maxAge: number | null,
): void {
  if ((patch.hsts_include_subdomains === true || patch.hsts_preload === true) && maxAge === null) {
    throw validationFailure(
      'Cannot enable hsts_include_subdomains or hsts_preload if hsts_max_age was not set as well.',
    );
  }
  if (typeof patch.hsts_max_age === 'number' && protocol !== 'TERMINATED_HTTPS') throw hstsProtocolError();
}

function hstsProtocolError(): Error {
  return validationFailure(
    'The HSTS feature can only be used for listeners using the TERMINATED_HTTPS protocol.',
  );
}
