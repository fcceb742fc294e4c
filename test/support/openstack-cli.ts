import { spawnSync } from 'node:child_process';

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
