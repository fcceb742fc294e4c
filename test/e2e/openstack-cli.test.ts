// End to end with the real Debian `openstack` CLI (python3-openstackclient + python3-octaviaclient) in
// `auth_type none` mode against a real `lbaas server` process with the noop driver chosen explicitly (this
// test is about the API the CLI sees; the data plane has its own end-to-end tests)
// (shared/spec/openstack-clients.md §2.2).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { LbaasProcess } from '../support/lbaas-process.js';

const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasOpenstack
  ? false
  : 'the openstack CLI is not installed (apt-get install python3-openstackclient python3-octaviaclient)';
if (!hasOpenstack && process.env.CI)
  throw new Error('CI must run the openstack CLI end-to-end test, but `openstack` is missing');

let server: LbaasProcess;

before(async () => {
  if (skip) return;
  // A delay makes every change sit in PENDING_* for a moment, so `--wait` really waits.
  server = await LbaasProcess.start({
    LBAAS_AUTH: 'noauth',
    LBAAS_DRIVER: 'noop',
    LBAAS_NOOP_DELAY_MS: '300',
    LBAAS_RESYNC_INTERVAL_MS: '1000',
  });
});
after(async () => {
  await server?.stop();
});

/** Runs `openstack <args>`; returns stdout (throws with stderr on failure unless `expectFail`). */
function os(
  args: string[],
  opts: { expectFail?: boolean } = {},
): { stdout: string; stderr: string; status: number | null } {
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
  if (!opts.expectFail && r.status !== 0) {
    throw new Error(
      `openstack ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}\nserver log tail:\n${server.logs.slice(-20).join('\n')}`,
    );
  }
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function osJson(args: string[]): Record<string, unknown> {
  return JSON.parse(os([...args, '-f', 'json']).stdout) as Record<string, unknown>;
}

function osJsonList(args: string[]): Record<string, unknown>[] {
  return JSON.parse(os([...args, '-f', 'json']).stdout) as Record<string, unknown>[];
}

test('openstack loadbalancer: full lifecycle with --wait against lbaas', { skip, timeout: 600_000 }, () => {
  const lb = osJson([
    'loadbalancer',
    'create',
    '--name',
    'lb1',
    '--vip-subnet-id',
    'lbaas-loopback-subnet',
    '--wait',
  ]);
  assert.equal(lb.provisioning_status, 'ACTIVE');
  assert.match(String(lb.vip_address), /^127\.77\./);

  const listener = osJson([
    'loadbalancer',
    'listener',
    'create',
    '--name',
    'l1',
    '--protocol',
    'HTTP',
    '--protocol-port',
    '80',
    '--wait',
    'lb1',
  ]);
  assert.equal(listener.provisioning_status, 'ACTIVE');
  assert.equal(listener.protocol_port, 80);

  const pool = osJson([
    'loadbalancer',
    'pool',
    'create',
    '--name',
    'p1',
    '--lb-algorithm',
    'ROUND_ROBIN',
    '--listener',
    'l1',
    '--protocol',
    'HTTP',
    '--wait',
  ]);
  assert.equal(pool.provisioning_status, 'ACTIVE');
  assert.equal(pool.lb_algorithm, 'ROUND_ROBIN');

  const m1 = osJson([
    'loadbalancer',
    'member',
    'create',
    '--name',
    'm1',
    '--address',
    '127.0.0.1',
    '--protocol-port',
    '8081',
    '--wait',
    'p1',
  ]);
  assert.equal(m1.provisioning_status, 'ACTIVE');
  assert.equal(m1.operating_status, 'NO_MONITOR');
  osJson([
    'loadbalancer',
    'member',
    'create',
    '--name',
    'm2',
    '--address',
    '127.0.0.2',
    '--protocol-port',
    '8081',
    '--weight',
    '3',
    '--wait',
    'p1',
  ]);

  const hm = osJson([
    'loadbalancer',
    'healthmonitor',
    'create',
    '--name',
    'hm1',
    '--delay',
    '5',
    '--timeout',
    '3',
    '--max-retries',
    '3',
    '--type',
    'HTTP',
    '--wait',
    'p1',
  ]);
  assert.equal(hm.provisioning_status, 'ACTIVE');
  assert.equal(hm.http_method, 'GET');
  assert.equal(hm.url_path, '/');
  assert.equal(hm.expected_codes, '200');

  // The CLI sends connection_limit as a string ("10").
  os(['loadbalancer', 'set', '--description', 'hello', '--wait', 'lb1']);
  os(['loadbalancer', 'listener', 'set', '--connection-limit', '10', '--wait', 'l1']);
  os(['loadbalancer', 'pool', 'set', '--lb-algorithm', 'LEAST_CONNECTIONS', '--wait', 'p1']);
  os(['loadbalancer', 'member', 'set', '--weight', '5', '--wait', 'p1', 'm1']);
  os(['loadbalancer', 'healthmonitor', 'set', '--delay', '10', '--wait', 'hm1']);
  assert.equal(osJson(['loadbalancer', 'show', 'lb1']).description, 'hello');
  assert.equal(osJson(['loadbalancer', 'listener', 'show', 'l1']).connection_limit, 10);
  assert.equal(osJson(['loadbalancer', 'pool', 'show', 'p1']).lb_algorithm, 'LEAST_CONNECTIONS');
  assert.equal(osJson(['loadbalancer', 'member', 'show', 'p1', 'm1']).weight, 5);
  assert.equal(osJson(['loadbalancer', 'healthmonitor', 'show', 'hm1']).delay, 10);

  const members = osJsonList(['loadbalancer', 'member', 'list', 'p1']);
  assert.deepEqual(members.map((m) => m.name).sort(), ['m1', 'm2']);
  assert.ok(members.every((m) => m.provisioning_status === 'ACTIVE'));

  const lbs = osJsonList(['loadbalancer', 'list']);
  assert.deepEqual(
    lbs.map((l) => l.name),
    ['lb1'],
  );
  assert.equal(osJsonList(['loadbalancer', 'listener', 'list']).length, 1);
  assert.equal(osJsonList(['loadbalancer', 'pool', 'list']).length, 1);
  assert.equal(osJsonList(['loadbalancer', 'healthmonitor', 'list']).length, 1);

  const tree = JSON.parse(os(['loadbalancer', 'status', 'show', 'lb1']).stdout) as {
    loadbalancer: {
      name: string;
      provisioning_status: string;
      listeners: {
        name: string;
        pools: { name: string; health_monitor: { type: string }; members: unknown[] }[];
      }[];
    };
  };
  assert.equal(tree.loadbalancer.name, 'lb1');
  assert.equal(tree.loadbalancer.provisioning_status, 'ACTIVE');
  assert.equal(tree.loadbalancer.listeners[0]?.pools[0]?.name, 'p1');
  assert.equal(tree.loadbalancer.listeners[0]?.pools[0]?.health_monitor.type, 'HTTP');
  assert.equal(tree.loadbalancer.listeners[0]?.pools[0]?.members.length, 2);

  // A second listener and pool, deleted one by one with --wait.
  osJson([
    'loadbalancer',
    'listener',
    'create',
    '--name',
    'l2',
    '--protocol',
    'TCP',
    '--protocol-port',
    '8443',
    '--wait',
    'lb1',
  ]);
  osJson([
    'loadbalancer',
    'pool',
    'create',
    '--name',
    'p2',
    '--lb-algorithm',
    'SOURCE_IP',
    '--listener',
    'l2',
    '--protocol',
    'TCP',
    '--wait',
  ]);
  os(['loadbalancer', 'pool', 'delete', '--wait', 'p2']);
  os(['loadbalancer', 'listener', 'delete', '--wait', 'l2']);
  assert.deepEqual(
    osJsonList(['loadbalancer', 'listener', 'list']).map((l) => l.name),
    ['l1'],
  );
  assert.deepEqual(
    osJsonList(['loadbalancer', 'pool', 'list']).map((p) => p.name),
    ['p1'],
  );

  os(['loadbalancer', 'member', 'delete', '--wait', 'p1', 'm2']);
  assert.equal(osJsonList(['loadbalancer', 'member', 'list', 'p1']).length, 1);
  os(['loadbalancer', 'healthmonitor', 'delete', '--wait', 'hm1']);
  assert.equal(osJson(['loadbalancer', 'member', 'show', 'p1', 'm1']).operating_status, 'NO_MONITOR');

  const refused = os(['loadbalancer', 'delete', 'lb1'], { expectFail: true });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /Cannot delete Load Balancer .* - it has children/);

  os(['loadbalancer', 'delete', '--cascade', '--wait', 'lb1']);
  assert.deepEqual(osJsonList(['loadbalancer', 'list']), []);
  assert.deepEqual(osJsonList(['loadbalancer', 'listener', 'list']), []);
});

test(
  'openstack loadbalancer: providers, flavors and availability zones against lbaas',
  { skip, timeout: 600_000 },
  () => {
    assert.deepEqual(
      osJsonList(['loadbalancer', 'provider', 'list']).map((p) => p.name),
      ['amphora', 'octavia'],
    );
    assert.deepEqual(
      osJsonList(['loadbalancer', 'provider', 'capability', 'list', 'amphora']).map((c) => [c.type, c.name]),
      [
        ['flavor', 'loadbalancer_topology'],
        ['availability_zone', 'valid_vip_networks'],
      ],
    );

    const fp = osJson([
      'loadbalancer',
      'flavorprofile',
      'create',
      '--name',
      'fp',
      '--provider',
      'amphora',
      '--flavor-data',
      '{"loadbalancer_topology": "SINGLE"}',
    ]);
    assert.equal(fp.provider_name, 'amphora');
    const refused = os(
      [
        'loadbalancer',
        'flavorprofile',
        'create',
        '--name',
        'ha',
        '--provider',
        'amphora',
        '--flavor-data',
        '{"loadbalancer_topology": "ACTIVE_STANDBY"}',
      ],
      { expectFail: true },
    );
    assert.match(
      refused.stderr,
      /does not support a requested option: loadbalancer_topology 'ACTIVE_STANDBY'/,
    );

    const flavor = osJson([
      'loadbalancer',
      'flavor',
      'create',
      '--name',
      'f',
      '--flavorprofile',
      'fp',
      '--enable',
    ]);
    assert.equal(flavor.flavor_profile_id, fp.id);
    assert.equal(flavor.enabled, true);
    assert.deepEqual(
      osJsonList(['loadbalancer', 'flavor', 'list']).map((f) => [f.name, f.flavor_profile_id, f.enabled]),
      [['f', fp.id, true]],
    );
    assert.equal(osJson(['loadbalancer', 'flavor', 'show', 'f']).id, flavor.id);

    const azp = osJson([
      'loadbalancer',
      'availabilityzoneprofile',
      'create',
      '--name',
      'azp',
      '--provider',
      'amphora',
      '--availability-zone-data',
      '{}',
    ]);
    const az = osJson([
      'loadbalancer',
      'availabilityzone',
      'create',
      '--name',
      'az1',
      '--availabilityzoneprofile',
      'azp',
    ]);
    assert.equal(az.availability_zone_profile_id, azp.id);
    assert.deepEqual(
      osJsonList(['loadbalancer', 'availabilityzone', 'list']).map((z) => [z.name, z.enabled]),
      [['az1', true]],
    );

    const lb = osJson([
      'loadbalancer',
      'create',
      '--name',
      'flavored',
      '--vip-subnet-id',
      'lbaas-loopback-subnet',
      '--flavor',
      'f',
      '--availability-zone',
      'az1',
      '--wait',
    ]);
    assert.equal(lb.provisioning_status, 'ACTIVE');
    assert.equal(lb.flavor_id, flavor.id);
    assert.equal(lb.availability_zone, 'az1');
    assert.match(
      os(['loadbalancer', 'flavor', 'delete', 'f'], { expectFail: true }).stderr,
      /is in use and cannot be modified/,
    );

    os(['loadbalancer', 'delete', '--wait', 'flavored']);
    os(['loadbalancer', 'flavor', 'delete', 'f']);
    os(['loadbalancer', 'flavorprofile', 'delete', 'fp']);
    os(['loadbalancer', 'availabilityzone', 'delete', 'az1']);
    os(['loadbalancer', 'availabilityzoneprofile', 'delete', 'azp']);
    assert.deepEqual(osJsonList(['loadbalancer', 'flavor', 'list']), []);
    assert.deepEqual(osJsonList(['loadbalancer', 'availabilityzone', 'list']), []);
  },
);

test('openstack loadbalancer quota: set, show, list, enforcement, reset', { skip, timeout: 600_000 }, () => {
  // The CLI sends no X-Project-Id: under noauth its requests belong to the default project. The project
  // argument is looked up under the endpoint first; lbaas answers 403 and the CLI uses the name as the id.
  const project = 'default-project';
  const before = osJsonList(['loadbalancer', 'list']).length;
  const limit = before + 1;
  const unlimited = { listener: -1, pool: -1, health_monitor: -1, member: -1, l7policy: -1, l7rule: -1 };

  const set = osJson(['loadbalancer', 'quota', 'set', '--loadbalancer', String(limit), project]);
  assert.deepEqual(set, { load_balancer: limit, ...unlimited });
  assert.deepEqual(osJson(['loadbalancer', 'quota', 'show', project]), {
    load_balancer: limit,
    ...unlimited,
  });
  // The table output too.
  const table = os(['loadbalancer', 'quota', 'show', project]).stdout;
  assert.match(table, new RegExp(`\\|\\s*load_balancer\\s*\\|\\s*${limit}\\s*\\|`));
  assert.match(table, /\|\s*member\s*\|\s*-1\s*\|/);
  assert.deepEqual(
    osJsonList(['loadbalancer', 'quota', 'list']).find((q) => q.project_id === project),
    {
      project_id: project,
      load_balancer: limit,
      listener: null,
      pool: null,
      health_monitor: null,
      member: null,
      l7policy: null,
      l7rule: null,
    },
  );

  const lb = osJson([
    'loadbalancer',
    'create',
    '--name',
    'quota-lb',
    '--vip-subnet-id',
    'lbaas-loopback-subnet',
    '--wait',
  ]);
  assert.equal(lb.provisioning_status, 'ACTIVE');
  const refused = os(
    ['loadbalancer', 'create', '--name', 'over', '--vip-subnet-id', 'lbaas-loopback-subnet'],
    {
      expectFail: true,
    },
  );
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /Quota has been met for resources: Load Balancer/);
  assert.equal(osJsonList(['loadbalancer', 'list']).length, limit);

  os(['loadbalancer', 'quota', 'reset', project]);
  assert.deepEqual(osJson(['loadbalancer', 'quota', 'show', project]), { load_balancer: -1, ...unlimited });
  assert.deepEqual(osJson(['loadbalancer', 'quota', 'defaults', 'show']), {
    load_balancer: -1,
    ...unlimited,
  });
  os(['loadbalancer', 'delete', '--wait', 'quota-lb']);
});
