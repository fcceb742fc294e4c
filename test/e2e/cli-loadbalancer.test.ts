// `lbaas loadbalancer create|list|show|set|unset|delete|failover|stats show|status show` as a subprocess
// against a real `lbaas server` (noauth, noop driver with a delay so --wait really waits), every output
// format, -c, name resolution, tags, and byte-for-byte comparisons with the real openstack CLI.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasProcess } from '../support/lbaas-process.js';
import { hasOpenstack } from '../support/openstack-diff.js';

let server: LbaasProcess;
let env: Record<string, string>;
const SUBNET = ['--vip-subnet-id', 'lbaas-loopback-subnet'];

before(async () => {
  server = await LbaasProcess.start(
    {
      LBAAS_AUTH: 'noauth',
      LBAAS_DRIVER: 'noop',
      LBAAS_NOOP_DELAY_MS: '300',
      LBAAS_RESYNC_INTERVAL_MS: '1000',
    },
    'warn',
  );
  env = noauthEnv(server.url);
});
after(async () => {
  await server?.stop();
});

/** `openstack <args>` (auth_type none) against the same server: its stdout. */
function openstack(args: string[]): string {
  const r = spawnSync('openstack', args, {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      OS_AUTH_TYPE: 'none',
      OS_ENDPOINT: `${server.url}/load-balancer`,
      OS_CLOUD: '',
      OS_CLIENT_CONFIG_FILE: '/dev/null',
    },
  });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('create --wait, show by name and id, list filters, set/unset with tags, stats, status, delete --cascade', async () => {
  const lb = await lbaasJson(
    [
      'loadbalancer',
      'create',
      '--name',
      'web',
      '--description',
      'd1',
      ...SUBNET,
      '--tag',
      'a',
      '--tag',
      'b',
      '--wait',
    ],
    env,
  );
  assert.equal(lb['provisioning_status'], 'ACTIVE');
  assert.deepEqual(Object.keys(lb), [
    'admin_state_up',
    'availability_zone',
    'created_at',
    'description',
    'flavor_id',
    'id',
    'listeners',
    'name',
    'operating_status',
    'pools',
    'project_id',
    'provider',
    'provisioning_status',
    'updated_at',
    'vip_address',
    'vip_network_id',
    'vip_port_id',
    'vip_qos_policy_id',
    'vip_subnet_id',
    'vip_vnic_type',
    'vip_sg_ids',
    'tags',
    'additional_vips',
  ]);
  assert.equal(lb['tags'], 'a\nb');
  const id = String(lb['id']);
  const off = await lbaasJson(
    ['loadbalancer', 'create', '--name', 'off', ...SUBNET, '--disable', '--no-tag', '--wait'],
    env,
  );
  assert.equal(off['admin_state_up'], false);
  assert.equal(await lbaasOk(['loadbalancer', 'show', id, '-f', 'value', '-c', 'name'], env), 'web\n');
  assert.equal(await lbaasOk(['loadbalancer', 'show', 'web', '-f', 'value', '-c', 'id'], env), `${id}\n`);
  const names = async (args: string[]): Promise<string> =>
    (
      await lbaasOk(
        ['loadbalancer', 'list', ...args, '-f', 'value', '-c', 'name', '--sort-column', 'name'],
        env,
      )
    ).trim();
  assert.equal(await names([]), 'off\nweb');
  assert.equal(await names(['--disable']), 'off');
  assert.equal(await names(['--enable', '--name', 'web']), 'web');
  assert.equal(await names(['--tags', 'a,b']), 'web');
  assert.equal(await names(['--not-tags', 'a']), 'off');
  assert.equal(await names(['--provisioning-status', 'active']), 'off\nweb');
  assert.deepEqual(await lbaasJson(['loadbalancer', 'list', '--operating-status', 'ERROR'], env), []);
  // set: --tag adds to the current tags; --no-tag --tag replaces them; unset removes.
  await lbaasOk(['loadbalancer', 'set', 'web', '--name', 'web2', '--tag', 'c', '--wait'], env);
  let shown = await lbaasJson(['loadbalancer', 'show', id], env);
  assert.deepEqual([shown['name'], String(shown['tags']).split('\n').sort()], ['web2', ['a', 'b', 'c']]);
  await lbaasOk(['loadbalancer', 'set', id, '--no-tag', '--tag', 'z', '--disable', '--wait'], env);
  shown = await lbaasJson(['loadbalancer', 'show', id], env);
  assert.deepEqual([shown['tags'], shown['admin_state_up']], ['z', false]);
  await lbaasOk(['loadbalancer', 'unset', 'web2', '--description', '--tag', 'z', '--wait'], env);
  shown = await lbaasJson(['loadbalancer', 'show', id, '-c', 'description', '-c', 'tags'], env);
  assert.deepEqual(shown, { description: '', tags: '' });
  // stats rows, status tree (indent 4), failover is the server's 501.
  assert.deepEqual(Object.keys(await lbaasJson(['loadbalancer', 'stats', 'show', 'web2'], env)), [
    'active_connections',
    'bytes_in',
    'bytes_out',
    'request_errors',
    'total_connections',
  ]);
  const status = await lbaasOk(['loadbalancer', 'status', 'show', 'web2'], env);
  assert.match(status, /^\{\n {4}"loadbalancer": \{\n {8}"id": /);
  assert.equal((JSON.parse(status) as { loadbalancer: { id: string } }).loadbalancer.id, id);
  const failover = await runLbaas(['loadbalancer', 'failover', 'web2'], env);
  assert.equal(failover.status, 1);
  assert.match(failover.stderr, /\(HTTP 501\)/);
  // delete --cascade --wait: gone afterwards; the second delete by name finds nothing.
  await lbaasOk(['loadbalancer', 'delete', '--cascade', '--wait', 'web2'], env);
  await lbaasOk(['loadbalancer', 'delete', '--wait', 'off'], env);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'list'], env), []);
  const again = await runLbaas(['loadbalancer', 'delete', 'web2'], env);
  assert.deepEqual([again.status, again.stderr], [1, 'Unable to locate web2 in loadbalancers\n']);
});

test('name resolution: two load balancers with one name need the UUID', async () => {
  const a = await lbaasJson(['loadbalancer', 'create', '--name', 'twin', ...SUBNET, '--wait'], env);
  const b = await lbaasJson(['loadbalancer', 'create', '--name', 'twin', ...SUBNET, '--wait'], env);
  const r = await runLbaas(['loadbalancer', 'show', 'twin'], env);
  assert.deepEqual(
    [r.status, r.stderr],
    [1, '2 loadbalancers found with name or ID of twin. Please try again with UUID\n'],
  );
  for (const lb of [a, b]) await lbaasOk(['loadbalancer', 'delete', '--wait', String(lb['id'])], env);
});

test('every output format of list and show, -c, --noindent, --max-width: identical to the openstack CLI', async () => {
  const lb = await lbaasJson(
    ['loadbalancer', 'create', '--name', 'fmt', '--description', 'say "hi": yes', ...SUBNET, '--wait'],
    env,
  );
  const id = String(lb['id']);
  const show = [
    'loadbalancer',
    'show',
    id,
    '-c',
    'name',
    '-c',
    'description',
    '-c',
    'admin_state_up',
    '-c',
    'flavor_id',
    '-c',
    'id',
  ];
  const outputs: [string, string[]][] = [
    ['list table', ['loadbalancer', 'list']],
    ['list json', ['loadbalancer', 'list', '-f', 'json']],
    ['list json --noindent', ['loadbalancer', 'list', '-f', 'json', '--noindent']],
    ['list yaml', ['loadbalancer', 'list', '-f', 'yaml']],
    ['list value', ['loadbalancer', 'list', '-f', 'value']],
    ['list csv', ['loadbalancer', 'list', '-f', 'csv']],
    ['list csv --quote all', ['loadbalancer', 'list', '-f', 'csv', '--quote', 'all']],
    ['list -c -c', ['loadbalancer', 'list', '-c', 'name', '-c', 'id']],
    ['list --max-width 60', ['loadbalancer', 'list', '--max-width', '60']],
    ['show table', show],
    ['show json', [...show, '-f', 'json']],
    ['show yaml', [...show, '-f', 'yaml']],
    ['show value', [...show, '-f', 'value']],
    ['show shell', [...show, '-f', 'shell', '--prefix', 'lb_']],
  ];
  const ours = await Promise.all(outputs.map(([, args]) => lbaasOk(args, env)));
  // -c keeps the command's row order (cliff), whatever order the options came in.
  assert.equal(
    ours[13],
    `lb_admin_state_up="True"\nlb_description="say \\"hi\\": yes"\nlb_flavor_id="None"\nlb_id="${id}"\nlb_name="fmt"\n`,
  );
  assert.match(ours[3]!, /^- id: /);
  assert.match(
    ours[5]!,
    /^"id","name","project_id","vip_address","provisioning_status","operating_status","provider"\r?\n/,
  );
  if (hasOpenstack) {
    outputs.forEach(([label, args], i) => assert.equal(ours[i], openstack(args), label));
  }
  await lbaasOk(['loadbalancer', 'delete', '--wait', id], env);
});
