// End to end with the real Debian `openstack` CLI and python3-barbicanclient (Keystone password mode)
// against a real `lbaas server --auth keystone --driver noop`: secret store / list / get / get --payload /
// delete and secret container create / list / get / delete, with project isolation.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { keystoneCliServer } from '../support/openstack-cli.js';

const hasSecretCli = spawnSync('openstack', ['secret', 'list', '--help'], { encoding: 'utf8' }).status === 0;
const skip = hasSecretCli
  ? false
  : 'the openstack CLI with barbicanclient is not installed (apt-get install python3-openstackclient python3-barbicanclient)';
if (!hasSecretCli && process.env.CI)
  throw new Error('CI must run the openstack secret end-to-end test, but `openstack secret` is missing');

const cli = keystoneCliServer({
  skip,
  dirPrefix: 'lbaas-osc-secret-',
  users: [
    { name: 'u1', password: 'pw-u1', project: 'p1' },
    { name: 'u2', password: 'pw-u2', project: 'p2' },
  ],
});
const { os, osJson } = cli;
type Obj = Record<string, unknown>;

test('openstack secret and secret container commands', { skip, timeout: 600_000 }, () => {
  for (const [user, project] of [
    ['u1', 'p1'],
    ['u2', 'p2'],
  ] as const) {
    os('admin', ['project', 'create', project]);
    os('admin', ['user', 'create', '--project', project, '--password', `pw-${user}`, user]);
    os('admin', ['role', 'add', '--project', project, '--user', user, 'member']);
  }
  // The key-encryption key was created 0600 in the state dir on first start.
  assert.equal(statSync(join(cli.server.stateDir, 'secret-key')).mode & 0o777, 0o600);
  assert.equal(statSync(join(cli.server.stateDir, 'secret-key')).size, 32);

  const stored = osJson<Obj>('u1', ['secret', 'store', '--name', 'db-password', '--payload', 'hunter2']);
  const ref = String(stored['Secret href']);
  assert.match(ref, new RegExp(`^${cli.server.url}/key-manager/v1/secrets/[0-9a-f-]{36}$`));
  assert.equal(stored['Name'], 'db-password');

  const listed = osJson<Obj[]>('u1', ['secret', 'list']);
  assert.deepEqual(
    listed.map((s) => [s['Name'], s['Secret href'], s['Status']]),
    [['db-password', ref, 'ACTIVE']],
  );
  assert.deepEqual(osJson<Obj[]>('u2', ['secret', 'list']), []);

  const shown = osJson<Obj>('u1', ['secret', 'get', ref]);
  assert.deepEqual(
    [shown['Name'], shown['Status'], shown['Secret type']],
    ['db-password', 'ACTIVE', 'opaque'],
  );
  assert.deepEqual(osJson<Obj>('u1', ['secret', 'get', '--payload', ref])['Payload'], 'hunter2');
  // Another project's secret is refused.
  os('u2', ['secret', 'get', '--payload', ref], { expectFail: true });

  // A certificate container over two text secrets.
  const cert = String(
    osJson<Obj>('u1', [
      'secret',
      'store',
      '--name',
      'cert',
      '--secret-type',
      'certificate',
      '--payload',
      '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    ])['Secret href'],
  );
  const key = String(
    osJson<Obj>('u1', [
      'secret',
      'store',
      '--name',
      'key',
      '--secret-type',
      'private',
      '--payload',
      '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----',
    ])['Secret href'],
  );
  const container = osJson<Obj>('u1', [
    'secret',
    'container',
    'create',
    '--name',
    'tls',
    '--type',
    'certificate',
    '--secret',
    `certificate=${cert}`,
    '--secret',
    `private_key=${key}`,
  ]);
  const cref = String(container['Container href']);
  assert.match(cref, new RegExp(`^${cli.server.url}/key-manager/v1/containers/[0-9a-f-]{36}$`));
  const containers = osJson<Obj[]>('u1', ['secret', 'container', 'list']);
  assert.deepEqual(
    containers.map((c) => [c['Name'], c['Container href'], c['Type']]),
    [['tls', cref, 'certificate']],
  );
  // `-f json` of `container get` trips over the client's own datetime (python3-barbicanclient), so values.
  const got = os('u1', [
    'secret',
    'container',
    'get',
    cref,
    '-f',
    'value',
    '-c',
    'Name',
    '-c',
    'Type',
    '-c',
    'Certificate',
    '-c',
    'Private Key',
  ]).stdout;
  assert.deepEqual(got.trim().split('\n'), ['tls', 'certificate', cert, key]);
  // A reference to another project's secret is refused.
  os('u2', ['secret', 'container', 'create', '--type', 'certificate', '--secret', `certificate=${cert}`], {
    expectFail: true,
  });
  os('u2', ['secret', 'container', 'delete', cref], { expectFail: true });

  os('u1', ['secret', 'container', 'delete', cref]);
  assert.deepEqual(osJson<Obj[]>('u1', ['secret', 'container', 'list']), []);
  for (const r of [ref, cert, key]) os('u1', ['secret', 'delete', r]);
  assert.deepEqual(osJson<Obj[]>('u1', ['secret', 'list']), []);
  os('u1', ['secret', 'get', ref], { expectFail: true });
});
