import { DomainError } from '../errors/domain-error.js';
import type { ClientAuthentication, ListenerRecord, PoolRecord } from '../model/records.js';
import { DEFAULT_TLS_CIPHERS } from '../rules/listener-defaults.js';
import { cfgCipherList, cfgId, cfgInt, cfgTlsFilePath, isCipherName } from './haproxy-escape.js';
import type { RenderedFile, RenderedFileKind, TlsCertificateMaterial, TlsMaterial } from './tls-material.js';

/*
 * TLS termination (listener `bind ... ssl`) and re-encryption (pool `server ... ssl`) for HAProxy 2.6
 * (mapping §1.2, §1.4, §1.11, §7), plus the files those options name.
 *
 * File naming (relative to the load balancer's run directory; built only from validated UUIDs and fixed
 * words, never from refs or content, so a certificate rotation changes file contents but never haproxy.cfg,
 * and the agent can push it through the runtime API without a reload):
 *   tls/<listener_id>.crtlist          crt-list: default certificate first, then SNI certificates (API order,
 *                                      each ref once), one absolute path per line
 *   tls/<listener_id>-cert-<i>.pem     line i of that crt-list: certificate + key + intermediates
 *   tls/<listener_id>-client-ca.pem    client_ca_tls_container_ref
 *   tls/<listener_id>-client-crl.pem   client_crl_container_ref (only with a client CA)
 *   tls/<pool_id>-client-cert.pem      pool tls_container_ref (client certificate towards members)
 *   tls/<pool_id>-ca.pem               pool ca_tls_container_ref
 *   tls/<pool_id>-crl.pem              pool crl_container_ref (only with a CA)
 */

/** Octavia's defaults for listeners and pools (mapping §1.13). */
const DEFAULT_TLS_VERSIONS: readonly string[] = ['TLSv1.2', 'TLSv1.3'];
const DEFAULT_ALPN: readonly string[] = ['h2', 'http/1.1', 'http/1.0'];
const ALLOWED_ALPN: ReadonlySet<string> = new Set(DEFAULT_ALPN);
/** API version name → HAProxy `ssl-min-ver`/`ssl-max-ver` keyword, lowest first. */
const VERSION_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['TLSv1', 'TLSv1.0'],
  ['TLSv1.1', 'TLSv1.1'],
  ['TLSv1.2', 'TLSv1.2'],
  ['TLSv1.3', 'TLSv1.3'],
]);
const VERSION_ORDER = [...VERSION_KEYWORDS.keys()];
/** Octavia's own check of a stored cipher string (mapping §1.2); a bad value falls back to the default. */
const OCTAVIA_CIPHER_STRING = /^[A-Za-z0-9\-+!:@=_.]+$/;
const CLIENT_AUTH_VERIFY: Readonly<Record<ClientAuthentication, string>> = {
  NONE: 'none',
  OPTIONAL: 'optional',
  MANDATORY: 'required',
};
const MAX_HSTS_AGE = 2_147_483_647;

/**
 * `ssl-min-ver <lowest> ssl-max-ver <highest>` for an API `tls_versions` list (null or empty = Octavia's
 * default TLSv1.2, TLSv1.3). SSLv3 is skipped (OpenSSL 3 cannot speak it). HAProxy only has a range, so a
 * non-contiguous list such as [TLSv1.1, TLSv1.3] also enables TLSv1.2: min..max is the closest it can do
 * (the `no-tlsv12` hole Octavia would render is not reliable on 2.6 and OpenSSL 3).
 */
export function tlsVersionRange(
  versions: readonly string[] | null,
  field: string,
): { min: string; max: string } {
  const list = versions === null || versions.length === 0 ? DEFAULT_TLS_VERSIONS : versions;
  const indexes: number[] = [];
  for (const v of list) {
    if (v === 'SSLv3') continue;
    const i = VERSION_ORDER.indexOf(v);
    if (i < 0)
      throw new DomainError('invalid', `Cannot render ${field} ${JSON.stringify(v)}: unknown TLS version.`);
    indexes.push(i);
  }
  if (indexes.length === 0) {
    throw new DomainError(
      'invalid',
      `Cannot render ${field}: no TLS version HAProxy can serve (SSLv3 is unsupported).`,
    );
  }
  const keyword = (i: number): string => VERSION_KEYWORDS.get(VERSION_ORDER[i] ?? '') ?? '';
  return { min: keyword(Math.min(...indexes)), max: keyword(Math.max(...indexes)) };
}

/**
 * Splits an API cipher string into HAProxy's `ciphers` (TLS ≤ 1.2 names) and `ciphersuites` (TLS 1.3
 * `TLS_*` names). Like Octavia, a stored value that is not a clean `name:name` list falls back to the default
 * OWASP string, and null means the default. A side left empty is undefined (the keyword is then omitted:
 * a `ciphers` list of TLS 1.3 names only is fatal on 2.6, an absent `ciphersuites` keeps OpenSSL's suites).
 */
export function splitCiphers(value: string | null): { ciphers?: string; ciphersuites?: string } {
  let names = (value ?? DEFAULT_TLS_CIPHERS).split(':');
  if (value === null || !OCTAVIA_CIPHER_STRING.test(value) || !names.every(isCipherName)) {
    names = DEFAULT_TLS_CIPHERS.split(':');
  }
  const unique = [...new Set(names)];
  const suites = unique.filter((n) => n.startsWith('TLS_'));
  const classic = unique.filter((n) => !n.startsWith('TLS_'));
  return {
    ...(classic.length > 0 ? { ciphers: cfgCipherList(classic, 'tls_ciphers') } : {}),
    ...(suites.length > 0 ? { ciphersuites: cfgCipherList(suites, 'tls_ciphers') } : {}),
  };
}

/** `h2,http/1.1,...` for an API ALPN list (null = default); undefined for an empty list. */
export function alpnWord(protocols: readonly string[] | null, field: string): string | undefined {
  const list = protocols ?? DEFAULT_ALPN;
  for (const p of list) {
    if (!ALLOWED_ALPN.has(p))
      throw new DomainError('invalid', `Cannot render ${field} ${JSON.stringify(p)}.`);
  }
  const unique = [...new Set(list)];
  return unique.length === 0 ? undefined : unique.join(',');
}

/** Cipher, version and ALPN options shared by `bind` and `server` lines, in the bind option order. */
function protocolOptions(
  record: { tls_ciphers: string | null; tls_versions: string[] | null; alpn_protocols: string[] | null },
  alpn: boolean,
): string[] {
  const parts: string[] = [];
  const { ciphers, ciphersuites } = splitCiphers(record.tls_ciphers);
  if (ciphers !== undefined) parts.push('ciphers', ciphers);
  if (ciphersuites !== undefined) parts.push('ciphersuites', ciphersuites);
  const { min, max } = tlsVersionRange(record.tls_versions, 'tls_versions');
  parts.push('ssl-min-ver', min, 'ssl-max-ver', max);
  const word = alpn ? alpnWord(record.alpn_protocols, 'alpn_protocols') : undefined;
  if (word !== undefined) parts.push('alpn', word);
  return parts;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * The PEM blocks of `text`, normalized: only BEGIN…END blocks (text around them is dropped), no blank
 * lines, `\n` line ends, one trailing newline. The agent streams these files through HAProxy's runtime
 * API, where an empty line ends the payload. Throws DomainError('invalid') when there is no block, a block
 * label is not in `labels`, BEGIN/END labels differ, or a body line is not base64.
 */
export function normalizePem(text: string, labels: readonly string[], what: string): string {
  const blocks: string[] = [];
  for (const m of text.matchAll(PEM_BLOCK)) {
    const [, begin = '', body = '', end = ''] = m;
    if (begin !== end || !labels.includes(begin)) {
      throw new DomainError(
        'invalid',
        `The ${what} is not a PEM ${labels.join('/')}: found ${JSON.stringify(begin)}.`,
      );
    }
    const lines = body
      .split(/\r?\n|\r/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    if (lines.length === 0 || !lines.every((l) => BASE64_LINE.test(l))) {
      throw new DomainError('invalid', `The ${what} holds a malformed PEM block.`);
    }
    blocks.push(`-----BEGIN ${begin}-----\n${lines.join('\n')}\n-----END ${end}-----\n`);
  }
  if (blocks.length === 0) throw new DomainError('invalid', `The ${what} is not PEM.`);
  return blocks.join('');
}

const CERT_LABELS = ['CERTIFICATE'];
const KEY_LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];
const CRL_LABELS = ['X509 CRL'];

/** certificate + key + intermediates, each normalized, as HAProxy loads a `crt` file. */
export function certificateFileContent(material: TlsCertificateMaterial): string {
  return [
    normalizePem(material.certificate, CERT_LABELS, 'certificate'),
    normalizePem(material.privateKey, KEY_LABELS, 'private key'),
    ...material.intermediates.map((i) => normalizePem(i, CERT_LABELS, 'intermediate certificate')),
  ].join('');
}

function missing(ref: string): DomainError {
  return new DomainError('invalid', `Could not retrieve certificate: ${ref}`);
}

/**
 * Collects the TLS files a rendering refers to and renders the TLS options that name them. One instance
 * per rendering; `files()` returns what the cfg actually uses, sorted by name.
 */
export class TlsFileSet {
  private readonly byName = new Map<string, RenderedFile>();

  constructor(
    private readonly runDir: string,
    private readonly material: TlsMaterial,
  ) {}

  /** Every file added so far, sorted by name. */
  files(): RenderedFile[] {
    return [...this.byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private add(name: string, kind: RenderedFileKind, content: string): string {
    const path = cfgTlsFilePath(this.runDir, name);
    this.byName.set(name, { name, kind, content });
    return path;
  }

  private certificate(ref: string): TlsCertificateMaterial {
    const found = this.material.certificates.get(ref);
    if (found === undefined) throw missing(ref);
    return found;
  }

  private pem(ref: string, labels: readonly string[], what: string): string {
    const found = this.material.pems.get(ref);
    if (found === undefined) throw missing(ref);
    return normalizePem(found, labels, what);
  }

  /**
   * Options after `bind <addr>:<port>` of a TERMINATED_HTTPS listener:
   * `ssl crt-list <f> [ca-file <f> verify <mode> [crl-file <f>]] [ciphers <c>] [ciphersuites <s>]
   * ssl-min-ver <v> ssl-max-ver <v> [alpn <list>]`.
   */
  bindOptions(listener: ListenerRecord): string {
    const id = cfgId(listener.id, 'listener id');
    const refs = [
      ...(listener.default_tls_container_ref === null ? [] : [listener.default_tls_container_ref]),
      ...listener.sni_container_refs,
    ];
    const unique = [...new Set(refs)];
    if (unique.length === 0) {
      throw new DomainError('invalid', `Listener ${id} terminates TLS but has no certificate.`);
    }
    const paths = unique.map((ref, i) =>
      this.add(`tls/${id}-cert-${i}.pem`, 'certificate', certificateFileContent(this.certificate(ref))),
    );
    const parts = [
      'ssl',
      'crt-list',
      this.add(`tls/${id}.crtlist`, 'crt-list', paths.map((p) => `${p}\n`).join('')),
    ];
    // §1.2: client auth only with a CA; NONE with a CA still renders `verify none`; a CRL only with a CA.
    const ca = listener.client_ca_tls_container_ref;
    if (ca !== null) {
      parts.push(
        'ca-file',
        this.add(`tls/${id}-client-ca.pem`, 'ca', this.pem(ca, CERT_LABELS, 'client CA')),
      );
      const verify = CLIENT_AUTH_VERIFY[listener.client_authentication];
      if (verify === undefined) {
        throw new DomainError(
          'invalid',
          `Cannot render client_authentication ${String(listener.client_authentication)}.`,
        );
      }
      parts.push('verify', verify);
      const crl = listener.client_crl_container_ref;
      if (crl !== null) {
        parts.push(
          'crl-file',
          this.add(`tls/${id}-client-crl.pem`, 'crl', this.pem(crl, CRL_LABELS, 'client CRL')),
        );
      }
    }
    parts.push(...protocolOptions(listener, true));
    return parts.join(' ');
  }

  /**
   * Server options of a `tls_enabled` pool (empty otherwise), §1.11 adapted to 2.6:
   * `ssl [crt <f>] [ca-file <f> [crl-file <f>] verify required | verify none] [sni ssl_fc_sni]
   * [ciphers <c>] [ciphersuites <s>] ssl-min-ver <v> ssl-max-ver <v> [alpn <list>]`.
   * `verify required` is written out even without a CRL (Octavia relies on the implicit default).
   * `sni ssl_fc_sni` only when the listener terminates TLS: it forwards the client's SNI, which 2.6 then also
   * checks the member's certificate against; behind plain listeners there is no SNI to forward. (§7's
   * `req.hdr(host)` would carry a `:port` suffix and any client-chosen Host, so it is not used.)
   */
  serverOptions(pool: PoolRecord, listenerTerminatesTls: boolean): string[] {
    if (!pool.tls_enabled) return [];
    const id = cfgId(pool.id, 'pool id');
    const parts = ['ssl'];
    if (pool.tls_container_ref !== null) {
      const content = certificateFileContent(this.certificate(pool.tls_container_ref));
      parts.push('crt', this.add(`tls/${id}-client-cert.pem`, 'certificate', content));
    }
    if (pool.ca_tls_container_ref !== null) {
      parts.push(
        'ca-file',
        this.add(`tls/${id}-ca.pem`, 'ca', this.pem(pool.ca_tls_container_ref, CERT_LABELS, 'pool CA')),
      );
      if (pool.crl_container_ref !== null) {
        parts.push(
          'crl-file',
          this.add(`tls/${id}-crl.pem`, 'crl', this.pem(pool.crl_container_ref, CRL_LABELS, 'pool CRL')),
        );
      }
      parts.push('verify', 'required');
    } else {
      parts.push('verify', 'none');
    }
    if (listenerTerminatesTls) parts.push('sni', 'ssl_fc_sni');
    parts.push(...protocolOptions(pool, true));
    return parts;
  }
}

/** The ALPN list health checks of a `tls_enabled` pool negotiate (`check-alpn`), if any. */
export function poolCheckAlpn(pool: PoolRecord): string | undefined {
  return pool.tls_enabled ? alpnWord(pool.alpn_protocols, 'alpn_protocols') : undefined;
}

/**
 * The HSTS line (http-after-response, so HAProxy's own redirects, denies and 503s carry it too, §7), with
 * Octavia's exact value format: `max-age=<n>;[ includeSubDomains;][ preload;]`.
 */
export function hstsLine(listener: ListenerRecord): string | undefined {
  if (listener.hsts_max_age === null) return undefined;
  let value = `max-age=${cfgInt(listener.hsts_max_age, 'hsts_max_age', 0, MAX_HSTS_AGE)};`;
  if (listener.hsts_include_subdomains) value += ' includeSubDomains;';
  if (listener.hsts_preload) value += ' preload;';
  return `http-after-response set-header Strict-Transport-Security "${value}"`;
}
