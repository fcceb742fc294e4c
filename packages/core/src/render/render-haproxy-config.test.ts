import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import type { ListenerProtocol } from '../model/records.js';
import { expectLine } from './haproxy-health-check.js';
import { stableServerIds } from './haproxy-server-ids.js';
import { GOLDEN_ENV, desired, listener, member, monitor, pool, uuid } from './render-fixtures.js';
import { renderHaproxyConfig } from './render-haproxy-config.js';

const render = (state = desired({})): string => renderHaproxyConfig(state, GOLDEN_ENV);
const kind = (k: string) => (e: unknown) => e instanceof DomainError && e.kind === k;

test('unserved listener protocols are not_implemented, unless disabled', () => {
  for (const protocol of ['UDP', 'SCTP', 'PROMETHEUS'] as ListenerProtocol[]) {
    assert.throws(() => render(desired({ listeners: [listener(1, { protocol })] })), kind('not_implemented'));
    assert.doesNotThrow(() =>
      render(desired({ listeners: [listener(1, { protocol, admin_state_up: false })] })),
    );
  }
});

test('global carries runDir files, maxconn and no pidfile/master socket/user', () => {
  const cfg = render(desired({}));
  assert.match(cfg, /^ {4}stats socket \/var\/lib\/lbaas\/lb\/[^ ]+\/haproxy\.sock mode 600 level admin$/m);
  assert.match(cfg, /^ {4}server-state-file \/var\/lib\/lbaas\/lb\/[^ ]+\/server-state$/m);
  assert.match(cfg, /^ {4}maxconn 50000$/m);
  assert.match(cfg, /^ {4}load-server-state-from-file global$/m);
  assert.doesNotMatch(cfg, /pidfile|master|^\s*(user|group|daemon)\b|expose-fd|external-check/m);
});

test('names and descriptions never reach the config', () => {
  const cfg = render(
    desired({ listeners: [listener(1, { name: 'evil\nname', description: '# x' })], pools: [pool(1)] }),
  );
  assert.doesNotMatch(cfg, /evil|not rendered|ignored/);
});

test('a disabled pool is not rendered and gets no default_backend', () => {
  const cfg = render(
    desired({ listeners: [listener(1)], pools: [pool(1, { admin_state_up: false })], members: [member(1)] }),
  );
  assert.doesNotMatch(cfg, /default_backend|^backend/m);
  assert.match(cfg, /^frontend /m);
});

test('a disabled monitor renders no checks and no monitor address', () => {
  const cfg = render(
    desired({
      listeners: [listener(1)],
      pools: [pool(1)],
      members: [member(1, { monitor_address: '10.9.9.9', monitor_port: 99 })],
      healthMonitors: [monitor(1, { admin_state_up: false })],
    }),
  );
  assert.doesNotMatch(cfg, /check|addr 10\.9\.9\.9/);
});

test('an HTTP listener cannot forward to a tcp-mode pool', () => {
  assert.throws(
    () => render(desired({ listeners: [listener(1)], pools: [pool(1, { protocol: 'TCP' })] })),
    kind('invalid'),
  );
});

test('bad ids, addresses and cookie names are invalid, never rendered; odd cookie names are quoted', () => {
  const base = { listeners: [listener(1)], pools: [pool(1)] };
  assert.throws(() => render(desired({ ...base, members: [member(1, { id: 'm 1' })] })), kind('invalid'));
  assert.throws(
    () => render(desired({ ...base, members: [member(1, { address: '10.0.0.1#' })] })),
    kind('invalid'),
  );
  const app = (cookie_name: string) =>
    desired({
      listeners: [listener(1)],
      pools: [
        pool(1, {
          session_persistence: {
            type: 'APP_COOKIE',
            cookie_name,
            persistence_timeout: null,
            persistence_granularity: null,
          },
        }),
      ],
    });
  assert.throws(() => render(app('a)b')), kind('invalid'));
  assert.throws(() => render(app("a'b")), kind('invalid'));
  // `#` is safe once quoted (Octavia writes it bare, and its HAProxy then reads a comment).
  assert.match(render(app('a#b')), /^ {4}stick match "req\.cook\(a#b\)"$/m);
  assert.throws(
    () => render(desired({ ...base, listeners: [listener(1, { allowed_cidrs: ['10.0.0.0/8 }'] })] })),
    kind('invalid'),
  );
});

test('expected codes: single → status, list and range → anchored sorted regex', () => {
  assert.equal(expectLine('200'), 'http-check expect status 200');
  assert.equal(expectLine('302, 200,200'), 'http-check expect rstatus "^(200|302)\\$"');
  assert.equal(expectLine('200-202'), 'http-check expect rstatus "^(200|201|202)\\$"');
  assert.throws(() => expectLine('202-200'), kind('invalid'));
  assert.throws(() => expectLine('200|500'), kind('invalid'));
});

test('HTTP/1.0 and unversioned checks send no Host header', () => {
  const hm = (http_version: number | null) =>
    render(
      desired({
        listeners: [listener(1)],
        pools: [pool(1)],
        members: [member(1)],
        healthMonitors: [monitor(1, { http_version })],
      }),
    );
  assert.match(hm(1.0), /http-check send meth GET uri \/healthz ver HTTP\/1\.0$/m);
  assert.match(hm(null), /http-check send meth GET uri \/healthz$/m);
  assert.match(hm(1.1), /ver HTTP\/1\.1 hdr Host app\.example\.com$/m);
});

test('server ids are stable when members come and go', () => {
  const ids = [1, 2, 3, 4, 5].map((n) => uuid('m', n));
  const all = stableServerIds(ids);
  const some = stableServerIds([ids[4] ?? '', ids[1] ?? '']);
  assert.equal(some.get(ids[1] ?? ''), all.get(ids[1] ?? ''));
  assert.equal(some.get(ids[4] ?? ''), all.get(ids[4] ?? ''));
  assert.equal(new Set(all.values()).size, ids.length);
  for (const id of all.values()) assert.ok(id >= 1 && id <= 2_147_483_647);
});

test('IPv6 VIPs switch SOURCE_IP stick tables to ipv6', () => {
  const sp = {
    type: 'SOURCE_IP',
    cookie_name: null,
    persistence_timeout: null,
    persistence_granularity: null,
  } as const;
  const v4 = desired({ listeners: [listener(1)], pools: [pool(1, { session_persistence: sp })] });
  assert.match(render(v4), /stick-table type ip size 10k/);
  const v6 = desired({
    listeners: [listener(1)],
    pools: [pool(1, { session_persistence: sp })],
    loadBalancer: { ...desired({}).loadBalancer, vip_address: '2001:db8::1' },
  });
  assert.match(render(v6), /stick-table type ipv6 size 10k/);
  assert.match(render(v6), /bind 2001:db8::1:80$/m);
});
