import { invalidInput, validationFailure } from '../errors/domain-error.js';
import type { HealthMonitorCreateInput, HealthMonitorUpdateInput } from '../model/inputs.js';
import type { HealthMonitorRecord, HealthMonitorType, PoolRecord } from '../model/records.js';
import { boolField, conflict, invalidOption, putValue, pythonFloat, required } from './field-values.js';
import { checkHealthMonitorPoolProtocol } from './protocol-matrix.js';

/** `[api_settings] udp_connect_min_interval_health_monitor` default. */
export const UDP_CONNECT_MIN_DELAY = 3;

/** `expected_codes`: one code, a comma list, or a range (§4.5). */
export const EXPECTED_CODES_PATTERN = String.raw`^(\d{3}(\s*,\s*\d{3})*)$|^(\d{3}-\d{3})$`;
const EXPECTED_CODES = new RegExp(EXPECTED_CODES_PATTERN);

/** `domain_name`: Octavia's DNS-name regex (§4.5). */
export const DOMAIN_NAME_PATTERN = String.raw`^(?=.{1,253}\.?$)(?:(?!-|[^.]+_)[A-Za-z0-9-_]{1,63}(?<!-)(?:\.|$))+$`;
const DOMAIN_NAME = new RegExp(DOMAIN_NAME_PATTERN);

/** RFC 3986 path characters (pchar + "/"), percent-encodings checked separately. */
const PATH_CHARS = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;

/** The three attributes only HTTP and HTTPS monitors have. */
const HTTP_ONLY_FIELDS = ['http_method', 'url_path', 'expected_codes'] as const;

/** Context of a health-monitor create. */
export interface BuildHealthMonitorContext {
  id: string;
  now: string;
  pool: PoolRecord;
  /** The pool's current health monitor, if any. */
  existing: HealthMonitorRecord | undefined;
}

/**
 * New HM (PENDING_CREATE / OFFLINE): §4.5 + §5.2 (type vs pool protocol, http_* only for HTTP/HTTPS with
 * defaults GET, "/", "200", UDP-CONNECT min delay 3, domain_name/http_version rules, expected_codes regex,
 * url_path rules); 409 `This pool already has a health monitor` when `existing`.
 */
export function buildHealthMonitor(
  input: HealthMonitorCreateInput,
  ctx: BuildHealthMonitorContext,
): HealthMonitorRecord {
  const type = required(input.type, 'type');
  const delay = required(input.delay, 'delay');
  const timeout = required(input.timeout, 'timeout');
  const maxRetries = required(input.max_retries, 'max_retries');

  checkHealthMonitorPoolProtocol(ctx.pool.protocol, type);
  checkUdpConnectDelay(type, delay);

  const http = isHttpType(type);
  if (!http) {
    // Octavia tests truthiness here, so an empty string passes as "not given".
    for (const field of HTTP_ONLY_FIELDS) {
      if (input[field]) throw invalidOption(field, `health monitors of type ${type}`);
    }
  }
  checkHttpFormats(input);
  const domainName = input.domain_name ?? null;
  const httpVersion = input.http_version ?? null;
  if (domainName && httpVersion === null) {
    throw validationFailure("'http_version' must be specified when 'domain_name' is provided.");
  }
  checkDomainHttpVersion(domainName, httpVersion);
  if (ctx.existing !== undefined && ctx.existing.provisioning_status !== 'DELETED') {
    throw conflict('This pool already has a health monitor');
  }

  return {
    id: ctx.id,
    project_id: ctx.pool.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: ctx.pool.load_balancer_id,
    pool_id: ctx.pool.id,
    name: input.name ?? null,
    type,
    delay,
    timeout,
    max_retries: maxRetries,
    max_retries_down: input.max_retries_down ?? 3,
    http_method: http ? input.http_method || 'GET' : null,
    url_path: http ? input.url_path || '/' : null,
    expected_codes: http ? input.expected_codes || '200' : null,
    http_version: httpVersion,
    domain_name: domainName,
  };
}

/** Applies a health-monitor PUT (http_* null → defaults, max_retries_down null → 3), re-running the checks. Keeps statuses. */
export function applyHealthMonitorUpdate(
  stored: HealthMonitorRecord,
  patch: HealthMonitorUpdateInput,
  ctx: { now: string },
): HealthMonitorRecord {
  const http = isHttpType(stored.type);
  if (!http) {
    // Unlike create, any mention of these keys (even null) is refused on a PUT.
    for (const field of HTTP_ONLY_FIELDS) {
      if (patch[field] !== undefined) throw invalidOption(field, `health monitors of type ${stored.type}`);
    }
  }
  // Mandatory attributes cannot be cleared.
  if (patch.delay === null) throw invalidOption('None', 'delay');
  if (patch.max_retries === null) throw invalidOption('None', 'max_retries');
  if (patch.timeout === null) throw invalidOption('None', 'timeout');
  if (patch.delay !== undefined) checkUdpConnectDelay(stored.type, patch.delay);
  checkHttpFormats(patch);

  const domainName = putValue(patch.domain_name, stored.domain_name, null);
  const httpVersion = putValue(patch.http_version, stored.http_version, null);
  if (domainName && httpVersion === null) {
    throw validationFailure("'http_version' must be specified when 'domain_name' is provided.");
  }
  checkDomainHttpVersion(domainName, httpVersion);

  return {
    ...stored,
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
    updated_at: ctx.now,
    name: putValue(patch.name, stored.name, null),
    delay: patch.delay ?? stored.delay,
    timeout: patch.timeout ?? stored.timeout,
    max_retries: patch.max_retries ?? stored.max_retries,
    max_retries_down: putValue(patch.max_retries_down, stored.max_retries_down, 3),
    http_method: http ? putValue(patch.http_method, stored.http_method, 'GET') : null,
    url_path: http ? putValue(patch.url_path, stored.url_path, '/') : null,
    expected_codes: http ? putValue(patch.expected_codes, stored.expected_codes, '200') : null,
    http_version: httpVersion,
    domain_name: domainName,
  };
}

function isHttpType(type: HealthMonitorType): boolean {
  return type === 'HTTP' || type === 'HTTPS';
}

/** 400 when a UDP-CONNECT monitor probes more often than the deployment allows. */
function checkUdpConnectDelay(type: HealthMonitorType, delay: number): void {
  if (type === 'UDP-CONNECT' && delay < UDP_CONNECT_MIN_DELAY) {
    throw validationFailure(
      `The request delay value ${delay} should be larger than ${UDP_CONNECT_MIN_DELAY} for UDP-CONNECT health monitor type.`,
    );
  }
}

/** A domain-name check (Host header) needs HTTP/1.1. */
function checkDomainHttpVersion(domainName: string | null, httpVersion: number | null): void {
  if (domainName && httpVersion !== null && httpVersion < 1.1) {
    throw invalidOption(
      `http_version ${pythonFloat(httpVersion)}`,
      'health monitors HTTP 1.1 domain name health check',
    );
  }
}

/** Format checks of the WSME types (url_path, expected_codes, domain_name, http_version). */
function checkHttpFormats(input: HealthMonitorUpdateInput): void {
  if (input.url_path != null && !isUrlPath(input.url_path)) {
    throw invalidInput('url_path', input.url_path, 'Value must be a valid URL Path string');
  }
  if (input.expected_codes != null && !EXPECTED_CODES.test(input.expected_codes)) {
    throw invalidInput(
      'expected_codes',
      input.expected_codes,
      `Value should match the pattern ${EXPECTED_CODES_PATTERN}`,
    );
  }
  if (input.domain_name != null && !DOMAIN_NAME.test(input.domain_name)) {
    throw invalidInput(
      'domain_name',
      input.domain_name,
      `Value should match the pattern ${DOMAIN_NAME_PATTERN}`,
    );
  }
  if (input.http_version != null && input.http_version !== 1.0 && input.http_version !== 1.1) {
    throw invalidInput('http_version', input.http_version, 'Value should be one of: 1.0, 1.1');
  }
}

/**
 * Octavia's `validate.url_path`: an absolute path (query allowed), no scheme, no authority, no whitespace,
 * and RFC 3986 path characters.
 */
export function isUrlPath(value: string): boolean {
  if (!value.startsWith('/') || value.startsWith('//') || /\s/.test(value)) return false;
  const path = value.split(/[?#]/, 1)[0] ?? '';
  return PATH_CHARS.test(path);
}
