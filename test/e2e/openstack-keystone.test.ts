// End to end with the real Debian `openstack` CLI in Keystone password mode (shared/spec/openstack-clients.md
// §2.1) against a real `lbaas server --auth keystone --driver noop` process: the bootstrap admin manages
// projects, users and role assignments; a member runs the seed workflow; another project's member can
// neither list, show nor delete it; a quota set by the admin stops the member's next create.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  throw new Error('CI must run the openstack keystone end-to-end test, but `openstack` is missing');

let server: LbaasProcess;
let dir: string;
let cloudsFile: string;

/** One clouds.yaml entry in password mode, logging in at the server under test. */
function cloud(name: string, user: string, password: string, project: string): string {
  return passwordCloud(name, `${server.url}/identity/v3`, { username: user, password, project });
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
      cloud('u1', 'u1', 'pw-u1', 'p1'),
      cloud('u2', 'u2', 'pw-u2', 'p2'),
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
});
after(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const { os, osJson } = openstackRunner(() => ({ cloudsFile, logs: server.logs }));

test(
  'openstack CLI with keystone auth: identity admin, the seed workflow as a member, cross-project isolation, quotas',
  { skip, timeout: 600_000 },
  () => {
    const token = osJson('admin', ['token', 'issue']) as { id: string; project_id: string; user_id: string };
    assert.match(token.id, /^[A-Za-z0-9_-]{43}$/);

    for (const [user, project] of [
      ['u1', 'p1'],
      ['u2', 'p2'],
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

    // The seed workflow as u2 (project p2): load balancer → listeners TCP 80/443 → ROUND_ROBIN pools →
    // members → HTTP health monitor on /health → status show → stats show.
    const lb = osJson('u2', [
      'loadbalancer',
      'create',
      '--vip-subnet-id',
      'lbaas-loopback-subnet',
      '--name',
      'lb-u2',
      '--wait',
    ]) as { id: string; provisioning_status: string; project_id: string };
    assert.equal(lb.provisioning_status, 'ACTIVE');
    const p2 = osJson('admin', ['project', 'show', 'p2']) as { id: string };
    assert.equal(lb.project_id, p2.id, "the load balancer belongs to the token's project");
    for (const port of ['80', '443']) {
      os('u2', [
        'loadbalancer',
        'listener',
        'create',
        '--name',
        `l${port}`,
        '--protocol',
        'TCP',
        '--protocol-port',
        port,
        '--wait',
        'lb-u2',
      ]);
      os('u2', [
        'loadbalancer',
        'pool',
        'create',
        '--name',
        `pool${port}`,
        '--protocol',
        'TCP',
        '--lb-algorithm',
        'ROUND_ROBIN',
        '--listener',
        `l${port}`,
        '--wait',
      ]);
      for (const address of ['192.0.2.11', '192.0.2.12']) {
        os('u2', [
          'loadbalancer',
          'member',
          'create',
          '--address',
          address,
          '--protocol-port',
          port,
          '--wait',
          `pool${port}`,
        ]);
      }
      os('u2', [
        'loadbalancer',
        'healthmonitor',
        'create',
        '--name',
        `hm${port}`,
        '--delay',
        '5',
        '--timeout',
        '3',
        '--max-retries',
        '3',
        '--type',
        'HTTP',
        '--url-path',
        '/health',
        '--wait',
        `pool${port}`,
      ]);
    }
    // `status show` prints JSON itself and has no -f option.
    const status = JSON.parse(os('u2', ['loadbalancer', 'status', 'show', 'lb-u2']).stdout) as {
      loadbalancer: {
        provisioning_status: string;
        listeners: { name: string; pools: { members: unknown[]; health_monitor: { type: string } }[] }[];
      };
    };
    assert.equal(status.loadbalancer.provisioning_status, 'ACTIVE');
    assert.deepEqual(
      status.loadbalancer.listeners
        .map((l) => [l.name, l.pools[0]?.members.length, l.pools[0]?.health_monitor.type])
        .sort(),
      [
        ['l443', 2, 'HTTP'],
        ['l80', 2, 'HTTP'],
      ],
    );
    const stats = osJson('u2', ['loadbalancer', 'stats', 'show', 'lb-u2']) as Record<string, number>;
    assert.deepEqual(Object.keys(stats).sort(), [
      'active_connections',
      'bytes_in',
      'bytes_out',
      'request_errors',
      'total_connections',
    ]);
    const mine = osJson('u2', ['loadbalancer', 'list']) as { name: string }[];
    assert.deepEqual(
      mine.map((x) => x.name),
      ['lb-u2'],
    );

    // The other project's member (u1, p1): not in its list; show and delete by id are refused.
    const theirs = osJson('u1', ['loadbalancer', 'list']) as { id: string }[];
    assert.equal(
      theirs.some((x) => x.id === lb.id),
      false,
    );
    const shown = os('u1', ['loadbalancer', 'show', lb.id], { expectFail: true });
    assert.match(shown.stderr, /Policy does not allow this request to be performed/);
    const deleted = os('u1', ['loadbalancer', 'delete', '--cascade', lb.id], { expectFail: true });
    assert.match(deleted.stderr, /Policy does not allow this request to be performed|Unable to locate/);
    assert.equal((osJson('u2', ['loadbalancer', 'show', lb.id]) as { id: string }).id, lb.id, 'still there');

    // Quotas: the admin limits p2 to one load balancer; u2's second create fails; a member may read its
    // own project's quota but not set it.
    os('admin', ['loadbalancer', 'quota', 'set', '--loadbalancer', '1', 'p2']);
    // By id: as in Keystone, a member may not look projects up by name.
    const quota = osJson('u2', ['loadbalancer', 'quota', 'show', p2.id]) as Record<string, unknown>;
    assert.equal(quota.load_balancer, 1);
    const refused = os(
      'u2',
      ['loadbalancer', 'create', '--vip-subnet-id', 'lbaas-loopback-subnet', '--name', 'lb-u2-b'],
      { expectFail: true },
    );
    assert.match(refused.stderr, /Quota has been met for resources: Load Balancer/);
    const denied = os('u2', ['loadbalancer', 'quota', 'set', '--loadbalancer', '5', p2.id], {
      expectFail: true,
    });
    assert.match(denied.stderr, /Policy does not allow this request to be performed/);
    os('admin', ['loadbalancer', 'quota', 'reset', 'p2']);
    const other = osJson('u2', [
      'loadbalancer',
      'create',
      '--vip-subnet-id',
      'lbaas-loopback-subnet',
      '--name',
      'lb-u2-b',
      '--wait',
    ]) as { provisioning_status: string };
    assert.equal(other.provisioning_status, 'ACTIVE');
  },
);
