import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { lbaasJson } from './lbaas-cli.js';

/** Whether the real `openstack` CLI (python-openstackclient + octaviaclient) is installed. */
export const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasOpenstack && process.env.CI) {
  throw new Error(
    'CI must run the differential checks against the openstack CLI, but `openstack` is missing',
  );
}

/** Runs `openstack <args> -f json` in `auth_type none` mode against a noauth server; returns the parsed output. */
export function openstackJson<T = unknown>(serverUrl: string, args: readonly string[]): T {
  const r = spawnSync('openstack', [...args, '-f', 'json'], {
    encoding: 'utf8',
    timeout: 120_000,
    env: {
      ...process.env,
      OS_AUTH_TYPE: 'none',
      OS_ENDPOINT: `${serverUrl}/load-balancer`,
      OS_CLOUD: '',
      OS_CLIENT_CONFIG_FILE: '/dev/null',
    },
  });
  if (r.status !== 0)
    throw new Error(`openstack ${args.join(' ')} failed (${r.status}):\n${r.stderr}\n${r.stdout}`);
  return JSON.parse(r.stdout) as T;
}

function commonKeys(a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown>[] {
  const keys = Object.keys(a).filter((k) => k in b);
  return [Object.fromEntries(keys.map((k) => [k, a[k]])), Object.fromEntries(keys.map((k) => [k, b[k]]))];
}

/**
 * DIFFERENTIAL check: `lbaas <args> -f json` and `openstack <args> -f json` against the same server print the
 * same JSON, compared on the keys both print (a show object, or each row of a list). Returns the keys only
 * one side printed, for the caller to pin down. Without `openstack` (outside CI) it does nothing.
 */
export async function assertSameAsOpenstack(
  serverUrl: string,
  env: Record<string, string>,
  args: readonly string[],
): Promise<string[]> {
  if (!hasOpenstack) return [];
  const ours = await lbaasJson<unknown>(args, env);
  const theirs = openstackJson<unknown>(serverUrl, args);
  const label = args.join(' ');
  if (Array.isArray(ours) || Array.isArray(theirs)) {
    assert.ok(Array.isArray(ours) && Array.isArray(theirs), `${label}: both print a list`);
    assert.equal(ours.length, theirs.length, `${label}: same number of rows`);
    const onlyOne = new Set<string>();
    ours.forEach((row, i) => {
      const [a, b] = commonKeys(row as Record<string, unknown>, theirs[i] as Record<string, unknown>);
      assert.deepEqual(a, b, `${label}: row ${i}`);
      for (const k of symmetricDifference(row as object, theirs[i] as object)) onlyOne.add(k);
    });
    return [...onlyOne].sort();
  }
  const [a, b] = commonKeys(ours as Record<string, unknown>, theirs as Record<string, unknown>);
  assert.deepEqual(a, b, label);
  return symmetricDifference(ours as object, theirs as object).sort();
}

function symmetricDifference(a: object, b: object): string[] {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return [...ka.filter((k) => !kb.includes(k)), ...kb.filter((k) => !ka.includes(k))];
}
