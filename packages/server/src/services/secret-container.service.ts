import type { ContainerCreateBody } from '@lbaas/contract';
import type { AuthContext } from './auth-context.js';
import { containerNotFound, KeyManagerError, schemaError } from './key-manager-error.js';
import { authorizeKeyManager } from './key-manager-policy.js';
import {
  CONTAINER_TYPES,
  type ContainerSecretRef,
  type ContainerType,
  type Page,
  type SecretContainerRecord,
} from './key-manager-ports.js';
import { secretIdOfRef } from './key-manager-refs.js';
import { barbicanNow, type KeyManagerDeps } from './secret.service.js';

/** Reference names a container of each type may hold (Barbican's ContainerValidator). */
const ALLOWED_NAMES: Readonly<Record<Exclude<ContainerType, 'generic'>, readonly string[]>> = {
  certificate: ['certificate', 'private_key', 'private_key_passphrase', 'intermediates'],
  rsa: ['public_key', 'private_key', 'private_key_passphrase'],
};
const TYPE_MESSAGES: Readonly<Record<Exclude<ContainerType, 'generic'>, string>> = {
  certificate:
    "only 'private_key', 'certificate', 'private_key_passphrase', or 'intermediates' reference names are allowed for Certificate type",
  rsa: "only 'private_key', 'public_key' and 'private_key_passphrase' reference names are allowed for RSA type",
};

/** Secret containers: named references to secrets of the same project. */
export class SecretContainerService {
  readonly #deps: KeyManagerDeps;

  constructor(deps: KeyManagerDeps) {
    this.#deps = deps;
  }

  /** `POST /v1/containers`: validates the references (each secret must exist in the caller's project). */
  async create(ctx: AuthContext, body: ContainerCreateBody): Promise<string> {
    authorizeKeyManager(ctx, 'write', ctx.projectId, 'Container creation');
    const type = body.type as ContainerType;
    if (!CONTAINER_TYPES.includes(type)) {
      throw schemaError(
        'Container',
        `'${body.type}' is not one of ['generic', 'rsa', 'certificate']`,
        'type',
      );
    }
    if (body.name !== undefined && body.name !== null && body.name.length > 255) {
      throw schemaError('Container', "'name' is too long", 'name');
    }
    const refs: ContainerSecretRef[] = (body.secret_refs ?? []).map((r) => ({
      name: r.name ?? '',
      secret_id: secretIdOfRef(r.secret_ref),
    }));
    const names = refs.map((r) => r.name);
    if (new Set(names).size !== names.length) {
      throw schemaError('Container', 'Duplicate reference names are not allowed', 'secret_refs');
    }
    if (type !== 'generic') {
      const allowed = ALLOWED_NAMES[type];
      if (names.some((n) => !allowed.includes(n)))
        throw schemaError('Container', TYPE_MESSAGES[type], 'secret_refs');
      if (type === 'certificate' && !names.includes('certificate')) {
        throw schemaError('Container', TYPE_MESSAGES[type], 'secret_refs');
      }
    }
    const { store, clock, ids } = this.#deps;
    const now = barbicanNow(clock);
    const record: SecretContainerRecord = {
      id: ids.uuid(),
      project_id: ctx.projectId,
      creator_id: ctx.userId ?? null,
      name: body.name ?? null,
      type,
      secret_refs: refs,
      created_at: now,
      updated_at: now,
    };
    await store.write(async (tx) => {
      for (const ref of refs) {
        const secret = await tx.secrets.get(ref.secret_id);
        if (secret === undefined || secret.project_id !== ctx.projectId) {
          throw new KeyManagerError('not_found', `Secret provided for '${ref.name}' doesn't exist.`);
        }
      }
      await tx.secretContainers.insert(record);
    });
    return record.id;
  }

  /** `GET /v1/containers`: the caller's project's containers, oldest first. */
  async list(
    ctx: AuthContext,
    opts: { offset: number; limit: number; name?: string },
  ): Promise<Page<SecretContainerRecord>> {
    authorizeKeyManager(ctx, 'read', ctx.projectId, 'Containers(s) retrieval');
    return this.#deps.store.read((tx) => tx.secretContainers.list(ctx.projectId, opts));
  }

  /** `GET /v1/containers/{id}`. */
  async get(ctx: AuthContext, id: string): Promise<SecretContainerRecord> {
    const container = await this.#find(id);
    authorizeKeyManager(ctx, 'read', container.project_id, 'Container retrieval');
    return container;
  }

  /** `DELETE /v1/containers/{id}` (the secrets stay). */
  async remove(ctx: AuthContext, id: string): Promise<void> {
    const container = await this.#find(id);
    authorizeKeyManager(ctx, 'write', container.project_id, 'Container deletion');
    const removed = await this.#deps.store.write((tx) => tx.secretContainers.remove(container.id));
    if (!removed) throw containerNotFound();
  }

  async #find(id: string): Promise<SecretContainerRecord> {
    const container = await this.#deps.store.read((tx) => tx.secretContainers.get(id.toLowerCase()));
    if (container === undefined) throw containerNotFound();
    return container;
  }
}
