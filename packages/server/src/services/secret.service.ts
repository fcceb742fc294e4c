import type { SecretCreateBody } from '@lbaas/contract';
import type { AuthContext } from './auth-context.js';
import { KeyManagerError, schemaError, secretNotFound } from './key-manager-error.js';
import { authorizeKeyManager } from './key-manager-policy.js';
import {
  SECRET_TYPES,
  type Page,
  type SecretContentType,
  type SecretRecord,
  type SecretType,
} from './key-manager-ports.js';
import type { Clock, IdGenerator, Store } from './ports.js';
import { SecretDecryptError, type SecretCipher } from './secret-crypto.js';

/** What the key-manager services are built with (main.ts). */
export interface KeyManagerDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  cipher: SecretCipher;
}

/** Barbican's timestamps: ISO-8601 without zone, with a fraction (milliseconds here; also the list order). */
export function barbicanNow(clock: Clock): string {
  return new Date(clock.nowMs()).toISOString().slice(0, 23);
}

/** Barbican's max_allowed_secret_in_bytes default. */
export const MAX_SECRET_BYTES = 20_000;

/** A decrypted payload and the content type it was stored with. */
export interface SecretPayload {
  contentType: SecretContentType;
  bytes: Buffer;
}

/** `text/plain`, `text/plain;charset=utf-8` (any spacing/case) → text/plain; octet-stream as is. */
export function normalizeContentType(raw: string): SecretContentType | undefined {
  const [type, ...params] = raw.split(';').map((p) => p.trim().toLowerCase());
  if (type === 'application/octet-stream' && params.length === 0) return 'application/octet-stream';
  if (type === 'text/plain' && params.every((p) => p.replace(/\s+/g, '') === 'charset=utf-8'))
    return 'text/plain';
  return undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw schemaError('Secret', 'Invalid payload for payload_content_encoding', 'payload');
  }
  return Buffer.from(compact, 'base64');
}

function checkSize(bytes: Buffer): void {
  if (bytes.length > MAX_SECRET_BYTES) {
    throw new KeyManagerError(
      'too_large',
      'Could not process request: Provided information too large to process',
    );
  }
}

/** Bytes to store from a payload as sent (base64-decoded for octet-stream). */
function payloadBytes(payload: string, type: SecretContentType, encoding: string | null | undefined): Buffer {
  if (type === 'text/plain') {
    if (encoding !== undefined && encoding !== null && encoding !== '') {
      throw schemaError(
        'Secret',
        'payload_content_encoding is not supported for text/plain payloads.',
        'payload_content_encoding',
      );
    }
    return Buffer.from(payload, 'utf8');
  }
  if (encoding === undefined || encoding === null || encoding === '') {
    throw schemaError(
      'Secret',
      'payload_content_encoding must be specified when payload_content_type is application/octet-stream.',
      'payload_content_encoding',
    );
  }
  if (encoding.toLowerCase() !== 'base64') {
    throw schemaError(
      'Secret',
      "payload_content_encoding is not one of ['base64']",
      'payload_content_encoding',
    );
  }
  return decodeBase64(payload);
}

/** Secrets of the key manager: metadata in the clear, payloads AES-256-GCM encrypted at rest. */
export class SecretService {
  readonly #deps: KeyManagerDeps;

  constructor(deps: KeyManagerDeps) {
    this.#deps = deps;
  }

  /** `POST /v1/secrets`: returns the new secret's id. */
  async create(ctx: AuthContext, body: SecretCreateBody): Promise<string> {
    authorizeKeyManager(ctx, 'write', ctx.projectId, 'Secret creation');
    const secretType = (body.secret_type ?? 'opaque') as SecretType;
    if (!SECRET_TYPES.includes(secretType)) {
      throw schemaError(
        'Secret',
        `secret_type is not one of [${SECRET_TYPES.map((t) => `'${t}'`).join(', ')}]`,
        'secret_type',
      );
    }
    if (body.name !== undefined && body.name !== null && body.name.length > 255) {
      throw schemaError('Secret', "'name' is too long", 'name');
    }
    const expiration = this.#expiration(body.expiration);
    const payload = body.payload ?? undefined;
    let contentType: SecretContentType | null = null;
    let bytes: Buffer | undefined;
    if (payload !== undefined) {
      if (payload.trim() === '') {
        throw schemaError('Secret', "If 'payload' specified, must be non empty", 'payload');
      }
      const rawType = body.payload_content_type ?? undefined;
      if (rawType === undefined || rawType === '') {
        throw schemaError(
          'Secret',
          "If 'payload' is supplied, 'payload_content_type' must also be supplied.",
          'payload_content_type',
        );
      }
      contentType = normalizeContentType(rawType) ?? null;
      if (contentType === null) {
        throw schemaError(
          'Secret',
          "payload_content_type is not one of ['text/plain', 'text/plain;charset=utf-8', 'application/octet-stream']",
          'payload_content_type',
        );
      }
      bytes = payloadBytes(payload, contentType, body.payload_content_encoding);
      checkSize(bytes);
    } else if (body.payload_content_type !== undefined && body.payload_content_type !== null) {
      throw schemaError(
        'Secret',
        "payload_content_type is specified but payload isn't.",
        'payload_content_type',
      );
    }
    const { store, clock, ids, cipher } = this.#deps;
    const id = ids.uuid();
    const now = barbicanNow(clock);
    const record: SecretRecord = {
      id,
      project_id: ctx.projectId,
      creator_id: ctx.userId ?? null,
      name: body.name ?? null,
      secret_type: secretType,
      algorithm: body.algorithm ?? null,
      bit_length: body.bit_length ?? null,
      mode: body.mode ?? null,
      expiration,
      content_type: contentType,
      encrypted_payload: bytes === undefined ? null : cipher.encrypt(id, bytes),
      created_at: now,
      updated_at: now,
    };
    await store.write((tx) => tx.secrets.insert(record));
    return id;
  }

  /** `GET /v1/secrets`: the caller's project's secrets, oldest first. */
  async list(
    ctx: AuthContext,
    opts: { offset: number; limit: number; name?: string },
  ): Promise<Page<SecretRecord>> {
    authorizeKeyManager(ctx, 'read', ctx.projectId, 'Secret(s) retrieval');
    return this.#deps.store.read((tx) => tx.secrets.list(ctx.projectId, opts));
  }

  /** `GET /v1/secrets/{id}` (metadata). */
  async get(ctx: AuthContext, id: string): Promise<SecretRecord> {
    const secret = await this.#find(id);
    authorizeKeyManager(ctx, 'read', secret.project_id, 'Secret retrieval');
    return secret;
  }

  /**
   * `GET /v1/secrets/{id}/payload`. As Barbican: the payload is served as the type the Accept header asks
   * for (absent or `*` = the stored type), text/plain only when the bytes are UTF-8; else 406.
   */
  async payload(ctx: AuthContext, id: string, accept: string | undefined): Promise<SecretPayload> {
    const secret = await this.#find(id);
    authorizeKeyManager(ctx, 'write', secret.project_id, 'Secret payload retrieval');
    const stored = this.decrypt(secret);
    const wanted = requestedType(accept, stored.contentType);
    if (wanted === undefined)
      throw new KeyManagerError('not_acceptable', `Secret Accept of ${accept ?? ''} not supported`);
    if (wanted === 'text/plain' && !isUtf8(stored.bytes)) {
      throw new KeyManagerError('not_acceptable', `Secret Accept of ${wanted} not supported`);
    }
    return { contentType: wanted, bytes: stored.bytes };
  }

  /** The decrypted payload of a secret already authorised (404 when it has none). */
  decrypt(secret: SecretRecord): SecretPayload {
    if (secret.encrypted_payload === null || secret.content_type === null) {
      throw new KeyManagerError('not_found', 'Not Found. Sorry but your secret has no payload.');
    }
    try {
      return {
        contentType: secret.content_type,
        bytes: this.#deps.cipher.decrypt(secret.id, secret.encrypted_payload),
      };
    } catch (error) {
      if (error instanceof SecretDecryptError) {
        throw new Error(`secret ${secret.id} cannot be decrypted with this server's secret key`);
      }
      throw error;
    }
  }

  /** `PUT /v1/secrets/{id}`: the payload of a secret created without one. */
  async putPayload(
    ctx: AuthContext,
    id: string,
    request: { contentType: string | undefined; contentEncoding: string | undefined; body: Buffer },
  ): Promise<void> {
    const secret = await this.#find(id);
    authorizeKeyManager(ctx, 'write', secret.project_id, 'Secret update');
    const type = request.contentType === undefined ? undefined : normalizeContentType(request.contentType);
    if (type === undefined) {
      throw new KeyManagerError(
        'unsupported_media_type',
        `Content-Type of '${request.contentType ?? ''}' is not supported for PUT.`,
      );
    }
    if (request.body.length === 0)
      throw new KeyManagerError('invalid', 'No information provided to process.');
    let bytes = request.body;
    const encoding = request.contentEncoding?.trim().toLowerCase();
    if (encoding === 'base64') {
      if (type !== 'application/octet-stream') {
        throw new KeyManagerError(
          'invalid',
          'Content-Encoding of base64 is only supported with application/octet-stream.',
        );
      }
      bytes = decodeBase64(request.body.toString('latin1'));
    } else if (encoding !== undefined && encoding !== '') {
      throw new KeyManagerError('invalid', `Content-Encoding of '${encoding}' is not supported.`);
    }
    checkSize(bytes);
    if (secret.encrypted_payload !== null) {
      throw new KeyManagerError('conflict', 'Secret already has data, cannot modify it.');
    }
    const { store, clock, cipher } = this.#deps;
    const encrypted = cipher.encrypt(id, bytes);
    const stored = await store.write((tx) => tx.secrets.setPayload(id, type, encrypted, barbicanNow(clock)));
    if (!stored) throw new KeyManagerError('conflict', 'Secret already has data, cannot modify it.');
  }

  /** `DELETE /v1/secrets/{id}`. */
  async remove(ctx: AuthContext, id: string): Promise<void> {
    const secret = await this.#find(id);
    authorizeKeyManager(ctx, 'write', secret.project_id, 'Secret deletion');
    const removed = await this.#deps.store.write((tx) => tx.secrets.remove(id));
    if (!removed) throw secretNotFound();
  }

  async #find(id: string): Promise<SecretRecord> {
    const secret = await this.#deps.store.read((tx) => tx.secrets.get(id.toLowerCase()));
    if (secret === undefined) throw secretNotFound();
    return secret;
  }

  #expiration(raw: string | null | undefined): string | null {
    if (raw === undefined || raw === null || raw === '') return null;
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`);
    if (Number.isNaN(ms)) throw schemaError('Secret', "Invalid date for 'expiration'", 'expiration');
    if (ms <= this.#deps.clock.nowMs())
      throw schemaError('Secret', "'expiration' is before current time", 'expiration');
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
  }
}

/** The first type of an Accept header that a payload can be served as (wildcards mean the stored type). */
function requestedType(accept: string | undefined, stored: SecretContentType): SecretContentType | undefined {
  if (accept === undefined) return stored;
  for (const part of accept.split(',')) {
    const t = part.trim().toLowerCase();
    const bare = (t.split(';')[0] ?? '').trim();
    if (bare === '' || bare === '*/*' || bare === `${stored.split('/')[0] ?? ''}/*`) return stored;
    const normal = normalizeContentType(t);
    if (normal !== undefined) return normal;
  }
  return undefined;
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
