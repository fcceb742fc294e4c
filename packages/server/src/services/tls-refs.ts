import { pyRepr } from '@lbaas/contract';
import {
  DomainError,
  validationFailure,
  type DesiredState,
  type ListenerRecord,
  type PoolRecord,
  type TlsCertificateMaterial,
  type TlsMaterial,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import type { SecretReader, SecretRefResolver } from './secret-ref-resolver.js';
import { caBundleFromPem, CertificateParseError, crlFromPem, crlSignedBy } from './tls-certificate-parser.js';

/** Octavia's CertificateRetrievalException over the refs that failed, rendered as a Python list. */
function retrievalFailure(refs: readonly string[]): DomainError {
  return new DomainError('invalid', `Could not retrieve certificate: ${pyRepr([...refs])}`);
}

function isUnreadablePkcs12(error: unknown): boolean {
  return error instanceof DomainError && error.message.startsWith('The PKCS12 bundle is unreadable.');
}

/**
 * The key-manager side of TLS listeners and pools: the API-time checks of Octavia's
 * `_validate_tls_refs` / `_validate_client_ca_and_crl_refs` (as the caller), and the reconcile-time
 * resolution of every ref a desired state uses into the PEM material the renderer writes out.
 */
export class TlsRefs {
  constructor(private readonly resolver: SecretRefResolver) {}

  /** Every ref must be a readable certificate (PKCS#12 secret or certificate container) of the caller. */
  async checkCertificates(tx: SecretReader, ctx: AuthContext, refs: readonly string[]): Promise<void> {
    const bad: string[] = [];
    for (const ref of refs) {
      try {
        await this.resolver.certificateIn(tx, ctx, ref);
      } catch (error) {
        if (isUnreadablePkcs12(error)) throw error;
        if (!(error instanceof DomainError)) throw error;
        bad.push(ref);
      }
    }
    if (bad.length > 0) throw retrievalFailure(bad);
  }

  /** The client (or pool) CA secret must hold x509 PEM; a CRL must parse and be signed by that CA. */
  async checkCaAndCrl(
    tx: SecretReader,
    ctx: AuthContext,
    caRef: string,
    crlRef: string | null | undefined,
  ): Promise<void> {
    const bad: string[] = [];
    const read = async (ref: string): Promise<string | undefined> => {
      try {
        return (await this.resolver.secretIn(tx, ctx, ref)).payload.bytes.toString('utf8');
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        bad.push(ref);
        return undefined;
      }
    };
    const caText = await read(caRef);
    const crlText = crlRef ? await read(crlRef) : undefined;
    if (bad.length > 0) throw retrievalFailure(bad);
    let ca: string;
    try {
      ca = caBundleFromPem(caText ?? '');
    } catch (error) {
      throw validationFailure(
        `The client authentication CA certificate is invalid. It must be a valid x509 PEM format certificate. Error: ${detail(error)}`,
      );
    }
    if (crlText === undefined) return;
    let crl: string;
    try {
      crl = crlFromPem(crlText);
    } catch (error) {
      throw validationFailure(
        `The client authentication certificate revocation list is invalid. It must be a valid x509 PEM format certificate revocation list. Error: ${detail(error)}`,
      );
    }
    if (!crlSignedBy(crl, ca)) {
      throw validationFailure(
        'The CRL specified is not valid for client certificate authority reference supplied.',
      );
    }
  }

  /** Checks of a listener's refs: certificates (SNI first, then the default) and/or client CA + CRL. */
  async checkListener(
    tx: SecretReader,
    ctx: AuthContext,
    l: ListenerRecord,
    which: { certificates: boolean; clientCa: boolean },
  ): Promise<void> {
    if (which.certificates) {
      const refs = [...l.sni_container_refs];
      if (l.default_tls_container_ref) refs.push(l.default_tls_container_ref);
      await this.checkCertificates(tx, ctx, refs);
    }
    if (which.clientCa && l.client_ca_tls_container_ref) {
      await this.checkCaAndCrl(tx, ctx, l.client_ca_tls_container_ref, l.client_crl_container_ref);
    }
  }

  /** Checks of a pool's client certificate and/or CA + CRL refs (Octavia's pool controller). */
  async checkPool(
    tx: SecretReader,
    ctx: AuthContext,
    pool: PoolRecord,
    which: { certificate: boolean; ca: boolean },
  ): Promise<void> {
    if (which.certificate && pool.tls_container_ref) {
      await this.checkCertificates(tx, ctx, [pool.tls_container_ref]);
    }
    if (which.ca && pool.ca_tls_container_ref) {
      await this.checkCaAndCrl(tx, ctx, pool.ca_tls_container_ref, pool.crl_container_ref);
    }
  }

  /**
   * Reconcile time: the material of every TLS ref of the enabled listeners and pools, read as the load
   * balancer's project with admin rights (the refs were checked against the caller when they were set).
   * A ref that cannot be resolved any more (secret deleted) fails the apply with Octavia's message.
   */
  async material(tx: SecretReader, desired: DesiredState): Promise<TlsMaterial> {
    const ctx: AuthContext = { projectId: desired.loadBalancer.project_id, roles: ['admin'] };
    const certificates = new Map<string, TlsCertificateMaterial>();
    const pems = new Map<string, string>();
    const certificate = async (ref: string | null): Promise<void> => {
      if (!ref || certificates.has(ref)) return;
      certificates.set(ref, await this.resolver.certificateIn(tx, ctx, ref));
    };
    const pem = async (ref: string | null, parse: (text: string) => string): Promise<void> => {
      if (!ref || pems.has(ref)) return;
      const text = (await this.resolver.secretIn(tx, ctx, ref)).payload.bytes.toString('utf8');
      try {
        pems.set(ref, parse(text));
      } catch (error) {
        if (error instanceof CertificateParseError) throw retrievalFailure([ref]);
        throw error;
      }
    };
    for (const l of desired.listeners) {
      if (l.protocol !== 'TERMINATED_HTTPS') continue;
      await certificate(l.default_tls_container_ref);
      for (const ref of l.sni_container_refs) await certificate(ref);
      await pem(l.client_ca_tls_container_ref, caBundleFromPem);
      if (l.client_ca_tls_container_ref) await pem(l.client_crl_container_ref, crlFromPem);
    }
    for (const p of desired.pools) {
      if (!p.tls_enabled) continue;
      await certificate(p.tls_container_ref);
      await pem(p.ca_tls_container_ref, caBundleFromPem);
      if (p.ca_tls_container_ref) await pem(p.crl_container_ref, crlFromPem);
    }
    return { certificates, pems };
  }
}

function detail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
