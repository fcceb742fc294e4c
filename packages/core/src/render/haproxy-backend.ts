import { DomainError } from '../errors/domain-error.js';
import type { HealthMonitorRecord, ListenerRecord, MemberRecord, PoolRecord } from '../model/records.js';
import { ipSortKey } from '../net/ip-sort-key.js';
import { cfgCookieFetch, cfgId, cfgInt, cfgIp } from './haproxy-escape.js';
import { healthCheckServerOptions, healthMonitorBackendLines } from './haproxy-health-check.js';
import { stableServerIds } from './haproxy-server-ids.js';

/** HAProxy proxy mode. */
export type HaproxyMode = 'http' | 'tcp';

/** Everything one `backend <pool_id>:<listener_id>` section is rendered from. */
export interface HaproxyBackendInput {
  listener: ListenerRecord;
  /** Mode of the listener's frontend; PROXY/PROXYV2 pools take it over. */
  frontendMode: HaproxyMode;
  /** The listener's effective connection limit (becomes `fullconn`). */
  connectionLimit: number;
  pool: PoolRecord;
  members: readonly MemberRecord[];
  healthMonitor: HealthMonitorRecord | undefined;
  /** Stick-table key type for SOURCE_IP persistence (`ipv6` as soon as any VIP is IPv6). */
  stickIpType: 'ip' | 'ipv6';
  runDir: string;
  /** Re-encryption options appended to every `server` line (`ssl crt ... ca-file ...`), empty or absent for
   *  pools without `tls_enabled` (see TlsFileSet.serverOptions). */
  serverTlsOptions?: readonly string[];
  /** `check-alpn` word of a `tls_enabled` pool; undefined otherwise. */
  checkAlpn?: string | undefined;
}

/** Octavia's `haproxy_stick_size`. */
const STICK_SIZE = '10k';
const MAX_TIMEOUT_MS = 2_073_600_000;
const DEFAULT_MEMBER_CONNECT_MS = 5000;
const DEFAULT_MEMBER_DATA_MS = 50000;

/** Name of the backend of `pool` as seen from `listener` (the health/stats code splits it on `:`). */
export function backendName(poolId: string, listenerId: string): string {
  return `${cfgId(poolId, 'pool id')}:${cfgId(listenerId, 'listener id')}`;
}

/** Backend mode of a pool under a frontend of `frontendMode`; throws for combinations HAProxy refuses. */
export function backendMode(pool: PoolRecord, frontendMode: HaproxyMode): HaproxyMode {
  let mode: HaproxyMode;
  switch (pool.protocol) {
    case 'HTTP':
      mode = 'http';
      break;
    case 'HTTPS':
    case 'TCP':
      mode = 'tcp';
      break;
    case 'PROXY':
    case 'PROXYV2':
      mode = frontendMode;
      break;
    default:
      throw new DomainError('invalid', `Cannot render a ${pool.protocol} pool into haproxy.cfg.`);
  }
  // 2.6 treats an http frontend switching to a tcp backend as a fatal error.
  if (frontendMode === 'http' && mode === 'tcp') {
    throw new DomainError('invalid', `Cannot render a ${pool.protocol} pool behind an HTTP-mode listener.`);
  }
  return mode;
}

/** Listener timeouts follow Octavia's `value or default`: 0 means "use the default". */
function timeoutMs(value: number, fallback: number, field: string): string {
  return cfgInt(value === 0 ? fallback : value, field, 1, MAX_TIMEOUT_MS);
}

function balanceLines(pool: PoolRecord): string[] {
  switch (pool.lb_algorithm) {
    case 'ROUND_ROBIN':
      return ['balance roundrobin'];
    case 'LEAST_CONNECTIONS':
      return ['balance leastconn'];
    case 'SOURCE_IP':
      return ['balance source'];
    case 'SOURCE_IP_PORT':
      // 2.6 has no fetch that yields "address and port", so the port is parked in a session variable
      // (set when the stream enters the backend, before balancing) and concatenated to the address.
      return [
        'tcp-request content set-var(sess.lbaas_src_port) src_port',
        'balance hash src,concat(:,sess.lbaas_src_port)',
      ];
    default:
      throw new DomainError('invalid', `Cannot render lb_algorithm ${String(pool.lb_algorithm)}.`);
  }
}

function persistenceLines(input: HaproxyBackendInput, mode: HaproxyMode): string[] {
  const sp = input.pool.session_persistence;
  if (sp === null) return [];
  switch (sp.type) {
    case 'SOURCE_IP':
      return [`stick-table type ${input.stickIpType} size ${STICK_SIZE}`, 'stick on src'];
    case 'HTTP_COOKIE':
      if (mode !== 'http') return [];
      return ['cookie SRV insert indirect nocache'];
    case 'APP_COOKIE': {
      if (mode !== 'http') return [];
      const name = sp.cookie_name ?? '';
      return [
        `stick-table type string len 64 size ${STICK_SIZE}`,
        `stick store-response ${cfgCookieFetch('res.cook', name, 'cookie_name')}`,
        `stick match ${cfgCookieFetch('req.cook', name, 'cookie_name')}`,
      ];
    }
    default:
      throw new DomainError('invalid', `Cannot render session persistence ${String(sp.type)}.`);
  }
}

const TRUE_HEADER = (headers: Readonly<Record<string, string>>, name: string): boolean =>
  (headers[name] ?? '').toLowerCase() === 'true';

/** §1.5 client-certificate headers (TERMINATED_HTTPS only), in Octavia's order: header → sample. */
const SSL_HEADERS: readonly (readonly [string, string])[] = [
  ['X-SSL-Client-Verify', '%[ssl_c_verify]'],
  ['X-SSL-Client-Has-Cert', '%[ssl_c_used]'],
  ['X-SSL-Client-DN', '%{+Q}[ssl_c_s_dn]'],
  ['X-SSL-Client-CN', '%{+Q}[ssl_c_s_dn(cn)]'],
  ['X-SSL-Issuer', '%{+Q}[ssl_c_i_dn]'],
  ['X-SSL-Client-SHA1', '%{+Q}[ssl_c_sha1,hex]'],
  ['X-SSL-Client-Not-Before', '%{+Q}[ssl_c_notbefore]'],
  ['X-SSL-Client-Not-After', '%{+Q}[ssl_c_notafter]'],
];

/** §1.5 header lines, in Octavia's order; header names and values are constants, never API text. */
function headerLines(input: HaproxyBackendInput, mode: HaproxyMode): string[] {
  const protocol = input.listener.protocol;
  if ((protocol !== 'HTTP' && protocol !== 'TERMINATED_HTTPS') || mode !== 'http') return [];
  const tls = protocol === 'TERMINATED_HTTPS';
  const headers = input.listener.insert_headers;
  // Octavia leaves client-address headers out for PROXY pools: the address travels in the PROXY header.
  const proxied = input.pool.protocol === 'PROXY' || input.pool.protocol === 'PROXYV2';
  const lines: string[] = [];
  if (!proxied && TRUE_HEADER(headers, 'X-Forwarded-For')) lines.push('option forwardfor');
  if (!proxied && TRUE_HEADER(headers, 'X-Forwarded-Port')) {
    lines.push('http-request set-header X-Forwarded-Port %[dst_port]');
  }
  if (TRUE_HEADER(headers, 'X-Forwarded-Proto')) {
    lines.push(`http-request set-header X-Forwarded-Proto ${tls ? 'https' : 'http'}`);
  }
  if (tls) {
    for (const [name, sample] of SSL_HEADERS) {
      if (TRUE_HEADER(headers, name)) lines.push(`http-request set-header ${name} ${sample}`);
    }
  }
  for (const name of ['X-Forwarded-IP', 'X-Client-IP', 'X-Real-IP']) {
    if (!proxied && TRUE_HEADER(headers, name)) lines.push(`http-request set-header ${name} %[src]`);
  }
  return lines;
}

function compareMembers(a: MemberRecord, b: MemberRecord): number {
  const ka = ipSortKey(cfgIp(a.address, 'address'));
  const kb = ipSortKey(cfgIp(b.address, 'address'));
  if (ka !== kb) return ka < kb ? -1 : 1;
  if (a.protocol_port !== b.protocol_port) return a.protocol_port - b.protocol_port;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function serverLine(input: HaproxyBackendInput, member: MemberRecord, mode: HaproxyMode, id: number): string {
  const memberId = cfgId(member.id, 'member id');
  const parts = [
    'server',
    memberId,
    `${cfgIp(member.address, 'address')}:${cfgInt(member.protocol_port, 'protocol_port', 1, 65535)}`,
    `id ${id}`,
    `weight ${cfgInt(member.weight, 'weight', 0, 256)}`,
    ...healthCheckServerOptions(
      input.healthMonitor,
      member,
      input.pool.tls_enabled ? { alpn: input.checkAlpn } : undefined,
    ),
  ];
  if (input.pool.session_persistence?.type === 'HTTP_COOKIE' && mode === 'http')
    parts.push(`cookie ${memberId}`);
  if (input.pool.protocol === 'PROXY') parts.push('send-proxy');
  // Behind a TLS-terminating listener PROXYV2 also carries the client certificate's CN (§1.9).
  if (input.pool.protocol === 'PROXYV2') {
    parts.push(input.listener.protocol === 'TERMINATED_HTTPS' ? 'send-proxy-v2-ssl-cn' : 'send-proxy-v2');
  }
  if (member.backup) parts.push('backup');
  if (!member.admin_state_up) parts.push('disabled');
  parts.push(...(input.serverTlsOptions ?? []));
  return parts.join(' ');
}

/** Lines of one backend section (header line first, body indented by the caller's convention). */
export function renderHaproxyBackend(input: HaproxyBackendInput): string[] {
  const { listener, pool } = input;
  const mode = backendMode(pool, input.frontendMode);
  const members = [...input.members].sort(compareMembers);
  const ids = stableServerIds(members.map((m) => cfgId(m.id, 'member id')));
  const body = [
    `mode ${mode}`,
    ...(mode === 'http' ? ['http-reuse safe'] : []),
    ...balanceLines(pool),
    ...persistenceLines(input, mode),
    ...healthMonitorBackendLines(input.healthMonitor, input.runDir),
    ...headerLines(input, mode),
    `fullconn ${cfgInt(input.connectionLimit, 'connection_limit', 1, 1_000_000_000)}`,
    'option allbackups',
    `timeout connect ${timeoutMs(listener.timeout_member_connect, DEFAULT_MEMBER_CONNECT_MS, 'timeout_member_connect')}`,
    `timeout server ${timeoutMs(listener.timeout_member_data, DEFAULT_MEMBER_DATA_MS, 'timeout_member_data')}`,
    ...members.map((m) => serverLine(input, m, mode, ids.get(cfgId(m.id, 'member id')) ?? 0)),
  ];
  return [`backend ${backendName(pool.id, listener.id)}`, ...body.map((l) => `    ${l}`)];
}
