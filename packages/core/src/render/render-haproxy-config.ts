import { DomainError, notImplemented } from '../errors/domain-error.js';
import type { ListenerRecord, PoolRecord } from '../model/records.js';
import { parseCidr } from '../net/cidr.js';
import type { DesiredState } from '../plan/load-balancer-tree.js';
import { backendMode, backendName, renderHaproxyBackend, type HaproxyMode } from './haproxy-backend.js';
import {
  cfgCidr,
  cfgId,
  cfgInt,
  cfgIp,
  cfgIpVersion,
  cfgSocketPath,
  cfgString,
  runDirFile,
} from './haproxy-escape.js';
import { needsExternalCheck } from './haproxy-health-check.js';
import { renderListenerL7 } from './haproxy-l7.js';
import { TlsFileSet, hstsLine, poolCheckAlpn } from './haproxy-tls.js';
import { NO_TLS_MATERIAL, type RenderedHaproxy, type TlsMaterial } from './tls-material.js';

/** Where the agent keeps this load balancer's files, and host-derived limits. */
export interface HaproxyRenderEnv {
  /** Absolute directory of this load balancer on the agent host: `${runDir}/haproxy.sock` (admin stats socket,
   *  mode 600 level admin), `${runDir}/server-state` (server-state file). The agent passes -S master.sock,
   *  -p haproxy.pid itself; do NOT render pidfile or master socket. */
  runDir: string;
  /** Global maxconn (the agent derives it from its fd limit). */
  maxconn: number;
  /** Key-manager content of the TLS refs of listeners and pools (absent = NO_TLS_MATERIAL). */
  tls?: TlsMaterial;
}

const MAX_TIMEOUT_MS = 2_073_600_000;
const DEFAULT_CLIENT_DATA_MS = 50000;
const MAX_MAXCONN = 1_000_000_000;
const UNSERVED: ReadonlySet<string> = new Set(['UDP', 'SCTP', 'PROMETHEUS']);
const INDENT = '    ';

function listenerMode(listener: ListenerRecord): HaproxyMode {
  switch (listener.protocol) {
    case 'HTTP':
    case 'TERMINATED_HTTPS':
      return 'http';
    case 'TCP':
    case 'HTTPS':
      return 'tcp';
    default:
      throw notImplemented(`Listener protocol ${listener.protocol}`);
  }
}

function compareListeners(a: ListenerRecord, b: ListenerRecord): number {
  if (a.protocol_port !== b.protocol_port) return a.protocol_port - b.protocol_port;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorted by version then address so the single allow line is stable whatever order the API stored. */
function sortedCidrs(cidrs: readonly string[]): string[] {
  const normalized = [...new Set(cidrs.map((c) => cfgCidr(c, 'allowed_cidrs')))];
  const key = (c: string): string => {
    const p = parseCidr(c);
    return p === undefined ? c : `${p.version}:${p.network.toString(16).padStart(32, '0')}/${p.prefix}`;
  };
  return normalized.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function globalSection(desired: DesiredState, env: HaproxyRenderEnv, externalCheck: boolean): string[] {
  const body = [
    `maxconn ${cfgInt(env.maxconn, 'maxconn', 1, MAX_MAXCONN)}`,
    // Admin level lets the agent change weight/drain/maint at runtime without a reload; 0600 keeps that
    // power to the agent's user. No `expose-fd listeners`: the master passes sockets itself under -W.
    `stats socket ${cfgSocketPath(runDirFile(env.runDir, 'haproxy.sock'), 'runDir')} mode 600 level admin`,
    `server-state-file ${cfgString(runDirFile(env.runDir, 'server-state'), 'runDir')}`,
    // Bounds how long a previous worker keeps old sessions after a reload (timeouts go up to 24 days).
    'hard-stop-after 30s',
  ];
  if (externalCheck) body.push('external-check', 'insecure-fork-wanted');
  return [
    `# Configuration for loadbalancer ${cfgId(desired.loadBalancer.id, 'load balancer id')}`,
    'global',
    ...indent(body),
  ];
}

function defaultsSection(): string[] {
  return [
    'defaults',
    ...indent([
      // Reloads keep each server's health and admin state instead of starting "all UP".
      'load-server-state-from-file global',
      'retries 3',
      'option redispatch',
      // Fallbacks only: every frontend and backend sets its own from the listener.
      'timeout connect 5000',
      'timeout client 50000',
      'timeout server 50000',
    ]),
  ];
}

function indent(lines: readonly string[]): string[] {
  return lines.map((l) => `${INDENT}${l}`);
}

/** Pool a listener forwards to by default, when it is rendered at all (present and enabled). */
function defaultPool(
  listener: ListenerRecord,
  pools: ReadonlyMap<string, PoolRecord>,
): PoolRecord | undefined {
  if (listener.default_pool_id === null) return undefined;
  const pool = pools.get(listener.default_pool_id);
  return pool !== undefined && pool.admin_state_up ? pool : undefined;
}

function frontendSection(
  listener: ListenerRecord,
  vips: readonly string[],
  limit: number,
  pool: PoolRecord | undefined,
  l7Lines: readonly string[],
  tls: TlsFileSet,
): string[] {
  const mode = listenerMode(listener);
  const port = cfgInt(listener.protocol_port, 'protocol_port', 1, 65535);
  const terminates = listener.protocol === 'TERMINATED_HTTPS';
  // Every bind of a listener shares one crt-list / CA / CRL file set.
  const bindTls = terminates ? ` ${tls.bindOptions(listener)}` : '';
  const body = [`mode ${mode}`, ...vips.map((vip) => `bind ${vip}:${port}${bindTls}`), `maxconn ${limit}`];
  const clientMs = listener.timeout_client_data === 0 ? DEFAULT_CLIENT_DATA_MS : listener.timeout_client_data;
  body.push(`timeout client ${cfgInt(clientMs, 'timeout_client_data', 1, MAX_TIMEOUT_MS)}`);
  if (listener.timeout_tcp_inspect > 0) {
    body.push(
      `tcp-request inspect-delay ${cfgInt(listener.timeout_tcp_inspect, 'timeout_tcp_inspect', 1, MAX_TIMEOUT_MS)}`,
    );
  }
  // Closes idle keep-alive connections promptly on soft-stop; in tcp mode HAProxy would only warn.
  if (mode === 'http') body.push('option idle-close-on-response');
  const cidrs = listener.allowed_cidrs ?? [];
  if (cidrs.length > 0) {
    // Enforced in HAProxy itself (Octavia uses security groups): runs before TLS/HTTP parsing.
    body.push(`tcp-request connection reject if !{ src ${sortedCidrs(cidrs).join(' ')} }`);
  }
  if (terminates) {
    // Octavia's `redirect scheme https if !{ ssl_fc }` (a no-op: every bind is TLS), written as the
    // http-request rule it is, so that HAProxy does not warn about `redirect` ordered before L7 rules.
    body.push('http-request redirect scheme https unless { ssl_fc }');
    const hsts = hstsLine(listener);
    if (hsts !== undefined) body.push(hsts);
  }
  // L7 policies (ACLs, position-ordered http-request actions, dynamic use_backend) come before the default.
  body.push(...l7Lines);
  if (pool !== undefined) body.push(`default_backend ${backendName(pool.id, listener.id)}`);
  return [`frontend ${cfgId(listener.id, 'listener id')}`, ...indent(body)];
}

/** haproxy.cfg only (see renderHaproxy); for callers that have no TLS files to write. */
export function renderHaproxyConfig(desired: DesiredState, env: HaproxyRenderEnv): string {
  return renderHaproxy(desired, env).cfg;
}

/**
 * Renders haproxy.cfg for one load balancer plus the TLS files it names (`tls/<name>` under env.runDir,
 * sorted by name, only those the cfg references); deterministic (sorted), no I/O. Throws DomainError
 * ('not_implemented') for listener protocols this data plane does not serve yet (UDP, SCTP, PROMETHEUS),
 * DomainError('invalid', 'Could not retrieve certificate: <ref>') when a used TLS ref is missing from
 * env.tls, and DomainError('invalid') if a value cannot be rendered safely.
 */
export function renderHaproxy(desired: DesiredState, env: HaproxyRenderEnv): RenderedHaproxy {
  const lb = desired.loadBalancer;
  const tls = new TlsFileSet(env.runDir, env.tls ?? NO_TLS_MATERIAL);
  // Disabled objects serve nothing, so an unsupported protocol only matters once it would be rendered.
  const listeners = lb.admin_state_up
    ? desired.listeners.filter((l) => l.admin_state_up).sort(compareListeners)
    : [];
  for (const l of listeners) {
    if (UNSERVED.has(l.protocol)) throw notImplemented(`Listener protocol ${l.protocol}`);
  }
  const pools = new Map(desired.pools.map((p) => [p.id, p]));
  const monitors = new Map(desired.healthMonitors.map((h) => [h.pool_id, h]));
  const vips = [lb.vip_address, ...lb.additional_vips.map((v) => v.ip_address)];
  const vipTexts = vips.map((v) => cfgIp(v, 'vip_address'));
  const stickIpType = vips.every((v) => cfgIpVersion(v, 'vip_address') === 4) ? 'ip' : 'ipv6';
  const maxconn = Number(cfgInt(env.maxconn, 'maxconn', 1, MAX_MAXCONN));

  const proxies: string[][] = [];
  let externalCheck = false;
  for (const listener of listeners) {
    const limit =
      listener.connection_limit > 0
        ? Number(cfgInt(listener.connection_limit, 'connection_limit', 1, MAX_MAXCONN))
        : maxconn;
    const pool = defaultPool(listener, pools);
    // Fail before emitting default_backend to a backend that could not be rendered.
    if (pool !== undefined) backendMode(pool, listenerMode(listener));
    const l7 = renderListenerL7(listener, listenerMode(listener), desired.l7Policies, desired.l7Rules, pools);
    proxies.push(frontendSection(listener, vipTexts, limit, pool, l7.lines, tls));
    // The default pool first, then the pools only L7 policies redirect to (each backend once).
    const backendPools = [
      ...(pool === undefined ? [] : [pool]),
      ...l7.redirectPools.filter((p) => p.id !== pool?.id),
    ];
    for (const backendPool of backendPools) {
      const healthMonitor = monitors.get(backendPool.id);
      externalCheck ||= needsExternalCheck(healthMonitor);
      proxies.push(
        renderHaproxyBackend({
          listener,
          frontendMode: listenerMode(listener),
          connectionLimit: limit,
          pool: backendPool,
          members: desired.members.filter((m) => m.pool_id === backendPool.id),
          healthMonitor,
          stickIpType,
          runDir: env.runDir,
          serverTlsOptions: tls.serverOptions(backendPool, listener.protocol === 'TERMINATED_HTTPS'),
          checkAlpn: poolCheckAlpn(backendPool),
        }),
      );
    }
  }
  const sections = [globalSection(desired, env, externalCheck), defaultsSection(), ...proxies];
  const text = `${sections.map((s) => s.join('\n')).join('\n\n')}\n`;
  // Last line of defence: every value went through haproxy-escape, so no line may carry a raw CR or NUL.
  if (text.includes('\r') || text.includes('\u0000'))
    throw new DomainError('invalid', 'Rendered haproxy.cfg contains a control character.');
  return { cfg: text, files: tls.files() };
}
