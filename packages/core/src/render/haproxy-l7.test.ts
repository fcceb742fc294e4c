import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import type { L7PolicyRecord, L7RuleRecord } from '../model/records.js';
import { haproxyWords } from './render-fuzz-fixtures.js';
import { GOLDEN_ENV, desired, listener, pool, policy, rule, uuid } from './render-fixtures.js';
import { renderHaproxyConfig } from './render-haproxy-config.js';

const kind = (k: string) => (e: unknown) => e instanceof DomainError && e.kind === k;

function render(policies: L7PolicyRecord[], rules: L7RuleRecord[], over = {}): string {
  return renderHaproxyConfig(
    desired({
      listeners: [listener(1)],
      pools: [pool(1), pool(2)],
      l7Policies: policies,
      l7Rules: rules,
      ...over,
    }),
    GOLDEN_ENV,
  );
}

/** The http-request / use_backend lines of the frontend, ids shortened to r<n>. */
function actions(cfg: string): string[] {
  return cfg
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('http-request') || l.startsWith('use_backend'))
    .map((l) => l.replace(/8a7b6c5d-(\d{4})-4000-8000-\d{12}/g, (_m, n: string) => `r${Number(n)}`));
}

test('policies follow position across action kinds; a chosen pool guards every later policy', () => {
  const cfg = render(
    [
      policy(3, { action: 'REDIRECT_TO_URL', redirect_url: 'https://a.example/' }),
      policy(1, { action: 'REJECT' }),
      policy(2, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
    ],
    [rule(1, 1), rule(2, 2, { invert: true }), rule(3, 3), rule(4, 3)],
  );
  const pool2 = `${uuid('p', 2)}:${uuid('l', 1)}`;
  assert.deepEqual(actions(cfg), [
    'http-request deny if r1',
    `http-request set-var(txn.l7pool) str(${pool2}) if !r2`,
    'http-request redirect location https://a.example/ code 302 if r3 r4 !{ var(txn.l7pool) -m found }',
    'use_backend %[var(txn.l7pool)] if { var(txn.l7pool) -m found }',
  ]);
  // The redirect pool is not a default pool, yet it gets its backend; the default pool too.
  assert.match(cfg, new RegExp(`^backend ${pool2}$`, 'm'));
  assert.match(cfg, new RegExp(`^backend ${uuid('p', 1)}:${uuid('l', 1)}$`, 'm'));
  // ACLs come right before their policy's action.
  const lines = cfg.split('\n').map((l) => l.trim());
  const deny = lines.indexOf(`http-request deny if ${uuid('r', 1)}`);
  assert.ok(lines[deny - 1]?.startsWith(`acl ${uuid('r', 1)} path -m beg -- /x`));
});

test('equal positions fall back to id order; disabled policies, rules and pools are left out', () => {
  const cfg = render(
    [
      policy(2, { position: 1 }),
      policy(1, { position: 1, action: 'REDIRECT_PREFIX', redirect_prefix: '/p' }),
      policy(3, { admin_state_up: false }),
      policy(4),
      policy(5, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 3) }),
      policy(6, { action: 'REDIRECT_TO_POOL', redirect_pool_id: null }),
    ],
    [rule(1, 1), rule(2, 2), rule(3, 3), rule(4, 4, { admin_state_up: false }), rule(5, 5), rule(6, 6)],
    { pools: [pool(1), pool(3, { admin_state_up: false })] },
  );
  assert.deepEqual(actions(cfg), [
    'http-request redirect prefix /p code 302 if r1',
    'http-request deny if r2',
  ]);
  assert.doesNotMatch(cfg, /f1e2d3c4-0003|r3|8a7b6c5d-0004|use_backend/);
});

test('policies of TCP listeners and of other listeners are ignored; no policy keeps the old output', () => {
  const base = desired({ listeners: [listener(1)], pools: [pool(1)] });
  const plain = renderHaproxyConfig(base, GOLDEN_ENV);
  assert.equal(render([policy(1, { listener_id: uuid('l', 2) })], [rule(1, 1)], { pools: [pool(1)] }), plain);
  const tcp = desired({
    listeners: [listener(1, { protocol: 'TCP' })],
    pools: [pool(1, { protocol: 'TCP' })],
    l7Policies: [policy(1)],
    l7Rules: [rule(1, 1)],
  });
  assert.doesNotMatch(renderHaproxyConfig(tcp, GOLDEN_ENV), /acl|http-request/);
});

test('hostile rule values and redirect targets keep their line shape and read back intact', () => {
  const values = ['a#b', 'a b', '"x"', '\\', '%[src]', '${HOME}', 'é€😀', '-m', "'q'"];
  values.forEach((value, i) => {
    const cfg = render(
      [
        policy(1, {
          action: 'REDIRECT_TO_URL',
          redirect_url: `https://x.example/${value.replace(/ /g, '')}`,
        }),
      ],
      [rule(1, 1, { type: 'HEADER', compare_type: 'EQUAL_TO', key: 'X-K#$', value })],
    );
    const acl = cfg
      .split('\n')
      .map(haproxyWords)
      .find((w) => w[0] === 'acl');
    assert.deepEqual(acl, ['acl', uuid('r', 1), 'req.hdr(X-K#$)', '-m', 'str', '--', value], `case ${i}`);
    const redirect = cfg
      .split('\n')
      .map(haproxyWords)
      .find((w) => w[0] === 'http-request');
    assert.equal(redirect?.length, 8, `case ${i}: ${redirect?.join(' | ')}`);
    assert.equal(
      redirect?.[3]?.replace(/%%/g, '%'),
      `https://x.example/${value.replace(/ /g, '')}`,
      `case ${i}`,
    );
  });
});

test('values that cannot be represented are invalid, never rendered', () => {
  const bad: [Partial<L7PolicyRecord>, Partial<L7RuleRecord>][] = [
    [{}, { value: 'a\nb' }],
    [{}, { value: '' }],
    [{}, { type: 'HEADER', key: null }],
    [{}, { type: 'HEADER', key: 'a,b' }],
    [{}, { type: 'HEADER', key: 'a(b' }],
    [{}, { type: 'COOKIE', key: 'a b' }],
    [{}, { type: 'SSL_DN_FIELD', key: 'C N' }],
    [{}, { type: 'SSL_VERIFY_RESULT', compare_type: 'EQUAL_TO', value: '0 || 1' }],
    [{ action: 'REDIRECT_TO_URL', redirect_url: null }, {}],
    [{ action: 'REDIRECT_TO_URL', redirect_url: 'https://x/a b' }, {}],
    [{ action: 'REDIRECT_PREFIX', redirect_prefix: 'https://x', redirect_http_code: 200 }, {}],
  ];
  for (const [p, r] of bad) {
    assert.throws(() => render([policy(1, p)], [rule(1, 1, r)]), kind('invalid'), JSON.stringify([p, r]));
  }
  // A TCP pool behind an HTTP listener cannot be a redirect target.
  assert.throws(
    () =>
      render([policy(1, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) })], [rule(1, 1)], {
        pools: [pool(1), pool(2, { protocol: 'TCP' })],
      }),
    kind('invalid'),
  );
});

test('SSL rules map to ssl_c_* fetches', () => {
  const cfg = render(
    [policy(1)],
    [
      rule(1, 1, { type: 'SSL_CONN_HAS_CERT', compare_type: 'EQUAL_TO', value: 'TRUE', invert: true }),
      rule(2, 1, { type: 'SSL_VERIFY_RESULT', compare_type: 'EQUAL_TO', value: '19' }),
      rule(3, 1, { type: 'SSL_DN_FIELD', compare_type: 'CONTAINS', key: 'OU', value: 'ops' }),
    ],
  );
  assert.match(cfg, new RegExp(`acl ${uuid('r', 1)} ssl_c_used$`, 'm'));
  assert.match(cfg, new RegExp(`acl ${uuid('r', 2)} ssl_c_verify eq 19$`, 'm'));
  assert.match(cfg, new RegExp(`acl ${uuid('r', 3)} ssl_c_s_dn\\(OU\\) -m sub -- ops$`, 'm'));
  assert.deepEqual(actions(cfg), ['http-request deny if !r1 r2 r3']);
});
