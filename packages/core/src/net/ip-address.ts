import { invalidInput } from '../errors/domain-error.js';

/** An IP address as its version and numeric value (32-bit for IPv4, 128-bit for IPv6). */
export interface ParsedIp {
  version: 4 | 6;
  value: bigint;
}

const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are rejected: inet_pton (and Python's ipaddress) refuse them because of the
    // historic octal reading of "010".
    if (!DECIMAL_OCTET.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Parses one side of a "::" split into 16-bit groups; an IPv4 tail counts as two groups. */
function parseGroups(side: string, allowIpv4Tail: boolean): bigint[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: bigint[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (allowIpv4Tail && i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6(s: string): bigint | undefined {
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  let groups: bigint[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0] ?? '', false);
    const tail = parseGroups(halves[1] ?? '', true);
    // "::" stands for at least one zero group (RFC 4291 §2.2).
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<bigint>(8 - head.length - tail.length).fill(0n), ...tail];
  } else {
    const all = parseGroups(s, true);
    if (all === undefined || all.length !== 8) return undefined;
    groups = all;
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 dotted quad or any RFC 4291 IPv6 text form; undefined when not an IP literal. */
export function parseIpAddress(s: string): ParsedIp | undefined {
  if (s.includes(':')) {
    const value = parseIpv6(s);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4(s);
  return value === undefined ? undefined : { version: 4, value };
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  // RFC 5952 §5: IPv4-mapped addresses keep the dotted tail (as Python ≥ 3.13 prints them).
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`;
  const groups: bigint[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push((value >> shift) & 0xffffn);
  // RFC 5952 §4.2: compress the longest run (≥ 2) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0n) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0n) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Canonical text of a numeric address: IPv4 dotted quad, IPv6 RFC 5952 (lower case, compressed). */
export function formatIpAddress(version: 4 | 6, value: bigint): string {
  return version === 4 ? formatIpv4(value) : formatIpv6(value);
}

/** 4, 6, or undefined when not an IP literal (IPv4 dotted quad; IPv6 all RFC 4291 text forms incl. ::, embedded IPv4). */
export function ipVersion(s: string): 4 | 6 | undefined {
  return parseIpAddress(s)?.version;
}

/** Canonical text (IPv4 as is; IPv6 RFC 5952 lower-case compressed). Throws if invalid. */
export function canonicalIp(s: string): string {
  const parsed = parseIpAddress(s);
  if (parsed === undefined) throw invalidInput('ip_address', s, 'Value should be IPv4 or IPv6 format');
  return formatIpAddress(parsed.version, parsed.value);
}

/** Number of bits of an address of this version. */
export function addressBits(version: 4 | 6): number {
  return version === 4 ? 32 : 128;
}
