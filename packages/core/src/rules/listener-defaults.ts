/** Deployment defaults applied to listeners (and, for the TLS part, to pools): `[haproxy_amphora]` timeouts and `[api_settings]` TLS. */
export interface ListenerDefaults {
  timeout_client_data: number;
  timeout_member_connect: number;
  timeout_member_data: number;
  timeout_tcp_inspect: number;
  tls_ciphers: string;
  tls_versions: string[];
  alpn_protocols: string[];
}

/** Octavia's default cipher string (OWASP "B" list), shared by listeners and pools. */
export const DEFAULT_TLS_CIPHERS =
  'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:' +
  'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:' +
  'ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:' +
  'DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';

/** Octavia's shipped defaults (§4.2, §5.7). Frozen so that callers copy rather than share the arrays. */
export const DEFAULT_LISTENER_DEFAULTS: ListenerDefaults = Object.freeze({
  timeout_client_data: 50000,
  timeout_member_connect: 5000,
  timeout_member_data: 50000,
  timeout_tcp_inspect: 0,
  tls_ciphers: DEFAULT_TLS_CIPHERS,
  tls_versions: Object.freeze(['TLSv1.2', 'TLSv1.3']) as string[],
  alpn_protocols: Object.freeze(['h2', 'http/1.1', 'http/1.0']) as string[],
});
