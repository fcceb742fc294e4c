import { DomainError } from '../errors/domain-error.js';
import { formatIpAddress, parseIpAddress } from '../net/ip-address.js';
import { normalizeCidr, parseCidr } from '../net/cidr.js';

/*
 * The one module through which every API- or host-derived value reaches haproxy.cfg (DESIGN.md §6 rule 3).
 * A value is either checked against a strict pattern and written bare, or written as a double-quoted word.
 * HAProxy's line tokenizer treats an unquoted space/tab as a word break and an unquoted `#` as the start of
 * a comment; inside double quotes it still expands `$VAR` and processes `\` escapes, so `\`, `"` and `$`
 * are escaped there. No quoting can carry a line break, so control characters are refused outright.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Characters that mean nothing to HAProxy's tokenizer, so such a word is written without quotes. */
const BARE_WORD = /^[A-Za-z0-9._/:@%+=,~-]+$/;
/** What the tokenizer interprets outside quotes: word breaks, comment, quotes, escapes, env expansion. */
const TOKENIZER_SPECIAL = /[\s#"'\\$]/;
/** Longest UNIX socket path (sun_path is 108 bytes including the terminating NUL). */
const MAX_SOCKET_PATH_BYTES = 107;

function unsafe(field: string, value: unknown, why: string): DomainError {
  return new DomainError(
    'invalid',
    `Cannot render ${field} ${JSON.stringify(value)} into haproxy.cfg: ${why}.`,
  );
}

/** C0/C1 controls and DEL: no quoting can carry them (CR/LF end the line, NUL ends the string). */
function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

/** Unpaired UTF-16 surrogates would be written as U+FFFD, i.e. not the value that was asked for. */
function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

/** An object id (UUID) as a bare word; ids name frontends, backends and servers. */
export function cfgId(value: string, field: string): string {
  if (!UUID.test(value)) throw unsafe(field, value, 'not a UUID');
  return value.toLowerCase();
}

/** An integer within [min, max], as decimal text. */
export function cfgInt(value: number, field: string, min: number, max: number): string {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw unsafe(field, value, `not an integer in ${min}..${max}`);
  }
  return String(value);
}

/** An IP literal in canonical form (IPv6 unbracketed, which `bind`/`server` accept before `:port`). */
export function cfgIp(value: string, field: string): string {
  const parsed = parseIpAddress(value);
  if (parsed === undefined) throw unsafe(field, value, 'not an IP address');
  return formatIpAddress(parsed.version, parsed.value);
}

/** IP version of an address already accepted by cfgIp. */
export function cfgIpVersion(value: string, field: string): 4 | 6 {
  const parsed = parseIpAddress(value);
  if (parsed === undefined) throw unsafe(field, value, 'not an IP address');
  return parsed.version;
}

/** A CIDR in canonical network form. */
export function cfgCidr(value: string, field: string): string {
  if (parseCidr(value) === undefined) throw unsafe(field, value, 'not a CIDR');
  return normalizeCidr(value);
}

/** A word that must match `pattern` exactly (enums, HTTP methods, cookie names); written bare. */
export function cfgToken(value: string, field: string, pattern: RegExp): string {
  if (!pattern.test(value) || TOKENIZER_SPECIAL.test(value) || hasControl(value)) {
    throw unsafe(field, value, `does not match ${String(pattern)}`);
  }
  return value;
}

/**
 * Any printable text as one config word: bare when it only has inert characters, otherwise double-quoted
 * with `\`, `"` and `$` escaped. Control characters (CR, LF, NUL, tab, C1) and broken UTF-16 are refused.
 */
export function cfgString(value: string, field: string): string {
  if (value === '') throw unsafe(field, value, 'empty');
  if (hasControl(value)) throw unsafe(field, value, 'contains a control character');
  if (hasLoneSurrogate(value)) throw unsafe(field, value, 'is not valid Unicode');
  if (BARE_WORD.test(value)) return value;
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** RFC 6265 token characters that are also inert in a sample-fetch argument: written bare. */
const COOKIE_TOKEN = /^[A-Za-z0-9!%&*+.^_`|~-]+$/;
/** What ends or splits a sample-fetch argument list, or is a cookie separator (RFC 6265). */
const COOKIE_FORBIDDEN = /[\s"'(),/:;<=>?@[\\\]{}]/u;

/**
 * `fetch(name)` for a cookie name (`res.cook(JSESSIONID)`) as one config word: bare for plain tokens,
 * double-quoted (with `$` escaped) for names with `#`, `$` or non-ASCII letters. Separators, quotes,
 * whitespace and controls are refused: HAProxy's argument parser would split or unquote them.
 */
export function cfgCookieFetch(fetch: 'res.cook' | 'req.cook', name: string, field: string): string {
  if (name === '' || name.length > 255) throw unsafe(field, name, 'must be 1 to 255 characters');
  if (hasControl(name) || hasLoneSurrogate(name) || COOKIE_FORBIDDEN.test(name)) {
    throw unsafe(field, name, 'holds a separator, quote, space or control character');
  }
  if (COOKIE_TOKEN.test(name)) return `${fetch}(${name})`;
  return cfgString(`${fetch}(${name})`, field);
}

/** RFC 9110 token characters (an HTTP header name) that are inert in a sample-fetch argument: written bare. */
const PLAIN_ARG = /^[A-Za-z0-9_.-]+$/;
/** RFC 9110 `tchar` without `'`, which HAProxy's argument parser would read as an opening quote. */
const HEADER_NAME = /^[A-Za-z0-9!#$%&*+.^_`|~-]+$/;

/**
 * `req.hdr(name)` for an L7 rule key (an HTTP header name) as one config word: bare for plain names,
 * double-quoted (with `$` escaped) for names with `#`, `$`, `%` and friends. Anything that is not an HTTP
 * token (separators such as `,` `(` `)`, quotes, spaces, controls, non-ASCII) is refused.
 */
export function cfgHeaderFetch(name: string, field: string): string {
  if (name.length > 255 || !HEADER_NAME.test(name)) throw unsafe(field, name, 'not an HTTP header name');
  if (PLAIN_ARG.test(name)) return `req.hdr(${name})`;
  return cfgString(`req.hdr(${name})`, field);
}

/** `ssl_c_s_dn(field)` for an SSL_DN_FIELD rule key (an X.509 attribute short name such as `CN` or `OU`). */
export function cfgDnFieldFetch(name: string, field: string): string {
  if (name.length > 255 || !/^[A-Za-z][A-Za-z0-9-]*$/.test(name)) {
    throw unsafe(field, name, 'not a distinguished name field');
  }
  return `ssl_c_s_dn(${name})`;
}

/**
 * The pattern of an ACL, as `-- <word>`: the `--` ends the ACL flags, so a value such as `-i` or `-m` is a
 * pattern, not a flag; the value is one double-quoted word when it has anything the tokenizer interprets
 * (space, `#`, quotes, `\`, `$`), so it is matched exactly as given: literally for `-m str/beg/end/sub`,
 * and with its regex metacharacters and backslashes intact for `-m reg`. `%` means nothing in a pattern.
 */
export function cfgAclPattern(value: string, field: string): string {
  return `-- ${cfgString(value, field)}`;
}

/**
 * A redirect target (`http-request redirect location|prefix <x>`) as one config word. HAProxy reads it as
 * a log-format string, so `%` is doubled (`%20` stays `%20`, `%[src]` is not evaluated); whitespace, which
 * is not valid in a Location header, is refused.
 */
export function cfgRedirectTarget(value: string, field: string): string {
  if (value.length > 2048) throw unsafe(field, value, 'longer than 2048 characters');
  if (/\s/u.test(value)) throw unsafe(field, value, 'contains whitespace');
  cfgString(value, field);
  return cfgString(value.replace(/%/g, '%%'), field);
}

/** A printable string that must also hold no whitespace (an HTTP request-target, for instance). */
export function cfgNoSpaceString(value: string, field: string): string {
  if (/\s/u.test(value)) throw unsafe(field, value, 'contains whitespace');
  return cfgString(value, field);
}

/** A DNS name (letters, digits, `-`, `_`, `.`), bare; also safe inside a log-format argument (no `%`). */
export function cfgHostName(value: string, field: string): string {
  if (value.length > 253 || !/^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_.])?$/.test(value)) {
    throw unsafe(field, value, 'not a DNS name');
  }
  return value;
}

/** `${dir}/${name}` for an absolute host directory; the result is a path, not yet a config word. */
export function runDirFile(dir: string, name: string): string {
  if (!dir.startsWith('/')) throw unsafe('runDir', dir, 'not an absolute path');
  // Checked on its own so that a bad directory gives one clear error naming the directory.
  cfgString(dir, 'runDir');
  return `${dir.replace(/\/+$/, '')}/${name}`;
}

/** A UNIX socket path as a config word; also bounded by the kernel's sun_path size. */
export function cfgSocketPath(path: string, field: string): string {
  if (utf8Length(path) > MAX_SOCKET_PATH_BYTES) {
    throw unsafe(field, path, `longer than ${MAX_SOCKET_PATH_BYTES} bytes`);
  }
  // `stats socket` takes an address list: a comma would split the path into two addresses, even quoted.
  if (path.includes(',')) throw unsafe(field, path, 'a socket path cannot contain ","');
  return cfgString(path, field);
}

/** Name of a file next to haproxy.cfg that holds TLS material: `tls/` plus a plain file name. */
const TLS_FILE_NAME = /^tls\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Absolute path of a TLS file (`${runDir}/tls/<name>`) as one bare config word. Bare only: the same path
 * is also a line of a crt-list file and a word on HAProxy's runtime API (`set ssl cert <path>`), neither of
 * which has a quoting syntax, so a runDir that would need quotes (space, `#`, `$`, quote, `\`) is refused.
 */
export function cfgTlsFilePath(runDir: string, name: string): string {
  if (!TLS_FILE_NAME.test(name) || name.includes('..')) throw unsafe('TLS file name', name, 'not tls/<name>');
  const path = runDirFile(runDir, name);
  if (!BARE_WORD.test(path)) throw unsafe('runDir', runDir, 'a TLS file path must not need quoting');
  return path;
}

/** One OpenSSL cipher or TLS 1.3 suite name (Octavia's character set without the `:` separator). */
const CIPHER_NAME = /^[A-Za-z0-9\-+!@=_.]+$/;

/**
 * The `:`-joined word of `ciphers`/`ciphersuites`; every name must match Octavia's character set, so the
 * word is always bare. Empty lists are refused (the caller leaves the keyword out instead).
 */
export function cfgCipherList(names: readonly string[], field: string): string {
  if (names.length === 0) throw unsafe(field, names, 'empty cipher list');
  for (const n of names) {
    if (!CIPHER_NAME.test(n)) throw unsafe(field, n, 'not a cipher name');
  }
  return names.join(':');
}

/** True when `name` is a valid cipher/suite name for cfgCipherList. */
export function isCipherName(name: string): boolean {
  return CIPHER_NAME.test(name);
}
