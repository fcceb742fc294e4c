import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { LbaasProcess } from './lbaas-process.js';

/** One password-mode clouds.yaml entry (values JSON-quoted); `extra` lines go under the cloud. */
export function passwordCloud(
  name: string,
  authUrl: string,
  user: { username: string; password: string; project: string },
  extra: string[] = [],
): string {
  return [
    `  ${name}:`,
    '    auth:',
    `      auth_url: ${JSON.stringify(authUrl)}`,
    `      username: ${JSON.stringify(user.username)}`,
    `      password: ${JSON.stringify(user.password)}`,
    `      project_name: ${JSON.stringify(user.project)}`,
    '      user_domain_name: Default',
    '      project_domain_name: Default',
    '    region_name: RegionOne',
    '    identity_api_version: 3',
    ...extra,
  ].join('\n');
}

/**
 * Runs the real `openstack` CLI with `OS_CLIENT_CONFIG_FILE=cloudsFile OS_CLOUD=cloud` (noauth variables
 * cleared). Throws with stderr/stdout and `context()` when the exit status is not what was expected.
 */
export function openstackAs(
  cloudsFile: string,
  cloud: string,
  args: string[],
  opts: { expectFail?: boolean; context?: () => string } = {},
): { stdout: string; stderr: string } {
  const r = spawnSync('openstack', args, {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      OS_CLIENT_CONFIG_FILE: cloudsFile,
      OS_CLOUD: cloud,
      OS_AUTH_TYPE: '',
      OS_ENDPOINT: '',
    },
  });
  if (opts.expectFail ? r.status === 0 : r.status !== 0) {
    throw new Error(
      `openstack ${args.join(' ')} as ${cloud}: status ${r.status}:\n${r.stderr}\n${r.stdout}\n${opts.context?.() ?? ''}`,
    );
  }
  return { stdout: r.stdout, stderr: r.stderr };
}

/**
 * `openstack` as a named cloud of a clouds.yaml (`os`), and its `-f json` form (`osJson`), both failing
 * with the server's log tail. `current` is read at each call: tests assign the file and server in `before`.
 */
export function openstackRunner(
  current: () => { cloudsFile: string; logs?: readonly string[] | undefined; label?: string },
): {
  os: (as: string, args: string[], opts?: { expectFail?: boolean }) => { stdout: string; stderr: string };
  osJson: <T = unknown>(as: string, args: string[]) => T;
} {
  const os = (as: string, args: string[], opts: { expectFail?: boolean } = {}) => {
    const c = current();
    return openstackAs(c.cloudsFile, as, args, {
      ...opts,
      context: () => `${c.label ?? 'server'} log tail:\n${(c.logs ?? []).slice(-20).join('\n')}`,
    });
  };
  const osJson = <T = unknown>(as: string, args: string[]): T =>
    JSON.parse(os(as, [...args, '-f', 'json']).stdout) as T;
  return { os, osJson };
}

/** A project member the keystone fixture creates a clouds.yaml entry for (the test creates the user). */
export interface CliUser {
  name: string;
  password: string;
  project: string;
}

/**
 * A real `lbaas server --auth keystone --driver noop` for one e2e file, started in `before` and stopped in
 * `after`, with a clouds.yaml holding cloud `admin` (the bootstrapped admin) and one cloud per `users`
 * entry; `os`/`osJson` run `openstack` against it. Nothing starts when `skip` is set.
 */
export function keystoneCliServer(opts: {
  skip: string | false;
  dirPrefix: string;
  env?: Record<string, string>;
  users: readonly CliUser[];
}) {
  const state: { server?: LbaasProcess; dir?: string; cloudsFile: string } = { cloudsFile: '' };
  before(async () => {
    if (opts.skip) return;
    const server = await LbaasProcess.start(opts.env ?? {}, 'warn', [
      '--auth',
      'keystone',
      '--driver',
      'noop',
    ]);
    state.server = server;
    const adminPassword = readFileSync(join(server.stateDir, 'admin-password'), 'utf8').trim();
    state.dir = mkdtempSync(join(tmpdir(), opts.dirPrefix));
    state.cloudsFile = join(state.dir, 'clouds.yaml');
    const auth = `${server.url}/identity/v3`;
    writeFileSync(
      state.cloudsFile,
      [
        'clouds:',
        passwordCloud('admin', auth, { username: 'admin', password: adminPassword, project: 'admin' }),
        ...opts.users.map((u) =>
          passwordCloud(u.name, auth, { username: u.name, password: u.password, project: u.project }),
        ),
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  });
  after(async () => {
    await state.server?.stop();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return {
    ...openstackRunner(() => ({ cloudsFile: state.cloudsFile, logs: state.server?.logs })),
    /** The running server (only inside tests, after `before`). */
    get server(): LbaasProcess {
      if (!state.server) throw new Error('the keystone CLI server is not running (skipped or not started)');
      return state.server;
    },
  };
}
