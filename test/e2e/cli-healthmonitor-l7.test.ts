// `lbaas loadbalancer healthmonitor|l7policy|l7rule …` (the python-octaviaclient command tree) run as a
// subprocess against a real `lbaas server` (noauth, noop driver with a delay so `--wait` really waits), with
// DIFFERENTIAL checks against the real `openstack` CLI where it is installed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasApi } from '../support/lbaas-api.js';
import { LbaasProcess } from '../support/lbaas-process.js';
import { assertSameAsOpenstack } from '../support/openstack-diff.js';

// Rows and columns of shared/spec/octavia-api.md §9.2.
const MONITOR_ROWS = [
  'project_id',
  'name',
  'admin_state_up',
  'pools',
  'created_at',
  'provisioning_status',
  'updated_at',
  'delay',
  'expected_codes',
  'max_retries',
  'http_method',
  'timeout',
  'max_retries_down',
  'url_path',
  'type',
  'id',
  'operating_status',
  'http_version',
  'domain_name',
  'tags',
];
const MONITOR_COLUMNS = ['id', 'name', 'project_id', 'type', 'admin_state_up'];
const L7POLICY_ROWS = [
  'listener_id',
  'description',
  'admin_state_up',
  'rules',
  'project_id',
  'created_at',
  'provisioning_status',
  'updated_at',
  'redirect_pool_id',
  'redirect_url',
  'redirect_prefix',
  'action',
  'position',
  'id',
  'operating_status',
  'name',
  'redirect_http_code',
  'tags',
];
const L7POLICY_COLUMNS = [
  'id',
  'name',
  'project_id',
  'provisioning_status',
  'action',
  'position',
  'admin_state_up',
];
const L7RULE_ROWS = [
  'created_at',
  'compare_type',
  'provisioning_status',
  'invert',
  'admin_state_up',
  'updated_at',
  'value',
  'key',
  'project_id',
  'type',
  'id',
  'operating_status',
  'tags',
];
const L7RULE_COLUMNS = [
  'id',
  'project_id',
  'provisioning_status',
  'compare_type',
  'type',
  'key',
  'value',
  'invert',
  'admin_state_up',
];

type Obj = Record<string, unknown>;

let server: LbaasProcess;
let api: LbaasApi;
let env: Record<string, string>;
let lbId: string;
const pools: Record<string, string> = {};

before(async () => {
  server = await LbaasProcess.start({
    LBAAS_AUTH: 'noauth',
    LBAAS_DRIVER: 'noop',
    LBAAS_NOOP_DELAY_MS: '300',
    LBAAS_RESYNC_INTERVAL_MS: '1000',
  });
  env = noauthEnv(server.url);
  api = new LbaasApi(server.url, () => server.logs.slice(-20).join('\n'));
  const lb = await api.createLoadBalancer({
    name: 'lb1',
    listeners: [
      {
        name: 'l1',
        protocol: 'HTTP',
        protocol_port: 80,
        default_pool: { name: 'p1', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
      },
    ],
  });
  lbId = lb.id;
  for (const name of ['p2', 'p3']) {
    const body = await api.ok('POST', '/pools', {
      pool: { name, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', loadbalancer_id: lbId },
    });
    pools[name] = (body.pool as { id: string }).id;
    await api.waitActive(lbId);
  }
  const p1 = (await api.ok('GET', '/pools?name=p1')).pools as { id: string }[];
  pools['p1'] = p1[0]!.id;
});

after(async () => {
  await server?.stop();
});

/** Runs `lbaas …` expecting a failure: the exit code and stderr (one line, no stack trace). */
async function fails(args: string[], status: number, message: string | RegExp): Promise<void> {
  const r = await runLbaas(args, env);
  assert.equal(r.status, status, `lbaas ${args.join(' ')}: ${r.stderr}`);
  if (typeof message === 'string') assert.ok(r.stderr.includes(message), `stderr: ${r.stderr}`);
  else assert.match(r.stderr, message);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(r.stdout, '');
}

async function lbStatus(): Promise<string> {
  return ((await api.ok('GET', `/loadbalancers/${lbId}`)).loadbalancer as Obj).provisioning_status as string;
}

test('loadbalancer healthmonitor: create/list/show/set/unset/delete, lookups, validation, --wait', async () => {
  const hm = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'healthmonitor',
      'create',
      'p1',
      '--name',
      'hm1',
      '--delay',
      '5',
      '--timeout',
      '3',
      '--max-retries',
      '3',
      '--type',
      'http',
      '--http-method',
      'get',
      '--http-version',
      '1.1',
      '--url-path',
      '/health',
      '--expected-codes',
      '200',
      '--domain-name',
      'example.com',
      '--tag',
      'a',
      '--wait',
    ],
    env,
  );
  assert.deepEqual(Object.keys(hm), MONITOR_ROWS);
  assert.equal(hm.provisioning_status, 'ACTIVE');
  assert.equal(await lbStatus(), 'ACTIVE');
  assert.equal(hm.pools, pools['p1']);
  assert.equal(hm.type, 'HTTP');
  assert.equal(hm.http_method, 'GET');
  assert.equal(hm.http_version, 1.1);
  assert.equal(hm.delay, 5);
  assert.equal(hm.timeout, 3);
  assert.equal(hm.tags, 'a');
  assert.equal(hm.admin_state_up, true);
  const id = String(hm.id);

  const list = await lbaasJson<Obj[]>(['loadbalancer', 'healthmonitor', 'list'], env);
  assert.deepEqual(Object.keys(list[0]!), MONITOR_COLUMNS);
  assert.deepEqual(
    list.map((r) => [r.id, r.name, r.type, r.admin_state_up]),
    [[id, 'hm1', 'HTTP', true]],
  );
  assert.equal(
    await lbaasOk(['loadbalancer', 'healthmonitor', 'list', '-f', 'value', '-c', 'id'], env),
    `${id}\n`,
  );
  assert.deepEqual(
    await lbaasJson(['loadbalancer', 'healthmonitor', 'list', '--tags', 'a', '-c', 'name'], env),
    [{ name: 'hm1' }],
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'healthmonitor', 'list', '--not-tags', 'a'], env), []);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'healthmonitor', 'show', 'hm1'], env), hm);
  assert.deepEqual(
    await lbaasJson(['loadbalancer', 'healthmonitor', 'show', id, '-c', 'delay', '-c', 'name'], env),
    { name: 'hm1', delay: 5 },
  );
  assert.equal(
    await lbaasOk(['loadbalancer', 'healthmonitor', 'show', id, '-f', 'value', '-c', 'url_path'], env),
    '/health\n',
  );

  // set waits on the health monitor itself; --timeout is the monitor's, not --wait's.
  await lbaasOk(
    [
      'loadbalancer',
      'healthmonitor',
      'set',
      'hm1',
      '--name',
      'hm1b',
      '--delay',
      '7',
      '--timeout',
      '4',
      '--max-retries-down',
      '4',
      '--disable',
      '--tag',
      'b',
      '--wait',
    ],
    env,
  );
  let shown = await lbaasJson<Obj>(['loadbalancer', 'healthmonitor', 'show', id], env);
  assert.equal(shown.provisioning_status, 'ACTIVE');
  assert.deepEqual(
    [shown.name, shown.delay, shown.timeout, shown.max_retries_down, shown.admin_state_up],
    ['hm1b', 7, 4, 4, false],
  );
  assert.deepEqual(String(shown.tags).split('\n').sort(), ['a', 'b']);

  await lbaasOk(
    [
      'loadbalancer',
      'healthmonitor',
      'unset',
      id,
      '--url-path',
      '--domain-name',
      '--http-method',
      '--tag',
      'a',
      '--wait',
    ],
    env,
  );
  shown = await lbaasJson<Obj>(['loadbalancer', 'healthmonitor', 'show', id], env);
  assert.equal(shown.url_path, '/');
  assert.equal(shown.domain_name, null);
  assert.equal(shown.http_method, 'GET');
  assert.equal(shown.tags, 'b');
  // Nothing to unset: no request at all.
  assert.equal(await lbaasOk(['loadbalancer', 'healthmonitor', 'unset', 'no-such-monitor'], env), '');

  // Client-side validation (argparse's texts, exit 2) and octaviaclient's own checks.
  const base = [
    'loadbalancer',
    'healthmonitor',
    'create',
    'p2',
    '--delay',
    '5',
    '--timeout',
    '3',
    '--type',
    'TCP',
  ];
  await Promise.all([
    fails(
      [...base, '--max-retries', '10'],
      2,
      'argument --max-retries: invalid choice: 10 (choose from 1, 2, 3, 4, 5, 6, 7, 8, 9)',
    ),
    fails([...base, '--max-retries', 'x'], 2, "argument --max-retries: invalid int value: 'x'"),
    fails(
      [...base, '--max-retries', '3', '--max-retries-down', '0'],
      2,
      'argument --max-retries-down: invalid choice: 0',
    ),
    fails(
      [...base, '--max-retries', '3', '--http-version', '2'],
      2,
      'argument --http-version: invalid choice: 2.0 (choose from 1.0, 1.1)',
    ),
    fails(
      [...base, '--max-retries', '3', '--http-method', 'FETCH'],
      2,
      'argument --http-method: invalid choice',
    ),
    fails(
      [
        'loadbalancer',
        'healthmonitor',
        'create',
        'p2',
        '--delay',
        '5',
        '--timeout',
        '3',
        '--max-retries',
        '3',
      ],
      2,
      /--type/,
    ),
    fails([...base, '--max-retries', '3', '--enable', '--disable'], 2, /--disable/),
    fails(
      [
        'loadbalancer',
        'healthmonitor',
        'create',
        'p2',
        '--delay',
        'soon',
        '--timeout',
        '3',
        '--type',
        'TCP',
        '--max-retries',
        '3',
      ],
      1,
      "invalid literal for int() with base 10: 'soon'",
    ),
    // The server's fault: one monitor per pool.
    fails(
      [...base.slice(0, 3), 'p1', ...base.slice(4), '--max-retries', '3'],
      1,
      /already has a health monitor|has a health monitor/i,
    ),
    fails(
      [
        'loadbalancer',
        'healthmonitor',
        'create',
        'nopool',
        '--delay',
        '5',
        '--timeout',
        '3',
        '--type',
        'TCP',
        '--max-retries',
        '3',
      ],
      1,
      'Unable to locate nopool in pools',
    ),
  ]);
  // Ambiguous names.
  for (const pool of ['p2', 'p3']) {
    // sequential: each create locks the load balancer until it is ACTIVE again
    await lbaasOk(
      [
        ...base.slice(0, 3),
        pool,
        ...base.slice(4),
        '--max-retries',
        '2',
        '--name',
        'dup',
        '--wait',
        '-f',
        'value',
        '-c',
        'id',
      ],
      env,
    );
  }
  await Promise.all([
    fails(
      ['loadbalancer', 'healthmonitor', 'show', 'dup'],
      1,
      '2 healthmonitors found with name or ID of dup. Please try again with UUID',
    ),
    fails(
      ['loadbalancer', 'healthmonitor', 'show', 'nothing'],
      1,
      'Unable to locate nothing in healthmonitors',
    ),
  ]);

  // DIFFERENTIAL: openstack prints the same list and show (3.1.0 knows every row).
  assert.deepEqual(
    await assertSameAsOpenstack(server.url, env, ['loadbalancer', 'healthmonitor', 'list']),
    [],
  );
  assert.deepEqual(
    await assertSameAsOpenstack(server.url, env, ['loadbalancer', 'healthmonitor', 'show', id]),
    [],
  );

  await lbaasOk(['loadbalancer', 'healthmonitor', 'delete', id, '--wait'], env);
  assert.equal((await api.request('GET', `/healthmonitors/${id}`)).status, 404);
  const dups = await lbaasJson<Obj[]>(['loadbalancer', 'healthmonitor', 'list', '-c', 'id'], env);
  for (const d of dups)
    await lbaasOk(['loadbalancer', 'healthmonitor', 'delete', String(d.id), '--wait'], env);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'healthmonitor', 'list'], env), []);
});

test('loadbalancer l7policy and l7rule: lifecycle, lookups, validation, --wait', async () => {
  const policy = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'l7policy',
      'create',
      'l1',
      '--name',
      'pol1',
      '--action',
      'redirect_to_pool',
      '--redirect-pool',
      'p2',
      '--position',
      '1',
      '--description',
      'first',
      '--tag',
      'x',
      '--wait',
    ],
    env,
  );
  assert.deepEqual(Object.keys(policy), L7POLICY_ROWS);
  assert.equal(policy.provisioning_status, 'ACTIVE');
  assert.equal(await lbStatus(), 'ACTIVE');
  assert.deepEqual(
    [policy.action, policy.redirect_pool_id, policy.position, policy.tags],
    ['REDIRECT_TO_POOL', pools['p2'], 1, 'x'],
  );
  const policyId = String(policy.id);

  // octaviaclient's validate.py checks, before anything is created.
  await Promise.all([
    fails(
      ['loadbalancer', 'l7policy', 'create', 'l1', '--action', 'REDIRECT_TO_URL'],
      1,
      'Missing argument: --redirect-url',
    ),
    fails(
      ['loadbalancer', 'l7policy', 'create', 'l1', '--action', 'REDIRECT_PREFIX'],
      1,
      'Missing argument: --redirect-prefix',
    ),
    fails(
      [
        'loadbalancer',
        'l7policy',
        'create',
        'l1',
        '--action',
        'REDIRECT_TO_POOL',
        '--redirect-url',
        'http://x',
      ],
      1,
      'Missing argument: --redirect-pool',
    ),
    fails(
      ['loadbalancer', 'l7policy', 'create', 'l1', '--action', 'REJECT', '--redirect-http-code', '300'],
      2,
      'argument --redirect-http-code: invalid choice: 300 (choose from 301, 302, 303, 307, 308)',
    ),
    fails(
      ['loadbalancer', 'l7policy', 'create', 'l1', '--action', 'DROP'],
      2,
      'argument --action: invalid choice',
    ),
    fails(
      ['loadbalancer', 'l7policy', 'create', 'l1', '--action', 'REJECT', '--position', 'first'],
      2,
      "argument --position: invalid int value: 'first'",
    ),
    fails(
      [
        'loadbalancer',
        'l7policy',
        'create',
        'l1',
        '--action',
        'REDIRECT_TO_URL',
        '--redirect-url',
        'http://x',
        '--redirect-prefix',
        'http://y',
      ],
      2,
      /--redirect-prefix/,
    ),
    // The server's fault: a redirect URL it refuses.
    fails(
      [
        'loadbalancer',
        'l7policy',
        'create',
        'l1',
        '--action',
        'REDIRECT_TO_URL',
        '--redirect-url',
        'not a url',
      ],
      1,
      /not a url|redirect_url|Invalid input/i,
    ),
  ]);
  assert.equal((await lbaasJson<Obj[]>(['loadbalancer', 'l7policy', 'list'], env)).length, 1);

  const list = await lbaasJson<Obj[]>(['loadbalancer', 'l7policy', 'list', '--listener', 'l1'], env);
  assert.deepEqual(Object.keys(list[0]!), L7POLICY_COLUMNS);
  assert.deepEqual(
    list.map((p) => p.id),
    [policyId],
  );
  assert.equal(
    await lbaasOk(['loadbalancer', 'l7policy', 'list', '-f', 'value', '-c', 'id', '--tags', 'x'], env),
    `${policyId}\n`,
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'l7policy', 'show', 'pol1'], env), policy);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'l7policy', 'show', policyId, '-c', 'action'], env), {
    action: 'REDIRECT_TO_POOL',
  });

  await lbaasOk(
    [
      'loadbalancer',
      'l7policy',
      'set',
      'pol1',
      '--action',
      'REDIRECT_TO_URL',
      '--redirect-url',
      'http://example.com/',
      '--redirect-http-code',
      '301',
      '--name',
      'pol1b',
      '--wait',
    ],
    env,
  );
  let shown = await lbaasJson<Obj>(['loadbalancer', 'l7policy', 'show', policyId], env);
  assert.deepEqual(
    [
      shown.provisioning_status,
      shown.action,
      shown.redirect_url,
      shown.redirect_http_code,
      shown.redirect_pool_id,
      shown.name,
    ],
    ['ACTIVE', 'REDIRECT_TO_URL', 'http://example.com/', 301, null, 'pol1b'],
  );
  await fails(
    ['loadbalancer', 'l7policy', 'set', policyId, '--action', 'REDIRECT_PREFIX'],
    1,
    'Missing argument: --redirect-prefix',
  );
  await lbaasOk(
    [
      'loadbalancer',
      'l7policy',
      'unset',
      policyId,
      '--description',
      '--redirect-http-code',
      '--all-tag',
      '--wait',
    ],
    env,
  );
  shown = await lbaasJson<Obj>(['loadbalancer', 'l7policy', 'show', policyId], env);
  assert.equal(shown.description, '');
  assert.equal(shown.redirect_http_code, null);
  assert.equal(shown.tags, '');

  // Rules, looked up inside their policy.
  const rule = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'l7rule',
      'create',
      'pol1b',
      '--compare-type',
      'starts_with',
      '--type',
      'path',
      '--value',
      '/api',
      '--tag',
      't',
      '--wait',
    ],
    env,
  );
  assert.deepEqual(Object.keys(rule), L7RULE_ROWS);
  assert.equal(rule.provisioning_status, 'ACTIVE');
  assert.equal(await lbStatus(), 'ACTIVE');
  assert.deepEqual(
    [rule.compare_type, rule.type, rule.value, rule.invert, rule.tags],
    ['STARTS_WITH', 'PATH', '/api', false, 't'],
  );
  const ruleId = String(rule.id);
  assert.equal((await lbaasJson<Obj>(['loadbalancer', 'l7policy', 'show', policyId], env)).rules, ruleId);

  await Promise.all([
    fails(
      [
        'loadbalancer',
        'l7rule',
        'create',
        policyId,
        '--compare-type',
        'EQUAL_TO',
        '--type',
        'HEADER',
        '--value',
        'v',
      ],
      1,
      'Missing argument: --type HEADER requires --key <key>',
    ),
    fails(
      [
        'loadbalancer',
        'l7rule',
        'create',
        policyId,
        '--compare-type',
        'LIKE',
        '--type',
        'PATH',
        '--value',
        'v',
      ],
      2,
      'argument --compare-type: invalid choice',
    ),
    fails(
      ['loadbalancer', 'l7rule', 'create', policyId, '--compare-type', 'EQUAL_TO', '--type', 'PATH'],
      2,
      /--value/,
    ),
    // The server's fault: a regex that does not compile.
    fails(
      [
        'loadbalancer',
        'l7rule',
        'create',
        policyId,
        '--compare-type',
        'REGEX',
        '--type',
        'PATH',
        '--value',
        '(unclosed',
      ],
      1,
      /regex|Invalid/i,
    ),
  ]);

  const rules = await lbaasJson<Obj[]>(['loadbalancer', 'l7rule', 'list', 'pol1b'], env);
  assert.deepEqual(Object.keys(rules[0]!), L7RULE_COLUMNS);
  assert.deepEqual(
    rules.map((r) => r.id),
    [ruleId],
  );
  assert.equal(
    await lbaasOk(['loadbalancer', 'l7rule', 'list', policyId, '-f', 'value', '-c', 'id'], env),
    `${ruleId}\n`,
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'l7rule', 'show', 'pol1b', ruleId], env), rule);
  assert.deepEqual(
    await lbaasJson(['loadbalancer', 'l7rule', 'show', policyId, ruleId, '-c', 'value'], env),
    { value: '/api' },
  );
  // Rules have no name: the lookup's `?name=` is the server's 400, exactly as octaviaclient reports it.
  await fails(
    ['loadbalancer', 'l7rule', 'show', policyId, 'nope'],
    1,
    /^One or more arguments are either duplicate or invalid \(HTTP 400\)/,
  );

  await lbaasOk(
    [
      'loadbalancer',
      'l7rule',
      'set',
      'pol1b',
      ruleId,
      '--type',
      'header',
      '--key',
      'X-Env',
      '--value',
      'prod',
      '--compare-type',
      'EQUAL_TO',
      '--invert',
      '--tag',
      'u',
      '--wait',
    ],
    env,
  );
  let ruleShown = await lbaasJson<Obj>(['loadbalancer', 'l7rule', 'show', policyId, ruleId], env);
  assert.deepEqual(
    [ruleShown.provisioning_status, ruleShown.type, ruleShown.key, ruleShown.value, ruleShown.invert],
    ['ACTIVE', 'HEADER', 'X-Env', 'prod', true],
  );
  assert.deepEqual(String(ruleShown.tags).split('\n').sort(), ['t', 'u']);
  await fails(
    ['loadbalancer', 'l7rule', 'set', policyId, ruleId, '--type', 'COOKIE'],
    1,
    'Missing argument: --type COOKIE requires --key <key>',
  );
  await lbaasOk(
    ['loadbalancer', 'l7rule', 'unset', policyId, ruleId, '--invert', '--tag', 't', '--wait'],
    env,
  );
  ruleShown = await lbaasJson<Obj>(['loadbalancer', 'l7rule', 'show', policyId, ruleId], env);
  assert.equal(ruleShown.invert, false);
  assert.equal(ruleShown.tags, 'u');

  // Ambiguous policy names.
  await lbaasOk(
    [
      'loadbalancer',
      'l7policy',
      'create',
      'l1',
      '--name',
      'pol1b',
      '--action',
      'REJECT',
      '--wait',
      '-f',
      'value',
      '-c',
      'id',
    ],
    env,
  );
  await fails(
    ['loadbalancer', 'l7rule', 'list', 'pol1b'],
    1,
    '2 l7policies found with name or ID of pol1b. Please try again with UUID',
  );

  // DIFFERENTIAL: openstack prints the same (3.1.0 knows every row and column).
  for (const args of [
    ['loadbalancer', 'l7policy', 'list'],
    ['loadbalancer', 'l7policy', 'show', policyId],
    ['loadbalancer', 'l7rule', 'list', policyId],
    ['loadbalancer', 'l7rule', 'show', policyId, ruleId],
  ]) {
    assert.deepEqual(await assertSameAsOpenstack(server.url, env, args), [], args.join(' '));
  }

  await lbaasOk(['loadbalancer', 'l7rule', 'delete', policyId, ruleId, '--wait'], env);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'l7rule', 'list', policyId], env), []);
  for (const p of await lbaasJson<Obj[]>(['loadbalancer', 'l7policy', 'list'], env)) {
    await lbaasOk(['loadbalancer', 'l7policy', 'delete', String(p.id), '--wait'], env);
  }
  assert.deepEqual(await lbaasJson(['loadbalancer', 'l7policy', 'list'], env), []);
  assert.equal(await lbStatus(), 'ACTIVE');
});
