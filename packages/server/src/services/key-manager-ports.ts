/** Storage records and repositories of the Barbican-compatible key manager (`/key-manager/v1`). */

/** Barbican's secret types. */
export const SECRET_TYPES = [
  'symmetric',
  'public',
  'private',
  'passphrase',
  'certificate',
  'opaque',
] as const;
export type SecretType = (typeof SECRET_TYPES)[number];

/** Payload content types stored (Barbican normalises `text/plain;charset=utf-8` to `text/plain`). */
export type SecretContentType = 'text/plain' | 'application/octet-stream';

/** One secret; the payload only ever as `encrypted_payload` (see secret-crypto.ts). */
export interface SecretRecord {
  id: string;
  project_id: string;
  /** Keystone user that created it (null under noauth). */
  creator_id: string | null;
  name: string | null;
  secret_type: SecretType;
  algorithm: string | null;
  bit_length: number | null;
  mode: string | null;
  /** ISO-8601 as given, or null. */
  expiration: string | null;
  /** null while the secret has no payload yet. */
  content_type: SecretContentType | null;
  /** AES-256-GCM envelope of the payload bytes, or null. */
  encrypted_payload: string | null;
  created_at: string;
  updated_at: string;
}

export const CONTAINER_TYPES = ['generic', 'certificate', 'rsa'] as const;
export type ContainerType = (typeof CONTAINER_TYPES)[number];

/** One named reference of a container. */
export interface ContainerSecretRef {
  name: string;
  secret_id: string;
}

export interface SecretContainerRecord {
  id: string;
  project_id: string;
  creator_id: string | null;
  name: string | null;
  type: ContainerType;
  secret_refs: ContainerSecretRef[];
  created_at: string;
  updated_at: string;
}

/** A page of one project's rows ordered by created_at, id. */
export interface Page<T> {
  items: T[];
  total: number;
}

export interface SecretRepository {
  get(id: string): Promise<SecretRecord | undefined>;
  /** The project's secrets (optionally only those named `name`), oldest first. */
  list(
    projectId: string,
    opts: { offset: number; limit: number; name?: string },
  ): Promise<Page<SecretRecord>>;
  insert(record: SecretRecord): Promise<void>;
  /** Sets the payload of a secret that has none; false when it already had one (or is gone). */
  setPayload(id: string, contentType: SecretContentType, encrypted: string, now: string): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

export interface SecretContainerRepository {
  get(id: string): Promise<SecretContainerRecord | undefined>;
  list(
    projectId: string,
    opts: { offset: number; limit: number; name?: string },
  ): Promise<Page<SecretContainerRecord>>;
  insert(record: SecretContainerRecord): Promise<void>;
  remove(id: string): Promise<boolean>;
}
