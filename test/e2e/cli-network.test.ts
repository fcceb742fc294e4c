// `lbaas network|subnet|port|floating ip …` against a real `lbaas server` (noauth, noop driver), and,
// where the real `openstack` CLI (openstackclient 6.0.0) is installed, differentially against it on the
// same server: identical `-f json` output, identical error texts for name lookups.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasProcess } from '../support/lbaas-process.js';

const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasOpenstack && process.env.CI) {
  throw new Error('CI must run the openstack network differential test, but `openstack` is missing');
}
const noOpenstack = hasOpenstack ? false : 'the openstack CLI is not installed';

type Obj = Record<string, unknown>;
let server: LbaasProcess;
let env: Record<string, string>;
let cloudsYaml: string;

before(async () => {
  server = await LbaasProcess.start({
    LBAAS_AUTH: 'noauth',
    LBAAS_DRIVER: 'noop',
    LBAAS_NOOP_DELAY_MS: '300',
  });
  env = noauthEnv(server.url);
  // osc's SDK needs network_endpoint_override in none mode (openstack-clients.md §2.2).
  cloudsYaml = join(mkdtempSync(join(tmpdir(), 'lbaas-cli-net-')), 'clouds.yaml');
  writeFileSync(
    cloudsYaml,
    [
      'clouds:',
      '  noauth:',
      '    auth_type: none',
      '    auth:',
      `      endpoint: ${server.url}/load-balancer`,
      `    network_endpoint_override: ${server.url}/network`,
      '',
    ].join('\n'),
  );
});
after(async () => {
  await server?.stop();
});

function os(args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync('openstack', args, {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, OS_CLIENT_CONFIG_FILE: cloudsYaml, OS_CLOUD: 'noauth' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** `openstack … -f <fmt>` and `lbaas … -f <fmt>` print the same. */
async function sameOutput(args: string[], fmt = 'json'): Promise<string> {
  const theirs = os([...args, '-f', fmt]);
  assert.equal(theirs.status, 0, theirs.stderr);
  const ours = await lbaasOk([...args, '-f', fmt], env);
  if (fmt === 'json') assert.deepEqual(JSON.parse(ours), JSON.parse(theirs.stdout), args.join(' '));
  else assert.equal(ours, theirs.stdout, args.join(' '));
  return ours;
}

/** Both fail with the same stderr text and a non-zero exit. */
async function sameFailure(args: string[]): Promise<void> {
  const theirs = os(args);
  const ours = await runLbaas(args, env);
  assert.notEqual(theirs.status, 0);
  assert.notEqual(ours.status, 0);
  assert.equal(ours.stderr.trim(), theirs.stderr.trim(), args.join(' '));
}

test('network, subnet, port and floating ip commands', async () => {
  // Networks.
  const net = await lbaasJson(
    ['network', 'create', '--description', 'tenant net', '--mtu', '1400', 'cn1'],
    env,
  );
  assert.deepEqual(
    [net['name'], net['mtu'], net['description'], net['admin_state_up']],
    ['cn1', 1400, 'tenant net', true],
  );
  assert.deepEqual(Object.keys(net), [...Object.keys(net)].sort(), 'show rows are sorted like osc');
  assert.equal(net['is_vlan_transparent'], null, 'SDK attributes the server lacks are None');
  const table = await lbaasOk(['network', 'show', 'cn1'], env);
  assert.match(table, /\| admin_state_up +\| UP +\|/);
  assert.match(table, /\| router:external +\| Internal +\|/);
  assert.equal(
    (await lbaasOk(['network', 'show', String(net['id']), '-f', 'value', '-c', 'name'], env)).trim(),
    'cn1',
  );
  await lbaasOk(
    ['network', 'set', '--name', 'cn1b', '--disable', '--tag', 'blue', '--tag', 'red', 'cn1'],
    env,
  );
  const shown = await lbaasJson(['network', 'show', 'cn1b'], env);
  assert.deepEqual(
    [shown['admin_state_up'], [...(shown['tags'] as string[])].sort()],
    [false, ['blue', 'red']],
  );
  assert.match(
    await lbaasOk(['network', 'show', 'cn1b', '-c', 'admin_state_up', '-c', 'tags'], env),
    /DOWN[\s\S]*blue, red/,
  );
  await lbaasOk(['network', 'set', '--no-tag', '--enable', 'cn1b'], env);
  assert.deepEqual((await lbaasJson(['network', 'show', 'cn1b'], env))['tags'], []);
  const list = await lbaasJson<Obj[]>(['network', 'list'], env);
  assert.deepEqual(Object.keys(list[0] ?? {}), ['ID', 'Name', 'Subnets']);
  assert.ok(list.some((n) => n['Name'] === 'cn1b'));
  const long = await lbaasJson<Obj[]>(['network', 'list', '--long', '--name', 'cn1b'], env);
  assert.deepEqual(Object.keys(long[0] ?? {}), [
    'ID',
    'Name',
    'Status',
    'Project',
    'State',
    'Shared',
    'Subnets',
    'Network Type',
    'Router Type',
    'Availability Zones',
    'Tags',
  ]);
  assert.equal(long.length, 1);
  const ext = await lbaasJson(['network', 'create', '--external', '--share', 'cpub'], env);
  assert.deepEqual([ext['router:external'], ext['shared']], [true, true]);
  const externals = await lbaasJson<Obj[]>(['network', 'list', '--external'], env);
  assert.deepEqual(
    externals.map((n) => n['Name']),
    ['cpub'],
  );

  // Name lookups: not found, ambiguous (openstacksdk's texts), usage errors.
  const missing = await runLbaas(['network', 'show', 'nope'], env);
  assert.equal(missing.status, 1);
  assert.equal(missing.stderr, 'Error while executing command: No Network found for nope\n');
  await lbaasOk(['network', 'create', 'cdup'], env);
  await lbaasOk(['network', 'create', 'cdup'], env);
  const dup = await runLbaas(['network', 'set', '--name', 'x', 'cdup'], env);
  assert.deepEqual([dup.status, dup.stderr], [1, "More than one Network exists with the name 'cdup'.\n"]);
  const badStatus = await runLbaas(['network', 'list', '--status', 'xx'], env);
  assert.equal(badStatus.status, 2);
  assert.match(badStatus.stderr, /argument --status: invalid choice: 'xx'/);
  const both = await runLbaas(['network', 'create', '--share', '--no-share', 'x'], env);
  assert.equal(both.status, 2);
  const bad = await runLbaas(['network', 'create', '--mtu', '10', 'tiny'], env);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /\(HTTP 400\)/);
  assert.doesNotMatch(bad.stderr, /at .*\.js/);

  // Subnets.
  const sub = await lbaasJson(
    [
      'subnet',
      'create',
      '--network',
      'cn1b',
      '--subnet-range',
      '10.19.0.0/24',
      '--gateway',
      '10.19.0.1',
      '--allocation-pool',
      'start=10.19.0.10,end=10.19.0.100',
      '--dns-nameserver',
      '8.8.8.8',
      '--host-route',
      'destination=10.20.0.0/16,gateway=10.19.0.254',
      'csub1',
    ],
    env,
  );
  assert.deepEqual([sub['cidr'], sub['gateway_ip'], sub['ip_version']], ['10.19.0.0/24', '10.19.0.1', 4]);
  assert.deepEqual(sub['host_routes'], [{ destination: '10.20.0.0/16', nexthop: '10.19.0.254' }]);
  const subTable = await lbaasOk(['subnet', 'show', 'csub1'], env);
  assert.match(subTable, /\| allocation_pools +\| 10\.19\.0\.10-10\.19\.0\.100 +\|/);
  assert.match(subTable, /\| host_routes +\| destination='10\.20\.0\.0\/16', gateway='10\.19\.0\.254' +\|/);
  const sub6 = await lbaasJson(
    [
      'subnet',
      'create',
      '--network',
      String(net['id']),
      '--ip-version',
      '6',
      '--subnet-range',
      'fd00:19::/64',
      '--no-dhcp',
      'csub6',
    ],
    env,
  );
  assert.deepEqual([sub6['ip_version'], sub6['enable_dhcp']], [6, false]);
  await lbaasOk(
    ['subnet', 'set', '--name', 'csub1b', '--description', 'd', '--dns-nameserver', '1.1.1.1', 'csub1'],
    env,
  );
  const subShown = await lbaasJson(['subnet', 'show', 'csub1b'], env);
  assert.deepEqual([subShown['description'], subShown['dns_nameservers']], ['d', ['1.1.1.1', '8.8.8.8']]);
  await lbaasOk(['subnet', 'set', '--no-dns-nameservers', '--gateway', 'none', 'csub1b'], env);
  const cleared = await lbaasJson(['subnet', 'show', 'csub1b'], env);
  assert.deepEqual([cleared['dns_nameservers'], cleared['gateway_ip']], [[], null]);
  const auto = await runLbaas(['subnet', 'set', '--gateway', 'auto', 'csub1b'], env);
  assert.deepEqual(
    [auto.status, auto.stderr],
    [1, 'Auto option is not available for Subnet Set. Valid options are <ip-address> or none\n'],
  );
  const pool = await runLbaas(
    ['subnet', 'create', '--network', 'cn1b', '--allocation-pool', 'start=1', 'x'],
    env,
  );
  assert.deepEqual(
    [pool.status, pool.stderr],
    [1, 'Missing required keys end.\nRequired keys are: start, end\n'],
  );
  const v5 = await runLbaas(['subnet', 'create', '--network', 'cn1b', '--ip-version', '5', 'x'], env);
  assert.equal(v5.status, 2);
  assert.match(v5.stderr, /argument --ip-version: invalid choice: 5 \(choose from 4, 6\)/);
  const noNet = await runLbaas(
    ['subnet', 'create', '--network', 'nope', '--subnet-range', '10.1.0.0/24', 's'],
    env,
  );
  assert.deepEqual([noNet.status, noNet.stderr], [1, 'No Network found for nope\n']);
  const subs = await lbaasJson<Obj[]>(['subnet', 'list', '--network', 'cn1b'], env);
  assert.deepEqual(subs.map((s) => s['Name']).sort(), ['csub1b', 'csub6']);
  assert.deepEqual(Object.keys(subs[0] ?? {}), ['ID', 'Name', 'Network', 'Subnet']);
  assert.deepEqual(
    (await lbaasJson<Obj[]>(['subnet', 'list', '--ip-version', '6'], env)).map((s) => s['Name']),
    ['csub6'],
  );
  await lbaasOk(['subnet', 'delete', 'csub6'], env);

  // Ports.
  const port = await lbaasJson(
    [
      'port',
      'create',
      '--network',
      'cn1b',
      '--fixed-ip',
      'subnet=csub1b,ip-address=10.19.0.20',
      '--device-owner',
      'compute:nova',
      '--device',
      'dev1',
      '--tag',
      'p',
      'cport1',
    ],
    env,
  );
  assert.deepEqual(port['fixed_ips'], [{ subnet_id: sub['id'], ip_address: '10.19.0.20' }]);
  assert.deepEqual([port['device_owner'], port['device_id'], port['tags']], ['compute:nova', 'dev1', ['p']]);
  assert.deepEqual(port['binding_profile'], {}, 'DictColumn prints {} for none in json');
  const portTable = await lbaasOk(['port', 'show', 'cport1'], env);
  assert.match(portTable, /\| fixed_ips +\| ip_address='10\.19\.0\.20', subnet_id='[0-9a-f-]+' +\|/);
  assert.match(portTable, /\| admin_state_up +\| UP +\|/);
  const dupIp = await runLbaas(
    ['port', 'create', '--network', 'cn1b', '--fixed-ip', 'ip-address=10.19.0.20', 'x'],
    env,
  );
  assert.equal(dupIp.status, 1);
  const badKey = await runLbaas(['port', 'create', '--network', 'cn1b', '--fixed-ip', 'foo=bar', 'x'], env);
  assert.deepEqual(
    [badKey.status, badKey.stderr],
    [1, 'Invalid keys foo specified.\nValid keys are: subnet, ip-address\n'],
  );
  await lbaasOk(['port', 'set', '--name', 'cport1b', '--description', 'pd', '--disable', 'cport1'], env);
  const portShown = await lbaasJson(['port', 'show', 'cport1b'], env);
  assert.deepEqual([portShown['description'], portShown['admin_state_up']], ['pd', false]);
  const ports = await lbaasJson<Obj[]>(['port', 'list', '--fixed-ip', 'ip-address=10.19.0.20'], env);
  assert.deepEqual(
    ports.map((p) => p['Name']),
    ['cport1b'],
  );
  assert.deepEqual(Object.keys(ports[0] ?? {}), [
    'ID',
    'Name',
    'MAC Address',
    'Fixed IP Addresses',
    'Status',
  ]);
  assert.deepEqual(
    (await lbaasJson<Obj[]>(['port', 'list', '--device-owner', 'compute:nova'], env)).length,
    1,
  );
  const scratch = await lbaasJson(['port', 'create', '--network', 'cn1b', 'scratch'], env);
  await lbaasOk(['port', 'delete', String(scratch['id'])], env);
  const gone = await runLbaas(['port', 'delete', 'scratch', 'nope2'], env);
  assert.equal(gone.status, 1);
  assert.equal(
    gone.stderr,
    "Failed to delete port with name or ID 'scratch': No Port found for scratch\n" +
      "Failed to delete port with name or ID 'nope2': No Port found for nope2\n2 of 2 ports failed to delete.\n",
  );

  // Floating IPs.
  await lbaasOk(
    ['subnet', 'create', '--network', 'cpub', '--subnet-range', '203.0.113.0/24', 'cpubsub'],
    env,
  );
  const fip = await lbaasJson(
    ['floating', 'ip', 'create', 'cpub', '--port', 'cport1b', '--description', 'f'],
    env,
  );
  assert.deepEqual(
    [fip['fixed_ip_address'], fip['port_id'], fip['name']],
    ['10.19.0.20', port['id'], fip['floating_ip_address']],
  );
  assert.equal(typeof fip['port_details'], 'object', 'create prints port_details unformatted');
  const address = String(fip['floating_ip_address']);
  const fipShown = await lbaasJson(['floating', 'ip', 'show', address], env);
  assert.match(String(fipShown['port_details']), /^admin_state_up='False', device_id='dev1', /);
  const fips = await lbaasJson<Obj[]>(['floating', 'ip', 'list', '--port', 'cport1b'], env);
  assert.deepEqual(Object.keys(fips[0] ?? {}), [
    'ID',
    'Floating IP Address',
    'Fixed IP Address',
    'Port',
    'Floating Network',
    'Project',
  ]);
  assert.equal(fips.length, 1);
  await lbaasOk(['floating', 'ip', 'unset', '--port', address], env);
  assert.equal((await lbaasJson(['floating', 'ip', 'show', String(fip['id'])], env))['port_id'], null);
  assert.deepEqual(await lbaasJson<Obj[]>(['floating', 'ip', 'list', '--status', 'ACTIVE'], env), []);
  await lbaasOk(['floating', 'ip', 'set', '--port', 'cport1b', '--tag', 't1', address], env);
  const reassoc = await lbaasJson(['floating', 'ip', 'show', address], env);
  assert.deepEqual([reassoc['port_id'], reassoc['tags']], [port['id'], ['t1']]);
  assert.equal((await lbaasJson<Obj[]>(['floating', 'ip', 'list', '--tags', 't1'], env)).length, 1);
  await lbaasOk(['floating', 'ip', 'unset', '--tag', 't1', address], env);
  assert.deepEqual((await lbaasJson(['floating', 'ip', 'show', address], env))['tags'], []);
  const fipMissing = await runLbaas(['floating', 'ip', 'show', '198.51.100.9'], env);
  assert.deepEqual(
    [fipMissing.status, fipMissing.stderr],
    [1, 'Error while executing command: No FloatingIP found for 198.51.100.9\n'],
  );

  // Differential: the same server through openstackclient 6.0.0.
  if (!noOpenstack) {
    for (const args of [
      ['network', 'list'],
      ['network', 'list', '--long'],
      ['network', 'show', 'cn1b'],
      ['network', 'show', 'cpub'],
      ['subnet', 'list'],
      ['subnet', 'list', '--long'],
      ['subnet', 'show', 'csub1b'],
      ['port', 'list'],
      ['port', 'list', '--long'],
      ['port', 'show', 'cport1b'],
      ['floating', 'ip', 'list'],
      ['floating', 'ip', 'list', '--long'],
      ['floating', 'ip', 'show', address],
    ]) {
      await sameOutput(args);
    }
    for (const args of [
      ['network', 'show', 'cn1b'],
      ['subnet', 'show', 'csub1b'],
      ['port', 'show', 'cport1b'],
      ['floating', 'ip', 'show', address],
    ]) {
      await sameOutput(args, 'value');
    }
    await sameOutput(['network', 'list', '--long'], 'csv');
    await sameOutput(['port', 'list', '--long'], 'value');
    await sameFailure(['network', 'show', 'nope']);
    await sameFailure(['network', 'show', 'cdup']);
    await sameFailure(['subnet', 'show', 'nope']);
    await sameFailure(['port', 'delete', 'nope', 'nope2']);
    await sameFailure(['floating', 'ip', 'show', '198.51.100.9']);
  }

  // Cleanup by name, several at once.
  await lbaasOk(['floating', 'ip', 'delete', address], env);
  await lbaasOk(['port', 'delete', 'cport1b'], env);
  await lbaasOk(['subnet', 'delete', 'csub1b', 'cpubsub'], env);
  await lbaasOk(['network', 'delete', 'cn1b', 'cpub'], env);
  assert.equal((await runLbaas(['network', 'show', 'cn1b'], env)).status, 1);
});
