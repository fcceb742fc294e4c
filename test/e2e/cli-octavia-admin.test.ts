// `lbaas loadbalancer quota|provider|flavor|flavorprofile|availabilityzone|availabilityzoneprofile|amphora …`
// (python-octaviaclient's admin commands) run as a subprocess against a real `lbaas server` in noauth mode
// (the caller is admin), with DIFFERENTIAL checks against the real `openstack` CLI where it is installed.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasProcess } from '../support/lbaas-process.js';
import { assertSameAsOpenstack } from '../support/openstack-diff.js';

// Rows and columns of shared/spec/octavia-api.md §9.2.
const QUOTA_ROWS = ['load_balancer', 'listener', 'pool', 'health_monitor', 'member', 'l7policy', 'l7rule'];
const QUOTA_COLUMNS = ['project_id', ...QUOTA_ROWS];
const FLAVOR_ROWS = ['id', 'name', 'flavor_profile_id', 'enabled', 'description'];
const FLAVOR_COLUMNS = ['id', 'name', 'flavor_profile_id', 'enabled'];
const FLAVORPROFILE_ROWS = ['id', 'name', 'provider_name', 'flavor_data'];
const PROFILE_COLUMNS = ['id', 'name', 'provider_name'];
const AZ_ROWS = ['name', 'availability_zone_profile_id', 'enabled', 'description'];
const AZ_COLUMNS = ['name', 'availability_zone_profile_id', 'enabled'];
const AZPROFILE_ROWS = ['id', 'name', 'provider_name', 'availability_zone_data'];

type Obj = Record<string, unknown>;

let server: LbaasProcess;
let env: Record<string, string>;

before(async () => {
  server = await LbaasProcess.start({
    LBAAS_AUTH: 'noauth',
    LBAAS_DRIVER: 'noop',
    LBAAS_NOOP_DELAY_MS: '300',
    LBAAS_RESYNC_INTERVAL_MS: '1000',
  });
  env = noauthEnv(server.url);
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

/** DIFFERENTIAL: the same JSON as `openstack`; 3.1.0 prints every row/column of these commands. */
async function sameAsOpenstack(args: string[]): Promise<void> {
  assert.deepEqual(await assertSameAsOpenstack(server.url, env, args), [], args.join(' '));
}

test('loadbalancer quota: set/show/list/defaults/unset/reset and octaviaclient checks', async () => {
  // Under noauth there is no Keystone: the project argument is taken as the id, like osc on a 403.
  const project = 'default-project';
  const set = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'quota',
      'set',
      '--loadbalancer',
      '7',
      '--healthmonitor',
      '3',
      '--member',
      '-1',
      project,
    ],
    env,
  );
  assert.deepEqual(Object.keys(set), QUOTA_ROWS);
  assert.deepEqual(set, {
    load_balancer: 7,
    listener: -1,
    pool: -1,
    health_monitor: 3,
    member: -1,
    l7policy: -1,
    l7rule: -1,
  });
  assert.deepEqual(await lbaasJson(['loadbalancer', 'quota', 'show', project], env), set);
  assert.equal(
    await lbaasOk(['loadbalancer', 'quota', 'show', project, '-f', 'value', '-c', 'load_balancer'], env),
    '7\n',
  );
  const list = await lbaasJson<Obj[]>(['loadbalancer', 'quota', 'list'], env);
  assert.deepEqual(Object.keys(list[0]!), QUOTA_COLUMNS);
  assert.deepEqual(list, [
    {
      project_id: project,
      load_balancer: 7,
      listener: null,
      pool: null,
      health_monitor: 3,
      member: -1,
      l7policy: null,
      l7rule: null,
    },
  ]);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'quota', 'list', '--project', 'other'], env), []);
  await sameAsOpenstack(['loadbalancer', 'quota', 'list']);
  await sameAsOpenstack(['loadbalancer', 'quota', 'show', project]);
  await sameAsOpenstack(['loadbalancer', 'quota', 'defaults', 'show']);

  // unset sends `loadbalancer`/`healthmonitor` (null = back to the default).
  await lbaasOk(['loadbalancer', 'quota', 'unset', project, '--loadbalancer', '--healthmonitor'], env);
  assert.deepEqual(
    await lbaasJson(
      ['loadbalancer', 'quota', 'show', project, '-c', 'load_balancer', '-c', 'health_monitor'],
      env,
    ),
    { load_balancer: -1, health_monitor: -1 },
  );
  await lbaasOk(['loadbalancer', 'quota', 'reset', project], env);
  // No stored limits are left (the server may keep an all-null record).
  const afterReset = await lbaasJson<Obj[]>(['loadbalancer', 'quota', 'list'], env);
  assert.ok(
    afterReset.every((q) => QUOTA_ROWS.every((k) => q[k] === null)),
    JSON.stringify(afterReset),
  );
  const defaults = await lbaasJson<Obj>(['loadbalancer', 'quota', 'defaults', 'show'], env);
  assert.deepEqual(Object.keys(defaults), QUOTA_ROWS);
  assert.ok(Object.values(defaults).every((v) => v === -1));

  await Promise.all([
    fails(
      ['loadbalancer', 'quota', 'set', project],
      1,
      'Missing required argument. Requires at least one of: --healthmonitor, --listener, --loadbalancer, --member, --pool, --l7policy, --l7rule',
    ),
    fails(
      ['loadbalancer', 'quota', 'set', '--pool', 'many', project],
      1,
      "invalid literal for int() with base 10: 'many'",
    ),
    // The server's fault: a limit out of range.
    fails(['loadbalancer', 'quota', 'set', '--pool', '-2', project], 1, /Invalid input|-2/),
  ]);
});

test('loadbalancer provider list and capability list', async () => {
  const providers = await lbaasJson<Obj[]>(['loadbalancer', 'provider', 'list'], env);
  assert.deepEqual(Object.keys(providers[0]!), ['name', 'description']);
  assert.deepEqual(
    providers.map((p) => p.name),
    ['amphora', 'octavia'],
  );
  const caps = await lbaasJson<Obj[]>(['loadbalancer', 'provider', 'capability', 'list', 'amphora'], env);
  assert.deepEqual(Object.keys(caps[0]!), ['type', 'name', 'description']);
  assert.deepEqual(new Set(caps.map((c) => c.type)), new Set(['flavor', 'availability_zone']));
  assert.equal(
    caps.findIndex((c) => c.type === 'availability_zone') > caps.findIndex((c) => c.type === 'flavor'),
    true,
  );
  const flavorOnly = await lbaasJson<Obj[]>(
    ['loadbalancer', 'provider', 'capability', 'list', 'amphora', '--flavor'],
    env,
  );
  assert.deepEqual(
    flavorOnly,
    caps.filter((c) => c.type === 'flavor'),
  );
  assert.equal(
    await lbaasOk(
      [
        'loadbalancer',
        'provider',
        'capability',
        'list',
        'amphora',
        '--availability-zone',
        '-f',
        'value',
        '-c',
        'name',
      ],
      env,
    ),
    caps
      .filter((c) => c.type === 'availability_zone')
      .map((c) => `${String(c.name)}\n`)
      .join(''),
  );
  await Promise.all([
    fails(
      ['loadbalancer', 'provider', 'capability', 'list', 'amphora', '--flavor', '--availability-zone'],
      2,
      /--availability-zone/,
    ),
    fails(['loadbalancer', 'provider', 'capability', 'list', 'nope'], 1, /^Provider 'nope' is not enabled\./),
  ]);
  await sameAsOpenstack(['loadbalancer', 'provider', 'list']);
  await sameAsOpenstack(['loadbalancer', 'provider', 'capability', 'list', 'amphora']);
});

test('loadbalancer flavorprofile and flavor: create/list/show/set/unset/delete', async () => {
  const fp = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'flavorprofile',
      'create',
      '--name',
      'fp1',
      '--provider',
      'amphora',
      '--flavor-data',
      '{"loadbalancer_topology": "SINGLE"}',
    ],
    env,
  );
  assert.deepEqual(Object.keys(fp), FLAVORPROFILE_ROWS);
  assert.deepEqual(
    [fp.name, fp.provider_name, fp.flavor_data],
    ['fp1', 'amphora', '{"loadbalancer_topology": "SINGLE"}'],
  );
  const fpId = String(fp.id);
  const fpList = await lbaasJson<Obj[]>(
    ['loadbalancer', 'flavorprofile', 'list', '--provider', 'amphora'],
    env,
  );
  assert.deepEqual(Object.keys(fpList[0]!), PROFILE_COLUMNS);
  assert.deepEqual(fpList, [{ id: fpId, name: 'fp1', provider_name: 'amphora' }]);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavorprofile', 'list', '--name', 'other'], env), []);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavorprofile', 'show', 'fp1'], env), fp);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavorprofile', 'show', fpId], env), fp);
  await lbaasOk(['loadbalancer', 'flavorprofile', 'set', 'fp1', '--name', 'fp2', '--flavor-data', '{}'], env);
  assert.deepEqual(
    await lbaasJson(['loadbalancer', 'flavorprofile', 'show', fpId, '-c', 'name', '-c', 'flavor_data'], env),
    {
      name: 'fp2',
      flavor_data: '{}',
    },
  );

  const flavor = await lbaasJson<Obj>(
    ['loadbalancer', 'flavor', 'create', '--name', 'f1', '--flavorprofile', 'fp2', '--description', 'small'],
    env,
  );
  assert.deepEqual(Object.keys(flavor), FLAVOR_ROWS);
  assert.deepEqual(
    [flavor.name, flavor.flavor_profile_id, flavor.enabled, flavor.description],
    ['f1', fpId, true, 'small'],
  );
  const flavorId = String(flavor.id);
  const flavors = await lbaasJson<Obj[]>(
    ['loadbalancer', 'flavor', 'list', '--flavorprofile', 'fp2', '--enable'],
    env,
  );
  assert.deepEqual(Object.keys(flavors[0]!), FLAVOR_COLUMNS);
  assert.deepEqual(flavors, [{ id: flavorId, name: 'f1', flavor_profile_id: fpId, enabled: true }]);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavor', 'list', '--disable'], env), []);
  assert.equal(
    await lbaasOk(['loadbalancer', 'flavor', 'list', '--name', 'f1', '-f', 'value', '-c', 'id'], env),
    `${flavorId}\n`,
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavor', 'show', 'f1'], env), flavor);
  await lbaasOk(
    ['loadbalancer', 'flavor', 'set', 'f1', '--name', 'f2', '--description', 'tiny', '--disable'],
    env,
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavor', 'show', flavorId], env), {
    ...flavor,
    name: 'f2',
    description: 'tiny',
    enabled: false,
  });
  await lbaasOk(['loadbalancer', 'flavor', 'unset', 'f2', '--description'], env);
  assert.equal(
    await lbaasOk(['loadbalancer', 'flavor', 'show', 'f2', '-f', 'value', '-c', 'description'], env),
    'None\n', // cliff prints a null as None
  );

  // Ambiguous profile names, unknown names, the server's faults.
  await lbaasOk(
    [
      'loadbalancer',
      'flavorprofile',
      'create',
      '--name',
      'fp2',
      '--provider',
      'amphora',
      '--flavor-data',
      '{}',
    ],
    env,
  );
  await Promise.all([
    fails(
      ['loadbalancer', 'flavorprofile', 'show', 'fp2'],
      1,
      '2 flavorprofiles found with name or ID of fp2. Please try again with UUID',
    ),
    fails(
      ['loadbalancer', 'flavor', 'create', '--name', 'f3', '--flavorprofile', 'fp2'],
      1,
      '2 flavorprofiles found with name or ID of fp2',
    ),
    fails(['loadbalancer', 'flavor', 'show', 'nope'], 1, 'Unable to locate nope in flavors'),
    fails(['loadbalancer', 'flavor', 'create', '--name', 'f3'], 2, /--flavorprofile/),
    fails(
      [
        'loadbalancer',
        'flavorprofile',
        'create',
        '--name',
        'x',
        '--provider',
        'amphora',
        '--flavor-data',
        'nojson',
      ],
      1,
      /^nojson is not a valid option for flavor_data/,
    ),
    fails(['loadbalancer', 'flavor', 'create', '--name', 'f2', '--flavorprofile', fpId], 1, /already exists/),
  ]);

  await sameAsOpenstack(['loadbalancer', 'flavorprofile', 'list']);
  await sameAsOpenstack(['loadbalancer', 'flavorprofile', 'show', fpId]);
  await sameAsOpenstack(['loadbalancer', 'flavor', 'list']);
  await sameAsOpenstack(['loadbalancer', 'flavor', 'show', 'f2']);

  await lbaasOk(['loadbalancer', 'flavor', 'delete', 'f2'], env);
  for (const p of await lbaasJson<Obj[]>(['loadbalancer', 'flavorprofile', 'list'], env)) {
    await lbaasOk(['loadbalancer', 'flavorprofile', 'delete', String(p.id)], env);
  }
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavor', 'list'], env), []);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'flavorprofile', 'list'], env), []);
});

test('loadbalancer availabilityzoneprofile and availabilityzone: create/list/show/set/unset/delete', async () => {
  const azp = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'availabilityzoneprofile',
      'create',
      '--name',
      'azp1',
      '--provider',
      'amphora',
      '--availability-zone-data',
      '{}',
    ],
    env,
  );
  assert.deepEqual(Object.keys(azp), AZPROFILE_ROWS);
  const azpId = String(azp.id);
  const azps = await lbaasJson<Obj[]>(
    ['loadbalancer', 'availabilityzoneprofile', 'list', '--name', 'azp1'],
    env,
  );
  assert.deepEqual(Object.keys(azps[0]!), PROFILE_COLUMNS);
  assert.deepEqual(azps, [{ id: azpId, name: 'azp1', provider_name: 'amphora' }]);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'availabilityzoneprofile', 'show', 'azp1'], env), azp);
  await lbaasOk(['loadbalancer', 'availabilityzoneprofile', 'set', azpId, '--name', 'azp2'], env);
  assert.equal(
    await lbaasOk(
      ['loadbalancer', 'availabilityzoneprofile', 'show', azpId, '-f', 'value', '-c', 'name'],
      env,
    ),
    'azp2\n',
  );

  const az = await lbaasJson<Obj>(
    [
      'loadbalancer',
      'availabilityzone',
      'create',
      '--name',
      'az1',
      '--availabilityzoneprofile',
      'azp2',
      '--description',
      'd1',
      '--disable',
    ],
    env,
  );
  assert.deepEqual(Object.keys(az), AZ_ROWS);
  assert.deepEqual(az, {
    name: 'az1',
    availability_zone_profile_id: azpId,
    enabled: false,
    description: 'd1',
  });
  const zones = await lbaasJson<Obj[]>(['loadbalancer', 'availabilityzone', 'list', '--disable'], env);
  assert.deepEqual(Object.keys(zones[0]!), AZ_COLUMNS);
  assert.deepEqual(zones, [{ name: 'az1', availability_zone_profile_id: azpId, enabled: false }]);
  assert.deepEqual(
    await lbaasJson(
      ['loadbalancer', 'availabilityzone', 'list', '--availabilityzoneprofile', azpId, '--enable'],
      env,
    ),
    [],
  );
  assert.deepEqual(await lbaasJson(['loadbalancer', 'availabilityzone', 'show', 'az1'], env), az);
  await lbaasOk(['loadbalancer', 'availabilityzone', 'set', 'az1', '--description', 'd2', '--enable'], env);
  assert.deepEqual(
    await lbaasJson(
      ['loadbalancer', 'availabilityzone', 'show', 'az1', '-c', 'enabled', '-c', 'description'],
      env,
    ),
    {
      enabled: true,
      description: 'd2',
    },
  );
  await lbaasOk(['loadbalancer', 'availabilityzone', 'unset', 'az1', '--description'], env);
  assert.equal(
    await lbaasOk(
      ['loadbalancer', 'availabilityzone', 'show', 'az1', '-f', 'value', '-c', 'description'],
      env,
    ),
    'None\n',
  );

  await Promise.all([
    // Zones are found by name only.
    fails(
      ['loadbalancer', 'availabilityzone', 'show', 'nope'],
      1,
      'Unable to locate nope in availability_zones',
    ),
    fails(
      ['loadbalancer', 'availabilityzoneprofile', 'show', 'nope'],
      1,
      'Unable to locate nope in availability_zone_profiles',
    ),
    fails(['loadbalancer', 'availabilityzone', 'create', '--name', 'az2'], 2, /--availabilityzoneprofile/),
    // The server's faults: a duplicate name, a profile in use.
    fails(
      ['loadbalancer', 'availabilityzone', 'create', '--name', 'az1', '--availabilityzoneprofile', azpId],
      1,
      /already exists/,
    ),
    fails(['loadbalancer', 'availabilityzoneprofile', 'delete', azpId], 1, /in use/),
  ]);

  await sameAsOpenstack(['loadbalancer', 'availabilityzoneprofile', 'list']);
  await sameAsOpenstack(['loadbalancer', 'availabilityzoneprofile', 'show', azpId]);
  await sameAsOpenstack(['loadbalancer', 'availabilityzone', 'list']);
  await sameAsOpenstack(['loadbalancer', 'availabilityzone', 'show', 'az1']);

  await lbaasOk(['loadbalancer', 'availabilityzone', 'delete', 'az1'], env);
  await lbaasOk(['loadbalancer', 'availabilityzoneprofile', 'delete', 'azp2'], env);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'availabilityzone', 'list'], env), []);
  assert.deepEqual(await lbaasJson(['loadbalancer', 'availabilityzoneprofile', 'list'], env), []);
});

test('loadbalancer amphora: every command prints the server 501 fault and exits 1', async () => {
  const id = '6f0f5b7e-2a44-4d43-9b6e-1d2f3e4a5b6c';
  const commands = [
    ['list'],
    ['list', '--long', '--role', 'master', '--status', 'ready'],
    ['show', id],
    ['configure', id, '--wait'],
    ['failover', id, '--wait'],
    ['delete', id, '--wait'],
    ['stats', 'show', id],
  ];
  await Promise.all(
    commands.map((c) =>
      fails(
        ['loadbalancer', 'amphora', ...c],
        1,
        /^The amphora API is not implemented by this deployment\. \(HTTP 501\)/,
      ),
    ),
  );
  await fails(['loadbalancer', 'amphora', 'list', '--role', 'LEADER'], 2, 'argument --role: invalid choice');
});
