import { validationFailure } from '../errors/domain-error.js';
import type { SessionPersistenceInput } from '../model/inputs.js';
import type { PoolProtocol, SessionPersistence } from '../model/records.js';

/** RFC 6265 token separators Octavia refuses in a cookie name (besides controls, space and DEL). */
const COOKIE_SEPARATORS = new Set('"(),/:;<=>?@[\\]{}');

/**
 * Octavia's cookie-name test (no control, space, DEL or separator, and at least one Latin-1 character),
 * plus what Octavia accepts but its own HAProxy config then cannot load (the load balancer would go to
 * ERROR): `'` (HAProxy's sample-argument parser reads it as a quote), C1 controls and broken UTF-16.
 */
function isValidCookieName(name: string): boolean {
  let latin1 = false;
  for (const ch of name) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f) || COOKIE_SEPARATORS.has(ch)) return false;
    if (ch === "'" || (code >= 0xd800 && code <= 0xdfff)) return false;
    if (code <= 0xff) latin1 = true;
  }
  return latin1;
}

/**
 * §5.4 checks; returns the normalised object (all four keys) or null. `stored` is the current value for PUT
 * merges: `undefined` input keeps it, null or `{}` removes it, an object without `type` keeps the stored type,
 * and keys left out keep their stored values while the type stays the same.
 */
export function normalizeSessionPersistence(
  input: SessionPersistenceInput | null | undefined,
  poolProtocol: PoolProtocol,
  stored: SessionPersistence | null,
): SessionPersistence | null {
  if (input === undefined) return stored;
  if (input === null || Object.values(input).every((v) => v === undefined)) return null;

  const type = input.type ?? stored?.type;
  // The POST schema makes `type` mandatory; a PUT without it on a pool without persistence fails in
  // Octavia's checker on the missing key, with this message.
  if (type === undefined) throw validationFailure('Invalid session_persistence provided.');
  const cookieName = input.cookie_name ?? null;

  if (poolProtocol === 'UDP' || poolProtocol === 'SCTP') {
    if (type === 'SOURCE_IP' && cookieName) {
      throw validationFailure(
        'session_persistence SOURCE_IP type for UDP and SCTP protocols only accepts: type, persistence_timeout, persistence_granularity.',
      );
    }
    if (cookieName) throw validationFailure('Cookie names are not supported for UDP/SCTP pools.');
    if (type !== 'SOURCE_IP') {
      throw validationFailure(
        `Session persistence of type ${type} is not supported for UDP/SCTP protocol pools.`,
      );
    }
  } else if (input.persistence_timeout != null || input.persistence_granularity) {
    throw validationFailure(
      'persistence_timeout and persistence_granularity is only for UDP and SCTP protocol pools.',
    );
  }

  if (cookieName) {
    if (type !== 'APP_COOKIE') {
      throw validationFailure(
        'Field "cookie_name" can only be specified with session persistence of type "APP_COOKIE".',
      );
    }
    if (!isValidCookieName(cookieName)) {
      throw validationFailure('Supplied "cookie_name" is invalid.');
    }
  }

  // A PUT keeps stored attributes it does not mention, but only while the type stays the same; a new type
  // starts clean so that e.g. an old cookie name does not survive a switch to HTTP_COOKIE.
  const base: SessionPersistence =
    stored !== null && stored.type === type
      ? stored
      : { type, cookie_name: null, persistence_timeout: null, persistence_granularity: null };
  const merged: SessionPersistence = {
    type,
    cookie_name: input.cookie_name === undefined ? base.cookie_name : cookieName,
    persistence_timeout:
      input.persistence_timeout === undefined ? base.persistence_timeout : input.persistence_timeout,
    persistence_granularity:
      input.persistence_granularity === undefined
        ? base.persistence_granularity
        : input.persistence_granularity,
  };
  if (merged.type === 'APP_COOKIE' && !merged.cookie_name) {
    throw validationFailure(
      'Field "cookie_name" must be specified when using the "APP_COOKIE" session persistence type.',
    );
  }
  return merged;
}
