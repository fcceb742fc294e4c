/** One server (or client) certificate as HAProxy loads it: leaf, its unencrypted key, then the chain. */
export interface TlsCertificateMaterial {
  /** Leaf certificate, one PEM block. */
  certificate: string;
  /** Unencrypted private key (PKCS#8 PEM); passphrases were removed by the server. */
  privateKey: string;
  /** Intermediate certificates, one PEM block each, leaf-side first. */
  intermediates: readonly string[];
}

/**
 * The key-manager content a load balancer's TLS refs point at, resolved by the server before rendering
 * (the renderer stays pure). Keyed by the exact ref string stored on the listener/pool.
 */
export interface TlsMaterial {
  /** `default_tls_container_ref`, `sni_container_refs[]`, pool `tls_container_ref`. */
  certificates: ReadonlyMap<string, TlsCertificateMaterial>;
  /** CA bundles and CRLs (PEM text): `client_ca_tls_container_ref`, `client_crl_container_ref`, pool
   *  `ca_tls_container_ref`, `crl_container_ref`. */
  pems: ReadonlyMap<string, string>;
}

/** What a file next to haproxy.cfg holds, which decides how the agent can update it at runtime. */
export type RenderedFileKind = 'crt-list' | 'certificate' | 'ca' | 'crl';

/** A file the rendered haproxy.cfg refers to, written by the agent under the load balancer's directory. */
export interface RenderedFile {
  /** Path relative to the load balancer's run directory: always `tls/<name>` with name `[A-Za-z0-9._-]+`. */
  name: string;
  kind: RenderedFileKind;
  content: string;
}

/** haproxy.cfg plus the files it names (sorted by name). */
export interface RenderedHaproxy {
  cfg: string;
  files: RenderedFile[];
}

/** No TLS material at all (load balancers without TLS refs). */
export const NO_TLS_MATERIAL: TlsMaterial = Object.freeze({
  certificates: new Map<string, TlsCertificateMaterial>(),
  pems: new Map<string, string>(),
});
