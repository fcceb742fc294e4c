import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TestServer } from '../test-support/test-server.js';
import {
  API,
  DEFAULT_PROJECT,
  TIMESTAMP,
  UUID,
  activeStack,
  arr,
  assertView,
  createOne,
  expectFault,
  expectStatus,
  getOne,
  holdReconciler,
  memberOf,
  str,
  withServer,
  type Wire,
} from './api-fixtures.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const err = (msg: string): string => `Error parsing L7Rule: ${msg}`;
const rule = (msg: string): string => err(`Invalid L7 Rule: ${msg}`);

async function activePolicy(
  s: TestServer,
  headers: Record<string, string> = {},
): Promise<{ lbId: string; listenerId: string; policyId: string }> {
  const { lbId, listenerId } = await activeStack(s, headers);
  const p = await createOne(
    s,
    'l7policies',
    'l7policy',
    { listener_id: listenerId, action: 'REJECT' },
    headers,
  );
  await s.settle();
  return { lbId, listenerId, policyId: str(p, 'id') };
}

test('POST rule: 201 view with key `rule`; LB, listener and policy PENDING_UPDATE; then ACTIVE/ONLINE', async () => {
  await withServer(async (s) => {
    const { lbId, listenerId, policyId } = await activePolicy(s);
    const release = holdReconciler(s);
    const r = await createOne(s, `l7policies/${policyId}/rules`, 'rule', {
      type: 'HEADER',
      compare_type: 'EQUAL_TO',
      key: 'X-Env',
      value: 'prod',
      tags: ['t'],
    });
    assertView(r, {
      id: UUID,
      type: 'HEADER',
      compare_type: 'EQUAL_TO',
      key: 'X-Env',
      value: 'prod',
      invert: false,
      provisioning_status: 'PENDING_CREATE',
      operating_status: 'OFFLINE',
      created_at: TIMESTAMP,
      updated_at: null,
      project_id: DEFAULT_PROJECT,
      tenant_id: DEFAULT_PROJECT,
      admin_state_up: true,
      tags: ['t'],
    });
    for (const [path, key] of [
      [`l7policies/${policyId}`, 'l7policy'],
      [`listeners/${listenerId}`, 'listener'],
      [`loadbalancers/${lbId}`, 'loadbalancer'],
    ] as const) {
      assert.equal((await getOne(s, path, key)).provisioning_status, 'PENDING_UPDATE', path);
    }
    expectFault(
      await s.json('POST', `${API}/l7policies/${policyId}/rules`, {
        rule: { type: 'PATH', compare_type: 'EQUAL_TO', value: '/' },
      }),
      409,
      `L7Policy ${policyId} is immutable and cannot be updated.`,
    );
    release();
    await s.settle();
    const got = await getOne(s, `l7policies/${policyId}/rules/${str(r, 'id')}`, 'rule');
    assert.deepEqual([got.provisioning_status, got.operating_status], ['ACTIVE', 'ONLINE']);
    assert.deepEqual((await getOne(s, `l7policies/${policyId}`, 'l7policy')).rules, [{ id: r.id }]);
    const list = expectStatus(await s.json('GET', `${API}/l7policies/${policyId}/rules`), 200);
    assert.deepEqual(list.rules, [got]);
    assert.deepEqual(list.rules_links, []);
    // The wrapper key must be `rule`.
    assert.equal(
      (
        await s.json('POST', `${API}/l7policies/${policyId}/rules`, {
          l7rule: { type: 'PATH', compare_type: 'EQUAL_TO', value: '/' },
        })
      ).status,
      400,
    );
    expectFault(
      await s.json('GET', `${API}/l7policies/${MISSING}/rules`),
      404,
      `L7Policy ${MISSING} not found.`,
    );
    expectFault(
      await s.json('GET', `${API}/l7policies/${policyId}/rules/${MISSING}`),
      404,
      `L7 Rule ${MISSING} not found.`,
    );
  });
});

test('§5.5 matrix: every message', async () => {
  await withServer(async (s) => {
    const { policyId } = await activePolicy(s);
    const post = (body: Wire) => s.json('POST', `${API}/l7policies/${policyId}/rules`, { rule: body });
    const cases: [Wire, string][] = [
      [{ type: 'PATH', compare_type: 'EQUAL_TO', value: '' }, rule('L7 rule type requires a value')],
      [{ type: 'HEADER', compare_type: 'EQUAL_TO', value: 'v' }, rule('L7 rule type requires a key')],
      [{ type: 'COOKIE', compare_type: 'EQUAL_TO', value: 'v' }, rule('L7 rule type requires a key')],
      [
        { type: 'HEADER', compare_type: 'EQUAL_TO', key: 'bad key', value: 'v' },
        err('Invalid characters in key'),
      ],
      [
        { type: 'HEADER', compare_type: 'EQUAL_TO', key: 'k', value: 'a b' },
        err('Invalid characters in header value'),
      ],
      [
        { type: 'COOKIE', compare_type: 'EQUAL_TO', key: 'k', value: 'a;b' },
        err('Invalid characters in cookie value'),
      ],
      [
        { type: 'PATH', compare_type: 'CONTAINS', value: 'a b' },
        err('Invalid characters in comparison value'),
      ],
      [
        { type: 'FILE_TYPE', compare_type: 'STARTS_WITH', value: 'jpg' },
        rule('invalid comparison type for rule type'),
      ],
      [
        { type: 'SSL_CONN_HAS_CERT', compare_type: 'EQUAL_TO', key: 'k', value: 'true' },
        rule('L7rule type SSL_CONN_HAS_CERT does not use the "key" field.'),
      ],
      [
        { type: 'SSL_CONN_HAS_CERT', compare_type: 'EQUAL_TO', value: 'yes' },
        rule('L7rule value yes is not a boolean True string.'),
      ],
      [
        { type: 'SSL_CONN_HAS_CERT', compare_type: 'REGEX', value: 'True' },
        rule('L7rule type SSL_CONN_HAS_CERT only supports the EQUAL_TO compare type.'),
      ],
      [
        { type: 'SSL_VERIFY_RESULT', compare_type: 'EQUAL_TO', value: '-1' },
        rule('L7rule type SSL_VERIFY_RESULT needs a int value, which is >= 0'),
      ],
      [
        { type: 'SSL_VERIFY_RESULT', compare_type: 'CONTAINS', value: '1' },
        rule('L7rule type SSL_VERIFY_RESULT only supports the EQUAL_TO compare type.'),
      ],
      [
        { type: 'SSL_DN_FIELD', compare_type: 'EQUAL_TO', value: 'x' },
        rule('L7rule type SSL_DN_FIELD needs to specify a key and a value.'),
      ],
      [
        { type: 'SSL_DN_FIELD', compare_type: 'EQUAL_TO', key: '1CN', value: 'x' },
        rule('Invalid L7rule distinguished name field.'),
      ],
    ];
    for (const [body, message] of cases) expectFault(await post(body), 400, message);
    const bad = expectStatus(await post({ type: 'PATH', compare_type: 'REGEX', value: '([a-z' }), 400);
    assert.match(String(bad.faultstring), /^Error parsing L7Rule: Unable to parse regular expression: /);
    assert.equal((await post({ type: 'PATH', compare_type: 'EQUAL_TO', value: 'a\nb' })).status, 400);
    assert.equal((await post({ type: 'BOGUS', compare_type: 'EQUAL_TO', value: 'a' })).status, 400);
    // Valid ones; key is not kept for HOST_NAME/PATH/FILE_TYPE.
    const ok: Wire[] = [
      { type: 'HOST_NAME', compare_type: 'ENDS_WITH', value: '.example.com', key: 'ignored' },
      { type: 'PATH', compare_type: 'REGEX', value: '^/api/(v1|v2)' },
      { type: 'FILE_TYPE', compare_type: 'EQUAL_TO', value: 'jpg' },
      { type: 'HEADER', compare_type: 'EQUAL_TO', key: 'X-A', value: '"a b"' },
      { type: 'COOKIE', compare_type: 'CONTAINS', key: 'sid', value: 'abc' },
      { type: 'SSL_CONN_HAS_CERT', compare_type: 'EQUAL_TO', value: 'TRUE' },
      { type: 'SSL_VERIFY_RESULT', compare_type: 'EQUAL_TO', value: '0' },
      { type: 'SSL_DN_FIELD', compare_type: 'STARTS_WITH', key: 'CN', value: 'abc', invert: true },
    ];
    for (const body of ok) {
      const r = expectStatus(await post(body), 201).rule as Wire;
      if (['HOST_NAME', 'PATH', 'FILE_TYPE'].includes(String(body.type))) assert.equal(r.key, null);
      await s.settle();
    }
  });
});

test('PUT rule: merged re-validation, key cleared for keyless types, invert null → false', async () => {
  await withServer(async (s) => {
    const { policyId } = await activePolicy(s);
    const r = await createOne(s, `l7policies/${policyId}/rules`, 'rule', {
      type: 'HEADER',
      compare_type: 'EQUAL_TO',
      key: 'X-A',
      value: 'v',
      invert: true,
    });
    await s.settle();
    const url = `${API}/l7policies/${policyId}/rules/${str(r, 'id')}`;
    expectFault(
      await s.json('PUT', url, { rule: { value: 'a b' } }),
      400,
      err('Invalid characters in header value'),
    );
    const release = holdReconciler(s);
    let v = expectStatus(await s.json('PUT', url, { rule: { type: 'PATH', invert: null } }), 200)
      .rule as Wire;
    assert.deepEqual(
      [v.type, v.key, v.value, v.invert, v.provisioning_status],
      ['PATH', null, 'v', false, 'PENDING_UPDATE'],
    );
    assert.equal(
      (await getOne(s, `l7policies/${policyId}`, 'l7policy')).provisioning_status,
      'PENDING_UPDATE',
    );
    release();
    await s.settle();
    v = await getOne(s, `l7policies/${policyId}/rules/${str(r, 'id')}`, 'rule');
    assert.equal(v.provisioning_status, 'ACTIVE');
    assert.equal((await s.request('DELETE', url)).statusCode, 204);
    await s.settle();
    expectFault(await s.json('GET', url), 404, `L7 Rule ${str(r, 'id')} not found.`);
    assert.deepEqual((await getOne(s, `l7policies/${policyId}`, 'l7policy')).rules, []);
  });
});

test('at most 50 rules per policy (409), quota l7rule (403), RBAC across projects, list filters', async () => {
  await withServer(async (s) => {
    const h1 = memberOf('p1');
    const { policyId } = await activePolicy(s, h1);
    // 50 rules in one policy create-with-rules is fine; the 51st rule is a 409.
    const { listenerId } = await activePolicy(s, h1);
    const rules = Array.from({ length: 50 }, (_, i) => ({
      type: 'PATH',
      compare_type: 'EQUAL_TO',
      value: `/p${i}`,
    }));
    const big = await createOne(
      s,
      'l7policies',
      'l7policy',
      { listener_id: listenerId, action: 'REJECT', rules },
      h1,
    );
    await s.settle();
    assert.equal((big.rules as Wire[]).length, 50);
    expectFault(
      await s.json(
        'POST',
        `${API}/l7policies/${str(big, 'id')}/rules`,
        { rule: { type: 'PATH', compare_type: 'EQUAL_TO', value: '/x' } },
        h1,
      ),
      409,
      `Too many rules on L7 policy ${str(big, 'id')}`,
    );
    expectStatus(await s.json('PUT', `${API}/quotas/p1`, { quota: { l7rule: 51 } }), 202);
    await createOne(
      s,
      `l7policies/${policyId}/rules`,
      'rule',
      { type: 'PATH', compare_type: 'EQUAL_TO', value: '/a', invert: true },
      h1,
    );
    await s.settle();
    expectFault(
      await s.json(
        'POST',
        `${API}/l7policies/${policyId}/rules`,
        { rule: { type: 'PATH', compare_type: 'EQUAL_TO', value: '/b' } },
        h1,
      ),
      403,
      'Quota has been met for resources: L7 Rule',
    );
    const h2 = memberOf('p2');
    expectFault(
      await s.json('GET', `${API}/l7policies/${policyId}/rules`, undefined, h2),
      403,
      'Policy does not allow this request to be performed.',
    );
    expectFault(
      await s.json(
        'POST',
        `${API}/l7policies/${policyId}/rules`,
        { rule: { type: 'PATH', compare_type: 'EQUAL_TO', value: '/b' } },
        h2,
      ),
      403,
      'Policy does not allow this request to be performed.',
    );
    const filtered = arr(
      expectStatus(
        await s.json('GET', `${API}/l7policies/${str(big, 'id')}/rules?value=/p7`, undefined, h1),
        200,
      ),
      'rules',
    );
    assert.equal(filtered.length, 1);
    const inverted = arr(
      expectStatus(
        await s.json('GET', `${API}/l7policies/${policyId}/rules?invert=true`, undefined, h1),
        200,
      ),
      'rules',
    );
    assert.equal(inverted.length, 1);
  });
});
