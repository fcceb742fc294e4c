import { DomainError, type TlsCertificateMaterial } from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { KeyManagerError } from './key-manager-error.js';
import { authorizeKeyManager } from './key-manager-policy.js';
import type { SecretRecord } from './key-manager-ports.js';
import { parseKeyManagerRef } from './key-manager-refs.js';
import type { StoreTx } from './ports.js';
import type { KeyManagerDeps, SecretPayload } from './secret.service.js';
import { SecretService } from './secret.service.js';
import {
  CertificateParseError,
  certificateFromPem,
  certificateFromPkcs12,
} from './tls-certificate-parser.js';

/** The repositories a resolution reads (a read or write transaction of the store). */
export type SecretReader = Pick<StoreTx, 'secrets' | 'secretContainers'>;

/** Octavia's UnreadablePKCS12 (400): a secret used as a certificate that is not a PKCS#12 bundle. */
export function unreadablePkcs12(detail: string): DomainError {
  return new DomainError(
    'invalid',
    `The PKCS12 bundle is unreadable. Please check the PKCS12 bundle validity. In addition, make sure it does not require a pass phrase. Error: ${detail}`,
  );
}

/** What a TLS-terminating listener (or a pool's client certificate) needs, PEM text. */
export interface ResolvedCertificate {
  certificate: string;
  private_key: string | undefined;
  intermediates: string | undefined;
  private_key_passphrase: string | undefined;
}

/** One resolved secret: its metadata and decrypted payload. */
export interface ResolvedSecret {
  secret: SecretRecord;
  payload: SecretPayload;
}

/**
 * Resolves `*_container_ref` / `*_secret_ref` values of Octavia requests against this server's key
 * manager. A reference that is not one of our URLs (`<base>/key-manager/v1/{containers|secrets}/<uuid>`,
 * with `<base>` one of `publicUrls` when any are configured), does not exist, or is not visible to the
 * caller's project is Octavia's 400 `Could not retrieve certificate: <ref>`.
 */
export class SecretRefResolver {
  readonly #secrets: SecretService;
  readonly #publicUrls: readonly string[];

  constructor(deps: KeyManagerDeps, publicUrls: readonly string[] = []) {
    this.#secrets = new SecretService(deps);
    this.#publicUrls = publicUrls.map((u) => u.replace(/\/+$/, ''));
  }

  /** A secret and its payload, read through `tx` (so it can run inside the caller's transaction). */
  async secretIn(tx: SecretReader, ctx: AuthContext, ref: string): Promise<ResolvedSecret> {
    const id = this.#idOf(ref, 'secrets');
    return this.#visible(ctx, ref, await tx.secrets.get(id));
  }

  /** A certificate container's PEM parts, read through `tx`. */
  async containerIn(tx: SecretReader, ctx: AuthContext, ref: string): Promise<ResolvedCertificate> {
    const id = this.#idOf(ref, 'containers');
    const container = await tx.secretContainers.get(id);
    const secrets = new Map<string, SecretRecord | undefined>();
    for (const r of container?.secret_refs ?? []) secrets.set(r.name, await tx.secrets.get(r.secret_id));
    if (container === undefined || container.type !== 'certificate') throw refused(ref);
    this.#authorize(ctx, ref, container.project_id);
    const text = (name: string): string | undefined => {
      if (!secrets.has(name)) return undefined;
      const { payload } = this.#visible(ctx, ref, secrets.get(name));
      return payload.bytes.toString('utf8');
    };
    const certificate = text('certificate');
    if (certificate === undefined) throw refused(ref);
    return {
      certificate,
      private_key: text('private_key'),
      intermediates: text('intermediates'),
      private_key_passphrase: text('private_key_passphrase'),
    };
  }

  /**
   * A server/client certificate as HAProxy needs it, like Octavia's cert manager: a secret ref must hold a
   * PKCS#12 bundle without passphrase (else 400 UnreadablePKCS12), a container ref a certificate container.
   * Unusable content (no key, key not matching) is a refused ref.
   */
  async certificateIn(tx: SecretReader, ctx: AuthContext, ref: string): Promise<TlsCertificateMaterial> {
    const parsed = typeof ref === 'string' ? parseKeyManagerRef(ref) : undefined;
    if (parsed?.kind === 'secrets') {
      const { payload } = await this.secretIn(tx, ctx, ref);
      try {
        return certificateFromPkcs12(payload.bytes);
      } catch (error) {
        throw unreadablePkcs12(error instanceof Error ? error.message : String(error));
      }
    }
    const parts = await this.containerIn(tx, ctx, ref);
    try {
      return certificateFromPem(parts);
    } catch (error) {
      if (error instanceof CertificateParseError) throw refused(ref);
      throw error;
    }
  }

  #idOf(ref: string, kind: 'secrets' | 'containers'): string {
    const parsed = typeof ref === 'string' ? parseKeyManagerRef(ref) : undefined;
    if (parsed?.kind !== kind) throw refused(ref);
    if (this.#publicUrls.length > 0 && !this.#publicUrls.includes(parsed.base)) throw refused(ref);
    return parsed.id;
  }

  #authorize(ctx: AuthContext, ref: string, projectId: string): void {
    try {
      authorizeKeyManager(ctx, 'read', projectId, 'Secret retrieval');
    } catch (error) {
      if (error instanceof KeyManagerError) throw refused(ref);
      throw error;
    }
  }

  #visible(ctx: AuthContext, ref: string, secret: SecretRecord | undefined): ResolvedSecret {
    if (secret === undefined) throw refused(ref);
    this.#authorize(ctx, ref, secret.project_id);
    try {
      return { secret, payload: this.#secrets.decrypt(secret) };
    } catch (error) {
      if (error instanceof KeyManagerError) throw refused(ref);
      throw error;
    }
  }
}

function refused(ref: string): DomainError {
  return new DomainError('invalid', `Could not retrieve certificate: ${String(ref)}`);
}
