import { KeyManagerError } from './key-manager-error.js';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const REF = new RegExp(
  `^(https?://[^/?#\\s]+(?:/[^?#\\s]*)?)/key-manager/v1/(secrets|containers)/(${UUID})/?$`,
);

/** A parsed `…/key-manager/v1/{secrets|containers}/<uuid>` reference. */
export interface KeyManagerRef {
  /** The server's base URL the reference names (no trailing slash). */
  base: string;
  kind: 'secrets' | 'containers';
  id: string;
}

/** Parses one of this server's key-manager references; undefined when the string is not one. */
export function parseKeyManagerRef(ref: string): KeyManagerRef | undefined {
  const m = REF.exec(ref.trim());
  if (!m) return undefined;
  return { base: m[1] ?? '', kind: m[2] as 'secrets' | 'containers', id: (m[3] ?? '').toLowerCase() };
}

/** The secret id of a container's `secret_ref` (400 in Barbican's words when it is not a secret URL). */
export function secretIdOfRef(ref: string): string {
  const parsed = parseKeyManagerRef(ref);
  if (parsed?.kind !== 'secrets') {
    throw new KeyManagerError(
      'invalid',
      "Provided object does not match schema 'Container': secret_ref is not a valid secret reference Invalid property: 'secret_ref'",
    );
  }
  return parsed.id;
}

/** `<base>/key-manager/v1/<kind>/<id>`. */
export function keyManagerHref(base: string, kind: 'secrets' | 'containers', id: string): string {
  return `${base.replace(/\/+$/, '')}/key-manager/v1/${kind}/${id}`;
}
