// Parsers of iproute2's JSON output (`ip -j …`) into the little the plumbers compare. Pure.

/** A link as `ip -j -d link show` / `ip -j -d addr show` reports it. */
export interface ObservedLink {
  name: string;
  /** linkinfo.info_kind: bridge, veth, dummy…; undefined for plain devices. */
  kind?: string;
  master?: string;
  alias?: string;
  /** Administratively up (the UP flag). */
  up: boolean;
  mtu: number;
  mac?: string;
  /** Global-scope `address/prefix` of the family asked for (addr show only; link-local v6 is left out). */
  addresses: string[];
}

/** A route of `ip -j route show table all`; `table` undefined = main. */
export interface ObservedRoute {
  table?: string;
  type?: string;
  dst: string;
  gateway?: string;
  dev?: string;
}

/** A rule of `ip -j rule show`. */
export interface ObservedRule {
  priority: number;
  fwmark?: number;
  table?: string;
}

function parseArray(text: string, what: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const value: unknown = JSON.parse(trimmed);
  if (!Array.isArray(value)) throw new Error(`unexpected ${what} output: not a JSON array`);
  return value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Links (with addresses of `family` when the output came from `addr show`). */
export function parseIpLinks(text: string, family?: 4 | 6): ObservedLink[] {
  return parseArray(text, 'ip link').flatMap((row) => {
    const name = str(row['ifname']);
    if (name === undefined) return [];
    const flags = Array.isArray(row['flags']) ? (row['flags'] as unknown[]) : [];
    const info = row['linkinfo'] as Record<string, unknown> | undefined;
    const inet = family === 6 ? 'inet6' : 'inet';
    const addrInfo = Array.isArray(row['addr_info']) ? (row['addr_info'] as Record<string, unknown>[]) : [];
    const link: ObservedLink = {
      name,
      up: flags.includes('UP'),
      mtu: typeof row['mtu'] === 'number' ? row['mtu'] : 0,
      addresses: addrInfo
        .filter((a) => a['family'] === inet && a['scope'] === 'global')
        .map((a) => `${str(a['local']) ?? ''}/${String(a['prefixlen'])}`),
    };
    const kind = str(info?.['info_kind']);
    const master = str(row['master']);
    const alias = str(row['ifalias']);
    const mac = str(row['address']);
    if (kind !== undefined) link.kind = kind;
    if (master !== undefined) link.master = master;
    if (alias !== undefined) link.alias = alias;
    if (mac !== undefined) link.mac = mac;
    return [link];
  });
}

/** Routes (every table). */
export function parseIpRoutes(text: string): ObservedRoute[] {
  return parseArray(text, 'ip route').flatMap((row) => {
    const dst = str(row['dst']);
    if (dst === undefined) return [];
    const route: ObservedRoute = { dst };
    for (const key of ['table', 'type', 'gateway', 'dev'] as const) {
      const value = str(row[key]);
      if (value !== undefined) route[key] = value;
    }
    return [route];
  });
}

/** Policy-routing rules. */
export function parseIpRules(text: string): ObservedRule[] {
  return parseArray(text, 'ip rule').flatMap((row) => {
    if (typeof row['priority'] !== 'number') return [];
    const rule: ObservedRule = { priority: row['priority'] };
    const mark = str(row['fwmark']);
    const table = str(row['table']);
    if (mark !== undefined && Number.isSafeInteger(Number(mark))) rule.fwmark = Number(mark);
    if (table !== undefined) rule.table = table;
    return [rule];
  });
}
