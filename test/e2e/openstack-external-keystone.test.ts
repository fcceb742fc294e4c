// End to end with the real Debian `openstack` CLI and TWO real `lbaas server` processes: server 1 (built-in
// identity) plays the deployment's Keystone; server 2 runs `--keystone-url <server 1>/identity/v3` and
// validates every token there with its service user. The CLI logs in at server 1 and reaches server 2
// through clouds.yaml's `load_balancer_endpoint_override` / `network_endpoint_override` (osc-lib and
// openstacksdk options), because server 1's catalog lists server 1 itself. The one call that ignores the
// overrides (neutronclient's subnet lookup in `loadbalancer create`) is replaced by a plain HTTP create.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LbaasProcess } from '../support/lbaas-process.js';
import { openstackRunner, passwordCloud } from '../support/openstack-cli.js';

const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasOpenstack
  ? false
  : 'the openstack CLI is not installed (apt-get install python3-openstackclient python3-octaviaclient)';
if (!hasOpenstack && process.env.CI)
  throw new Error('CI must run the external keystone end-to-end test, but `openstack` is missing');

const ADMIN_PASSWORD = 'e2e-admin-pw';
let keystone: LbaasProcess;
let server: LbaasProcess | undefined;
let dir: string;
let cloudsFile: string;

/** One clouds.yaml entry: log in at server 1; with `overrides`, the APIs of server 2. */
function cloud(name: string, user: string, password: string, project: string, overrides: boolean): string {
  return passwordCloud(
    name,
    `${keystone.url}/identity/v3`,
    { username: user, password, project },
    overrides && server
      ? [
          `    load_balancer_endpoint_override: ${JSON.stringify(`${server.url}/load-balancer`)}`,
          `    network_endpoint_override: ${JSON.stringify(`${server.url}/network/v2.0`)}`,
        ]
      : [],
  );
}

function writeClouds(): void {
  writeFileSync(
    cloudsFile,
    [
      'clouds:',
      cloud('admin', 'admin', ADMIN_PASSWORD, 'admin', false),
      cloud('u1', 'u1', 'pw-u1', 'p1', true),
      cloud('u2', 'u2', 'pw-u2', 'p2', true),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

const { os, osJson } = openstackRunner(() => ({ cloudsFile, logs: server?.logs, label: 'server 2' }));

before(async () => {
  if (skip) return;
  keystone = await LbaasProcess.start({ LBAAS_ADMIN_PASSWORD: ADMIN_PASSWORD }, 'warn', [
    '--auth',
    'keystone',
    '--driver',
    'noop',
  ]);
  dir = mkdtempSync(join(tmpdir(), 'lbaas-osc-ext-'));
  cloudsFile = join(dir, 'clouds.yaml');
  writeClouds();
});
after(async () => {
  await server?.stop();
  await keystone?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(
  'openstack CLI against a server validating tokens at an external Keystone (a second lbaas server)',
  { skip, timeout: 600_000 },
  async () => {
    // At "the Keystone": the service user (role service on project service) and two project members.
    os('admin', ['user', 'create', '--project', 'service', '--password', 'svc-pw', 'lbaas-svc']);
    os('admin', ['role', 'add', '--project', 'service', '--user', 'lbaas-svc', 'service']);
    for (const [user, project] of [
      ['u1', 'p1'],
      ['u2', 'p2'],
    ] as const) {
      os('admin', ['project', 'create', project]);
      os('admin', ['user', 'create', '--project', project, '--password', `pw-${user}`, user]);
      os('admin', ['role', 'add', '--project', project, '--user', user, 'load-balancer_member']);
    }
    const p1 = (osJson('admin', ['project', 'show', 'p1']) as { id: string }).id;

    server = await LbaasProcess.start(
      {
        LBAAS_AUTH: 'keystone',
        LBAAS_KEYSTONE_USERNAME: 'lbaas-svc',
        LBAAS_KEYSTONE_PASSWORD: 'svc-pw',
        LBAAS_NOOP_DELAY_MS: '200',
        LBAAS_RESYNC_INTERVAL_MS: '1000',
      },
      'warn',
      ['--driver', 'noop', '--keystone-url', `${keystone.url}/identity/v3`],
    );
    assert.equal(existsSync(join(server.stateDir, 'admin-password')), false);
    assert.equal(existsSync(join(server.stateDir, 'clouds.yaml')), false);
    writeClouds();

    // `loadbalancer create` resolves --vip-subnet-id with neutronclient, which ignores endpoint overrides
    // and asks server 1's catalog: create over HTTP with a token the CLI issued at server 1 instead.
    const subnet = (osJson('u1', ['subnet', 'show', 'lbaas-loopback-subnet']) as { id: string }).id;
    const token = (osJson('u1', ['token', 'issue']) as { id: string }).id;
    const created = await fetch(`${server.url}/load-balancer/v2/lbaas/loadbalancers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': token },
      body: JSON.stringify({ loadbalancer: { name: 'lb-u1', vip_subnet_id: subnet } }),
    });
    assert.equal(created.status, 201, await created.clone().text());
    const lbId = ((await created.json()) as { loadbalancer: { id: string } }).loadbalancer.id;
    const deadline = Date.now() + 60_000;
    let lb = osJson('u1', ['loadbalancer', 'show', lbId]) as {
      id: string;
      provisioning_status: string;
      project_id: string;
    };
    while (lb.provisioning_status !== 'ACTIVE' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 300));
      lb = osJson('u1', ['loadbalancer', 'show', lbId]) as typeof lb;
    }
    assert.equal(lb.provisioning_status, 'ACTIVE');
    assert.equal(lb.project_id, p1);
    const mine = osJson('u1', ['loadbalancer', 'list']) as { id: string }[];
    assert.deepEqual(
      mine.map((l) => l.id),
      [lb.id],
    );
    // Another project sees nothing and may not touch it.
    assert.deepEqual(osJson('u2', ['loadbalancer', 'list']), []);
    const denied = os('u2', ['loadbalancer', 'show', lb.id], { expectFail: true });
    assert.match(denied.stderr, /403|Policy does not allow/);
    // The load balancer lives on server 2, not on the Keystone server.
    assert.deepEqual(osJson('admin', ['loadbalancer', 'list']), []);
    os('u1', ['loadbalancer', 'delete', '--wait', lb.id]);
    assert.deepEqual(osJson('u1', ['loadbalancer', 'list']), []);
    // Server 2 serves no identity API.
    assert.equal((await fetch(`${server.url}/identity/v3`)).status, 404);
  },
);
