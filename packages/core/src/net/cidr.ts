import { invalidInput } from '../errors/domain-error.js';
import { addressBits, formatIpAddress, parseIpAddress } from './ip-address.js';

/** A parsed CIDR: version, network address (host bits cleared) and prefix length. */
export interface ParsedCidr {
  version: 4 | 6;
  network: bigint;
  prefix: number;
}

const PREFIX = /^(0|[1-9][0-9]{0,2})$/;

/** Mask with the top `prefix` bits of a `bits`-wide address set. */
function networkMask(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** Parses "a/b"; undefined if invalid. */
export function parseCidr(s: string): ParsedCidr | undefined {
  const slash = s.indexOf('/');
  if (slash < 0 || s.indexOf('/', slash + 1) >= 0) return undefined;
  const address = parseIpAddress(s.slice(0, slash));
  const prefixText = s.slice(slash + 1);
  if (address === undefined || !PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = addressBits(address.version);
  if (prefix > bits) return undefined;
  return { version: address.version, network: address.value & networkMask(bits, prefix), prefix };
}

/** Parses a CIDR or throws Octavia's WSME CIDR validation error. */
export function requireCidr(s: string): ParsedCidr {
  const parsed = parseCidr(s);
  if (parsed === undefined) throw invalidInput('cidr', s, 'Value should be IPv4 or IPv6 CIDR format');
  return parsed;
}

/** First and last address (numeric) of a parsed CIDR. */
export function cidrRange(cidr: ParsedCidr): { first: bigint; last: bigint } {
  const hostBits = BigInt(addressBits(cidr.version) - cidr.prefix);
  return { first: cidr.network, last: cidr.network + (1n << hostBits) - 1n };
}

/** "192.0.2.1/24" → "192.0.2.0/24" (IPv6 canonical too). Throws if invalid. */
export function normalizeCidr(s: string): string {
  const parsed = requireCidr(s);
  return `${formatIpAddress(parsed.version, parsed.network)}/${parsed.prefix}`;
}

/** True when `ip` is an address of the same version inside `cidr`; throws if `cidr` is invalid, false for a non-IP. */
export function cidrContains(cidr: string, ip: string): boolean {
  const net = requireCidr(cidr);
  const address = parseIpAddress(ip);
  if (address === undefined || address.version !== net.version) return false;
  const { first, last } = cidrRange(net);
  return address.value >= first && address.value <= last;
}
