import { parseIpAddress } from './ip-address.js';

/**
 * A text that sorts like the address's numeric value (version, then fixed-width hex), so a database can
 * find the highest allocated address with an index instead of reading them all.
 */
export function ipSortKey(ip: string): string {
  const parsed = parseIpAddress(ip);
  if (parsed === undefined) throw new Error(`not an IP address: ${ip}`);
  return `${parsed.version}:${parsed.value.toString(16).padStart(parsed.version === 4 ? 8 : 32, '0')}`;
}
