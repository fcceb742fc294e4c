import { DomainError } from '../errors/domain-error.js';
import type {
  L7CompareType,
  L7PolicyRecord,
  L7RuleRecord,
  ListenerRecord,
  PoolRecord,
} from '../model/records.js';
import { backendMode, backendName, type HaproxyMode } from './haproxy-backend.js';
import {
  cfgAclPattern,
  cfgCookieFetch,
  cfgDnFieldFetch,
  cfgHeaderFetch,
  cfgId,
  cfgInt,
  cfgRedirectTarget,
} from './haproxy-escape.js';

/*
 * L7 policies and rules of one listener (spec haproxy-mapping §1.7, §1.8). Every policy becomes one
 * `http-request` line after the ACLs of its rules, in `position` order. HAProxy runs `http-request` rules in
 * file order and stops at the first final one (deny, redirect), so REJECT and redirects obey `position`
 * among themselves; a REDIRECT_TO_POOL match only records the backend in `txn.l7pool` (not final), so every
 * later policy is guarded by "no pool chosen yet" and the first match wins across all action kinds. The
 * dynamic `use_backend` then switches to the chosen pool; no match leaves the request to `default_backend`.
 */

/** Octavia's `redirect_http_code` values; 302 when unset. */
const REDIRECT_CODES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const DEFAULT_REDIRECT_CODE = 302;
const POOL_VAR = 'txn.l7pool';
const NO_POOL_YET = `!{ var(${POOL_VAR}) -m found }`;
const L7_PROTOCOLS: ReadonlySet<string> = new Set(['HTTP', 'TERMINATED_HTTPS']);

/** What the frontend of one listener gets from its L7 policies. */
export interface ListenerL7 {
  /** Frontend lines (ACLs, http-request actions, the dynamic use_backend), to go before default_backend. */
  lines: string[];
  /** Pools that REDIRECT_TO_POOL policies send to (enabled, deduplicated, sorted by id). */
  redirectPools: PoolRecord[];
}

const MATCH: Readonly<Record<L7CompareType, string>> = {
  REGEX: '-m reg',
  STARTS_WITH: '-m beg',
  ENDS_WITH: '-m end',
  CONTAINS: '-m sub',
  EQUAL_TO: '-m str',
};

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function matchFlag(rule: L7RuleRecord): string {
  const flag = MATCH[rule.compare_type] as string | undefined;
  if (flag === undefined) {
    throw new DomainError('invalid', `Cannot render L7 compare_type ${String(rule.compare_type)}.`);
  }
  return flag;
}

function requiredKey(rule: L7RuleRecord): string {
  if (rule.key === null || rule.key === '') {
    throw new DomainError('invalid', `Cannot render L7 rule ${rule.id}: type ${rule.type} needs a key.`);
  }
  return rule.key;
}

/** `acl <rule_id> <fetch> [flags] -- <pattern>` (§1.7). */
export function aclLine(rule: L7RuleRecord): string {
  const id = cfgId(rule.id, 'l7rule id');
  const value = (fetchAndFlags: string): string =>
    `acl ${id} ${fetchAndFlags} ${cfgAclPattern(rule.value, 'l7rule value')}`;
  switch (rule.type) {
    case 'HOST_NAME':
      // The whole Host header, `:port` included, case-insensitively (Octavia).
      return value(`req.hdr(host) -i ${matchFlag(rule)}`);
    case 'PATH':
      return value(`path ${matchFlag(rule)}`);
    case 'FILE_TYPE':
      // Octavia omits `-m str` for EQUAL_TO, so `.jpg` is a suffix match through path_end's own method.
      return value(rule.compare_type === 'EQUAL_TO' ? 'path_end' : `path_end ${matchFlag(rule)}`);
    case 'HEADER':
      return value(`${cfgHeaderFetch(requiredKey(rule), 'l7rule key')} ${matchFlag(rule)}`);
    case 'COOKIE':
      return value(`${cfgCookieFetch('req.cook', requiredKey(rule), 'l7rule key')} ${matchFlag(rule)}`);
    case 'SSL_CONN_HAS_CERT':
      return `acl ${id} ssl_c_used`;
    case 'SSL_VERIFY_RESULT': {
      if (!/^[0-9]{1,10}$/.test(rule.value)) {
        throw new DomainError(
          'invalid',
          `Cannot render SSL_VERIFY_RESULT value ${JSON.stringify(rule.value)}.`,
        );
      }
      return `acl ${id} ssl_c_verify eq ${cfgInt(Number(rule.value), 'l7rule value', 0, 2_147_483_647)}`;
    }
    case 'SSL_DN_FIELD':
      return value(`${cfgDnFieldFetch(requiredKey(rule), 'l7rule key')} ${matchFlag(rule)}`);
    default:
      throw new DomainError('invalid', `Cannot render L7 rule type ${String(rule.type)}.`);
  }
}

function redirectCode(policy: L7PolicyRecord): string {
  const code = policy.redirect_http_code ?? DEFAULT_REDIRECT_CODE;
  if (!REDIRECT_CODES.has(code)) {
    throw new DomainError('invalid', `Cannot render redirect_http_code ${String(code)}.`);
  }
  return String(code);
}

function requiredTarget(value: string | null, field: string, policy: L7PolicyRecord): string {
  if (value === null || value === '') {
    throw new DomainError('invalid', `Cannot render L7 policy ${policy.id}: ${field} is missing.`);
  }
  return cfgRedirectTarget(value, field);
}

/**
 * The L7 lines of `listener`'s frontend: enabled policies with at least one enabled rule, by `position`
 * (then id); REDIRECT_TO_POOL policies whose pool is missing or disabled are skipped (Octavia omits them).
 */
export function renderListenerL7(
  listener: ListenerRecord,
  frontendMode: HaproxyMode,
  policies: readonly L7PolicyRecord[],
  rules: readonly L7RuleRecord[],
  pools: ReadonlyMap<string, PoolRecord>,
): ListenerL7 {
  if (!L7_PROTOCOLS.has(listener.protocol)) return { lines: [], redirectPools: [] };
  const mine = policies
    .filter((p) => p.listener_id === listener.id && p.admin_state_up)
    .sort((a, b) => (a.position !== b.position ? a.position - b.position : byId(a, b)));
  const lines: string[] = [];
  const redirectPools = new Map<string, PoolRecord>();
  for (const policy of mine) {
    const policyRules = rules.filter((r) => r.l7policy_id === policy.id && r.admin_state_up).sort(byId);
    if (policyRules.length === 0) continue;
    let action: string;
    switch (policy.action) {
      case 'REJECT':
        action = 'http-request deny';
        break;
      case 'REDIRECT_TO_URL':
        action = `http-request redirect location ${requiredTarget(policy.redirect_url, 'redirect_url', policy)} code ${redirectCode(policy)}`;
        break;
      case 'REDIRECT_PREFIX':
        action = `http-request redirect prefix ${requiredTarget(policy.redirect_prefix, 'redirect_prefix', policy)} code ${redirectCode(policy)}`;
        break;
      case 'REDIRECT_TO_POOL': {
        const pool = policy.redirect_pool_id === null ? undefined : pools.get(policy.redirect_pool_id);
        if (pool === undefined || !pool.admin_state_up) continue;
        // Fail before referencing a backend that could not be rendered (e.g. a TCP pool behind HTTP).
        backendMode(pool, frontendMode);
        redirectPools.set(pool.id, pool);
        action = `http-request set-var(${POOL_VAR}) str(${backendName(pool.id, listener.id)})`;
        break;
      }
      default:
        throw new DomainError('invalid', `Cannot render L7 policy action ${String(policy.action)}.`);
    }
    const conditions = policyRules.map((r) => `${r.invert ? '!' : ''}${cfgId(r.id, 'l7rule id')}`);
    // Only needed once a pool may have been chosen by an earlier policy.
    const guard = lines.some((l) => l.startsWith(`http-request set-var(${POOL_VAR})`)) ? [NO_POOL_YET] : [];
    lines.push(...policyRules.map(aclLine), [action, 'if', ...conditions, ...guard].join(' '));
  }
  if (redirectPools.size > 0) lines.push(`use_backend %[var(${POOL_VAR})] if { var(${POOL_VAR}) -m found }`);
  return { lines, redirectPools: [...redirectPools.values()].sort(byId) };
}
