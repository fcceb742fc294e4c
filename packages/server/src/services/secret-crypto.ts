import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Envelope version prefix: `v1.<nonce>.<ciphertext>.<tag>` (base64url parts). */
const VERSION = 'v1';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;

/** Thrown when a payload cannot be decrypted (wrong key, tampered row, other secret's envelope). */
export class SecretDecryptError extends Error {
  constructor() {
    super('the secret payload could not be decrypted');
    this.name = 'SecretDecryptError';
  }
}

/**
 * AES-256-GCM under the server's key-encryption key: a random 96-bit nonce per secret and the secret's
 * id as additional authenticated data, so an envelope copied onto another secret's row does not decrypt.
 */
export class SecretCipher {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== KEY_BYTES)
      throw new Error(`the secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  encrypt(secretId: string, plaintext: Uint8Array): string {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, nonce);
    cipher.setAAD(Buffer.from(secretId, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, nonce, body, tag]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
      .join('.');
  }

  decrypt(secretId: string, envelope: string): Buffer {
    const parts = envelope.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretDecryptError();
    const [nonce, body, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
    if (!nonce || !body || !tag || nonce.length !== NONCE_BYTES || tag.length !== 16)
      throw new SecretDecryptError();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, nonce);
      decipher.setAAD(Buffer.from(secretId, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      throw new SecretDecryptError();
    }
  }
}
