// End to end with the real Debian `openstack` CLI (python3-octaviaclient, Keystone password mode) against a
// real `lbaas server --auth keystone --driver noop`: `loadbalancer l7policy` and `l7rule` create / list /
// show / set / delete, with `--wait`, positions renumbered on insert, move and delete.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { keystoneCliServer } from '../support/openstack-cli.js';

const hasL7Cli =
  spawnSync('openstack', ['loadbalancer', 'l7policy', 'create', '--help'], { encoding: 'utf8' }).status === 0;
const skip = hasL7Cli
  ? false
  : 'the openstack CLI with octaviaclient is not installed (apt-get install python3-openstackclient python3-octaviaclient)';
if (!hasL7Cli && process.env.CI)
  throw new Error(
    'CI must run the openstack L7 end-to-end test, but `openstack loadbalancer l7policy` is missing',
  );

// A delay makes every change sit in PENDING_* for a moment, so `--wait` really waits.
const cli = keystoneCliServer({
  skip,
  dirPrefix: 'lbaas-osc-l7-',
  env: { LBAAS_NOOP_DELAY_MS: '200', LBAAS_RESYNC_INTERVAL_MS: '1000' },
  users: [],
});
type Obj = Record<string, unknown>;
const os = (args: string[]) => cli.os('admin', args).stdout;
const osJson = <T = Obj>(args: string[]): T => cli.osJson<T>('admin', args);

/**
 * Waits (bounded) until the load balancer is ACTIVE again. Needed after `l7rule create`, whose `--wait` is
 * broken in python3-octaviaclient 3.1.0: after waiting it calls `l7rule_show(policy_id, rule_id)` with the
 * arguments swapped and fails with a 404 (on Octavia too).
 */
function waitLbActive(lb: string): void {
  for (let i = 0; i < 40; i++) {
    if (os(['loadbalancer', 'show', lb, '-f', 'value', '-c', 'provisioning_status']).trim() === 'ACTIVE')
      return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
  }
  throw new Error(`load balancer ${lb} did not become ACTIVE`);
}

/** `[name, position, action]` of the listener's policies, in the order `l7policy list` prints them. */
function policyOrder(listenerId: string): [unknown, unknown, unknown][] {
  return osJson<Obj[]>(['loadbalancer', 'l7policy', 'list', '--listener', listenerId])
    .map((p): [unknown, unknown, unknown] => [p.name, p.position, p.action])
    .sort((a, b) => Number(a[1]) - Number(b[1]));
}

test('openstack loadbalancer l7policy / l7rule lifecycle', { skip, timeout: 600_000 }, () => {
  const lb = osJson([
    'loadbalancer',
    'create',
    '--name',
    'lb7',
    '--vip-subnet-id',
    'lbaas-loopback-subnet',
    '--wait',
  ]);
  assert.equal(lb.provisioning_status, 'ACTIVE');
  const listener = osJson([
    'loadbalancer',
    'listener',
    'create',
    '--name',
    'l7l',
    '--protocol',
    'HTTP',
    '--protocol-port',
    '80',
    '--wait',
    'lb7',
  ]);
  const listenerId = String(listener.id);
  for (const name of ['web', 'api']) {
    const pool = ['--lb-algorithm', 'ROUND_ROBIN', '--protocol', 'HTTP', '--wait'];
    const parent = name === 'web' ? ['--listener', 'l7l'] : ['--loadbalancer', 'lb7'];
    osJson(['loadbalancer', 'pool', 'create', '--name', name, ...parent, ...pool]);
  }
  const apiPoolId = String(osJson(['loadbalancer', 'pool', 'show', 'api']).id);

  const p1 = osJson([
    'loadbalancer',
    'l7policy',
    'create',
    '--action',
    'REDIRECT_TO_POOL',
    '--redirect-pool',
    'api',
    '--name',
    'p1',
    '--wait',
    'l7l',
  ]);
  assert.deepEqual(
    [p1.provisioning_status, p1.action, p1.redirect_pool_id, p1.position, p1.listener_id],
    ['ACTIVE', 'REDIRECT_TO_POOL', apiPoolId, 1, listenerId],
  );
  const p2 = osJson([
    'loadbalancer',
    'l7policy',
    'create',
    '--action',
    'REJECT',
    '--position',
    '1',
    '--name',
    'p2',
    '--wait',
    'l7l',
  ]);
  assert.deepEqual([p2.action, p2.position, p2.redirect_pool_id], ['REJECT', 1, null]);
  const p3 = osJson([
    'loadbalancer',
    'l7policy',
    'create',
    '--action',
    'REDIRECT_TO_URL',
    '--redirect-url',
    'http://x/',
    '--redirect-http-code',
    '301',
    '--name',
    'p3',
    '--wait',
    'l7l',
  ]);
  assert.deepEqual([p3.redirect_url, p3.redirect_http_code, p3.position], ['http://x/', 301, 3]);
  // The insert at 1 pushed p1 down.
  assert.deepEqual(policyOrder(listenerId), [
    ['p2', 1, 'REJECT'],
    ['p1', 2, 'REDIRECT_TO_POOL'],
    ['p3', 3, 'REDIRECT_TO_URL'],
  ]);
  assert.equal(osJson(['loadbalancer', 'l7policy', 'show', 'p1']).position, 2);

  const r1 = osJson([
    'loadbalancer',
    'l7rule',
    'create',
    '--compare-type',
    'STARTS_WITH',
    '--type',
    'PATH',
    '--value',
    '/api',
    'p1',
  ]);
  assert.deepEqual(
    [r1.provisioning_status, r1.type, r1.compare_type, r1.value, r1.invert],
    ['PENDING_CREATE', 'PATH', 'STARTS_WITH', '/api', false],
  );
  waitLbActive('lb7');
  const r2 = osJson([
    'loadbalancer',
    'l7rule',
    'create',
    '--type',
    'HEADER',
    '--key',
    'X-Foo',
    '--compare-type',
    'EQUAL_TO',
    '--value',
    'bar',
    '--invert',
    'p1',
  ]);
  assert.deepEqual([r2.type, r2.key, r2.value, r2.invert], ['HEADER', 'X-Foo', 'bar', true]);
  waitLbActive('lb7');
  const rules = osJson<Obj[]>(['loadbalancer', 'l7rule', 'list', 'p1']);
  assert.deepEqual(
    rules.map((r) => [r.id, r.type, r.compare_type, r.key, r.value, r.invert]).sort(),
    [
      [r1.id, 'PATH', 'STARTS_WITH', null, '/api', false],
      [r2.id, 'HEADER', 'EQUAL_TO', 'X-Foo', 'bar', true],
    ].sort(),
  );
  // `-f value` prints the rows in the client's order (value before key).
  const shownRule = os([
    'loadbalancer',
    'l7rule',
    'show',
    'p1',
    String(r2.id),
    '-f',
    'value',
    '-c',
    'key',
    '-c',
    'value',
  ]);
  assert.deepEqual(shownRule.trim().split('\n').sort(), ['X-Foo', 'bar']);
  // The policy's rules column names both rules.
  const shownRules = os(['loadbalancer', 'l7policy', 'show', 'p1', '-f', 'value', '-c', 'rules']);
  for (const r of [r1, r2]) assert.ok(shownRules.includes(String(r.id)), shownRules);

  os(['loadbalancer', 'l7policy', 'set', '--position', '1', '--wait', 'p3']);
  assert.deepEqual(policyOrder(listenerId), [
    ['p3', 1, 'REDIRECT_TO_URL'],
    ['p2', 2, 'REJECT'],
    ['p1', 3, 'REDIRECT_TO_POOL'],
  ]);
  os([
    'loadbalancer',
    'l7rule',
    'set',
    '--value',
    '/v2',
    '--compare-type',
    'EQUAL_TO',
    '--wait',
    'p1',
    String(r1.id),
  ]);
  const changed = osJson(['loadbalancer', 'l7rule', 'show', 'p1', String(r1.id)]);
  assert.deepEqual(
    [changed.value, changed.compare_type, changed.provisioning_status],
    ['/v2', 'EQUAL_TO', 'ACTIVE'],
  );

  os(['loadbalancer', 'l7rule', 'delete', '--wait', 'p1', String(r2.id)]);
  assert.deepEqual(
    osJson<Obj[]>(['loadbalancer', 'l7rule', 'list', 'p1']).map((r) => r.id),
    [r1.id],
  );
  os(['loadbalancer', 'l7policy', 'delete', '--wait', 'p2']);
  assert.deepEqual(policyOrder(listenerId), [
    ['p3', 1, 'REDIRECT_TO_URL'],
    ['p1', 2, 'REDIRECT_TO_POOL'],
  ]);
  const listed = osJson<Obj[]>(['loadbalancer', 'l7policy', 'list']);
  assert.deepEqual(listed.map((p) => p.name).sort(), ['p1', 'p3']);
  cli.os('admin', ['loadbalancer', 'l7policy', 'show', 'p2'], { expectFail: true });

  os(['loadbalancer', 'delete', '--cascade', '--wait', 'lb7']);
  assert.deepEqual(osJson<Obj[]>(['loadbalancer', 'l7policy', 'list']), []);
});
