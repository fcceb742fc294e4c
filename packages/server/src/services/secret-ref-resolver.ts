import { DomainError } from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { KeyManagerError } from './key-manager-error.js';
import { authorizeKeyManager } from './key-manager-policy.js';
import type { SecretRecord } from './key-manager-ports.js';
import { parseKeyManagerRef } from './key-manager-refs.js';
import type { KeyManagerDeps, SecretPayload } from './secret.service.js';
import { SecretService } from './secret.service.js';

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
  readonly #deps: KeyManagerDeps;
  readonly #secrets: SecretService;
  readonly #publicUrls: readonly string[];

  constructor(deps: KeyManagerDeps, publicUrls: readonly string[] = []) {
    this.#deps = deps;
    this.#secrets = new SecretService(deps);
    this.#publicUrls = publicUrls.map((u) => u.replace(/\/+$/, ''));
  }

  async resolveSecret(ctx: AuthContext, ref: string): Promise<ResolvedSecret> {
    const id = this.#idOf(ref, 'secrets');
    const secret = await this.#deps.store.read((tx) => tx.secrets.get(id));
    return this.#visible(ctx, ref, secret);
  }

  async resolveCertificateContainer(ctx: AuthContext, ref: string): Promise<ResolvedCertificate> {
    const id = this.#idOf(ref, 'containers');
    const { container, secrets } = await this.#deps.store.read(async (tx) => {
      const c = await tx.secretContainers.get(id);
      const s = new Map<string, SecretRecord | undefined>();
      for (const r of c?.secret_refs ?? []) s.set(r.name, await tx.secrets.get(r.secret_id));
      return { container: c, secrets: s };
    });
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
