import { DomainError } from '../errors/domain-error.js';
import type { HealthMonitorRecord, MemberRecord } from '../model/records.js';
import {
  cfgHostName,
  cfgInt,
  cfgIp,
  cfgNoSpaceString,
  cfgString,
  cfgToken,
  runDirFile,
} from './haproxy-escape.js';
import { PING_CHECK_SCRIPT_NAME } from './ping-check-script.js';

/** HAProxy times are 32-bit milliseconds; API seconds above this would overflow. */
const MAX_SECONDS = 2_147_483;
const HTTP_METHOD = /^[A-Z]{1,20}$/;
const SINGLE_CODE = /^\d{3}$/;
const CODE_LIST = /^\d{3}(\s*,\s*\d{3})*$/;
const CODE_RANGE = /^(\d{3})-(\d{3})$/;

/** The monitor that actually drives checks: present and enabled (a disabled monitor renders no checks). */
export function activeMonitor(hm: HealthMonitorRecord | undefined): HealthMonitorRecord | undefined {
  return hm !== undefined && hm.admin_state_up ? hm : undefined;
}

/** True when the monitor needs `external-check` + `insecure-fork-wanted` in `global`. */
export function needsExternalCheck(hm: HealthMonitorRecord | undefined): boolean {
  return activeMonitor(hm)?.type === 'PING';
}

/**
 * `http-check expect` for Octavia's expected_codes (one code, a comma list, or a range). Lists and ranges
 * become an anchored, sorted alternation so that `200` does not also match `2000`-like prefixes and the
 * output is stable.
 */
export function expectLine(expectedCodes: string | null): string {
  const codes = expectedCodes ?? '200';
  if (SINGLE_CODE.test(codes)) return `http-check expect status ${codes}`;
  let expanded: number[];
  const range = CODE_RANGE.exec(codes);
  if (range !== null) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from > to) throw new DomainError('invalid', `Cannot render expected_codes "${codes}": empty range.`);
    expanded = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  } else if (CODE_LIST.test(codes)) {
    expanded = codes.split(',').map((c) => Number(c.trim()));
  } else {
    throw new DomainError('invalid', `Cannot render expected_codes ${JSON.stringify(codes)}.`);
  }
  const sorted = [...new Set(expanded)].sort((a, b) => a - b);
  const regex = sorted.length === 1 ? `^${sorted[0]}$` : `^(${sorted.join('|')})$`;
  return `http-check expect rstatus ${cfgString(regex, 'expected_codes')}`;
}

/** The HTTP/1.x check request in 2.6's native `http-check send` form (Host is mandatory for 1.1). */
function sendLine(hm: HealthMonitorRecord): string {
  const method = cfgToken(hm.http_method ?? 'GET', 'http_method', HTTP_METHOD);
  const uri = cfgNoSpaceString(hm.url_path ?? '/', 'url_path');
  const parts = ['http-check send', 'meth', method, 'uri', uri];
  if (hm.http_version !== null) {
    if (hm.http_version !== 1 && hm.http_version !== 1.1) {
      throw new DomainError('invalid', `Cannot render http_version ${String(hm.http_version)}.`);
    }
    // Written with one decimal: JS prints 1.0 as "1".
    parts.push('ver', hm.http_version === 1 ? 'HTTP/1.0' : 'HTTP/1.1');
    // `hdr` takes a log-format string, which is why the domain is held to a strict DNS pattern (no `%`).
    if (hm.http_version === 1.1 && hm.domain_name !== null) {
      parts.push('hdr', 'Host', cfgHostName(hm.domain_name, 'domain_name'));
    }
  }
  return parts.join(' ');
}

/** Backend lines of a monitor (none when it is absent or disabled). */
export function healthMonitorBackendLines(hm: HealthMonitorRecord | undefined, runDir: string): string[] {
  const active = activeMonitor(hm);
  if (active === undefined) return [];
  const lines = [`timeout check ${cfgInt(active.timeout, 'timeout', 1, MAX_SECONDS)}s`];
  switch (active.type) {
    case 'HTTP':
    case 'HTTPS':
      lines.push('option httpchk', sendLine(active), expectLine(active.expected_codes));
      break;
    case 'PING':
      lines.push(
        'option external-check',
        `external-check command ${cfgString(runDirFile(runDir, PING_CHECK_SCRIPT_NAME), 'runDir')}`,
      );
      break;
    case 'TCP':
    case 'TLS-HELLO':
      break;
    default:
      throw new DomainError('invalid', `Cannot render a ${active.type} health monitor into haproxy.cfg.`);
  }
  return lines;
}

/** Options appended to a member's `server` line when its pool has an active monitor; `tlsPool` is set for
 *  `tls_enabled` pools (with their ALPN word, if any). */
export function healthCheckServerOptions(
  hm: HealthMonitorRecord | undefined,
  member: MemberRecord,
  tlsPool: { alpn: string | undefined } | undefined = undefined,
): string[] {
  const active = activeMonitor(hm);
  if (active === undefined) return [];
  const options = ['check'];
  // HTTPS checks speak HTTP over TLS; TLS-HELLO does a real handshake (L6OK) instead of Octavia's bare
  // connect, and SSLv3-era `ssl-hello-chk` fails against modern servers (mapping §7).
  if (active.type === 'HTTPS' || active.type === 'TLS-HELLO') {
    // A re-encrypting pool's checks share its `ssl` settings (client certificate, CA, `verify`): an extra
    // `verify none` here would be overridden by (or override) the pool's own `verify` later on the line.
    options.push(...(tlsPool === undefined ? ['check-ssl', 'verify none'] : ['check-ssl']));
  }
  // Octavia: checks of a re-encrypting pool negotiate the pool's ALPN (an HTTP check then speaks h2 when
  // the member picks it).
  if (tlsPool?.alpn !== undefined) options.push('check-alpn', tlsPool.alpn);
  const delay = cfgInt(active.delay, 'delay', 1, MAX_SECONDS);
  // While a server is changing state, re-check twice as often so a failure is confirmed sooner.
  options.push(`inter ${delay}s`, `fastinter ${active.delay * 500}ms`);
  options.push(`fall ${cfgInt(active.max_retries_down, 'max_retries_down', 1, 10)}`);
  options.push(`rise ${cfgInt(active.max_retries, 'max_retries', 1, 10)}`);
  if (member.monitor_address !== null)
    options.push(`addr ${cfgIp(member.monitor_address, 'monitor_address')}`);
  if (member.monitor_port !== null)
    options.push(`port ${cfgInt(member.monitor_port, 'monitor_port', 1, 65535)}`);
  return options;
}
