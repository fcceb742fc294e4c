// Pure IP / CIDR checkers: the contract runs in browsers too, so node:net is not available.
// Strictness follows inet_pton (what WSME's netaddr checks use): dotted-quad IPv4 without leading
// zeros, IPv6 in every RFC 4291 text form (incl. `::` and a trailing dotted quad), no zone ids.

/** Parses a dotted-quad IPv4 address into its four octets, or returns undefined. */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    octets.push(n);
  }
  return octets;
}

/** Parses any IPv6 text form into its eight 16-bit groups, or returns undefined. */
export function parseIpv6(text: string): number[] | undefined {
  if (text.length === 0 || text.length > 45) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0] ?? '', halves.length === 1);
  const tail = halves.length === 2 ? groupsOf(halves[1] ?? '', true) : [];
  if (head === undefined || tail === undefined) return undefined;
  if (halves.length === 1) return head.length === 8 ? head : undefined;
  // `::` stands for at least one zero group.
  if (head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** Hex groups of one side of `::`; a dotted quad is allowed only as the very last element. */
function groupsOf(side: string, mayEndWithIpv4: boolean): number[] | undefined {
  if (side === '') return [];
  const parts = side.split(':');
  const groups: number[] = [];
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && mayEndWithIpv4 && part.includes('.')) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      groups.push(parseInt(part, 16));
    }
  }
  return groups;
}

/** True for an IPv4 or IPv6 literal. */
export function isIpAddress(text: string): boolean {
  return parseIpv4(text) !== undefined || parseIpv6(text) !== undefined;
}

/** Formats eight IPv6 groups the way Python's ipaddress does (lower case, longest zero run ≥ 2 as `::`). */
export function formatIpv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === 0) j += 1;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLength < 2) return hex.join(':');
  const left = hex.slice(0, bestStart).join(':');
  const right = hex.slice(bestStart + bestLength).join(':');
  return `${left}::${right}`;
}

/**
 * Validates a CIDR and returns it normalized to its network address (`192.0.2.1/24` → `192.0.2.0/24`),
 * like Octavia's CidrType (`str(netaddr.IPNetwork(v).cidr)`); a bare address gets a host prefix.
 * Returns undefined when the text is not an IPv4 or IPv6 CIDR.
 */
export function normalizeCidr(text: string): string | undefined {
  const slash = text.indexOf('/');
  const address = slash === -1 ? text : text.slice(0, slash);
  const prefixText = slash === -1 ? undefined : text.slice(slash + 1);
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return undefined;
  const v4 = parseIpv4(address);
  if (v4 !== undefined) {
    const prefix = prefixText === undefined ? 32 : Number(prefixText);
    if (prefix > 32) return undefined;
    const masked = v4.map((octet, i) => octet & maskBits(prefix - i * 8, 8));
    return `${masked.join('.')}/${prefix}`;
  }
  const v6 = parseIpv6(address);
  if (v6 !== undefined) {
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    if (prefix > 128) return undefined;
    const masked = v6.map((group, i) => group & maskBits(prefix - i * 16, 16));
    return `${formatIpv6(masked)}/${prefix}`;
  }
  return undefined;
}

/** The mask for one field of `width` bits when `bits` of it (possibly ≤0 or ≥width) belong to the prefix. */
function maskBits(bits: number, width: number): number {
  if (bits <= 0) return 0;
  if (bits >= width) return (1 << width) - 1;
  return ((1 << bits) - 1) << (width - bits);
}
