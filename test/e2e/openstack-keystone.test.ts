// End to end with the real Debian `openstack` CLI in Keystone password mode (shared/spec/openstack-clients.md
// §2.1) against a real `lbaas server --auth keystone --driver noop` process: the bootstrap admin manages
// projects, users and role assignments; members see only their own project's load balancers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { LbaasProcess } from '../support/lbaas-process.js';

const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasOpenstack
  ? false
  : 'the openstack CLI is not installed (apt-get install python3-openstackclient python3-octaviaclient)';
if (!hasOpenstack && process.env.CI)
  throw new Error('CI must run the openstack keystone end-to-end test, but `openstack` is missing');

let server: LbaasProcess;
let dir: string;
let cloudsFile: string;

/** One clouds.yaml entry in password mode (values JSON-quoted). */
function cloud(name: string, user: string, password: string, project: string): string {
  return [
    `  ${name}:`,
    '    auth:',
    `      auth_url: ${JSON.stringify(`${server.url}/identity/v3`)}`,
    `      username: ${JSON.stringify(user)}`,
    `      password: ${JSON.stringify(password)}`,
    `      project_name: ${JSON.stringify(project)}`,
    '      user_domain_name: Default',
    '      project_domain_name: Default',
    '    region_name: RegionOne',
    '    identity_api_version: 3',
  ].join('\n');
}

before(async () => {
  if (skip) return;
  server = await LbaasProcess.start(
    { LBAAS_NOOP_DELAY_MS: '300', LBAAS_RESYNC_INTERVAL_MS: '1000' },
    'warn',
    ['--auth', 'keystone', '--driver', 'noop'],
  );
  const adminPassword = readFileSync(join(server.stateDir, 'admin-password'), 'utf8').trim();
  dir = mkdtempSync(join(tmpdir(), 'lbaas-osc-'));
  cloudsFile = join(dir, 'clouds.yaml');
  writeFileSync(
    cloudsFile,
    [
      'clouds:',
      cloud('admin', 'admin', adminPassword, 'admin'),
      cloud('u2', 'u2', 'pw-u2', 'p2'),
      cloud('u3', 'u3', 'pw-u3', 'p3'),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs `openstack <args>` as cloud `as`; returns stdout (throws with stderr unless `expectFail`). */
function os(
  as: string,
  args: string[],
  opts: { expectFail?: boolean } = {},
): { stdout: string; stderr: string } {
  const r = spawnSync('openstack', args, {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      OS_CLIENT_CONFIG_FILE: cloudsFile,
      OS_CLOUD: as,
      OS_AUTH_TYPE: '',
      OS_ENDPOINT: '',
    },
  });
  if (opts.expectFail ? r.status === 0 : r.status !== 0) {
    throw new Error(
      `openstack ${args.join(' ')} as ${as}: status ${r.status}:\n${r.stderr}\n${r.stdout}\nserver log tail:\n${server.logs.slice(-20).join('\n')}`,
    );
  }
  return { stdout: r.stdout, stderr: r.stderr };
}

function osJson(as: string, args: string[]): unknown {
  return JSON.parse(os(as, [...args, '-f', 'json']).stdout);
}

test(
  'openstack CLI with keystone auth: identity admin, member scoping, cross-project isolation',
  { skip, timeout: 600_000 },
  () => {
    const token = osJson('admin', ['token', 'issue']) as { id: string; project_id: string; user_id: string };
    assert.match(token.id, /^[A-Za-z0-9_-]{43}$/);

    for (const [user, project] of [
      ['u2', 'p2'],
      ['u3', 'p3'],
    ] as const) {
      os('admin', ['project', 'create', project]);
      os('admin', ['user', 'create', '--project', project, '--password', `pw-${user}`, user]);
      os('admin', ['role', 'add', '--project', project, '--user', user, 'load-balancer_member']);
    }
    const assignments = osJson('admin', [
      'role',
      'assignment',
      'list',
      '--user',
      'u2',
      '--project',
      'p2',
      '--names',
    ]) as {
      Role: string;
      User: string;
      Project: string;
    }[];
    assert.deepEqual(
      assignments.map((a) => [a.Role, a.User, a.Project]),
      [['load-balancer_member', 'u2@Default', 'p2@Default']],
    );

    const lb = osJson('u2', [
      'loadbalancer',
      'create',
      '--vip-subnet-id',
      'lbaas-loopback-subnet',
      '--name',
      'lb-u2',
      '--wait',
    ]) as {
      id: string;
      provisioning_status: string;
    };
    assert.equal(lb.provisioning_status, 'ACTIVE');
    const mine = osJson('u2', ['loadbalancer', 'list']) as { name: string }[];
    assert.deepEqual(
      mine.map((x) => x.name),
      ['lb-u2'],
    );

    // Another project's member: not in its list, and show by id is refused.
    const theirs = osJson('u3', ['loadbalancer', 'list']) as { id: string }[];
    assert.equal(
      theirs.some((x) => x.id === lb.id),
      false,
    );
    const shown = os('u3', ['loadbalancer', 'show', lb.id], { expectFail: true });
    assert.match(shown.stderr, /Policy does not allow this request to be performed|Forbidden|403/);
  },
);
