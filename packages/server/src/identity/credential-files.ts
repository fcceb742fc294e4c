import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** File names under the state dir. */
export const ADMIN_PASSWORD_FILE = 'admin-password';
export const AGENT_PASSWORD_FILE = 'agent-password';
export const CLOUDS_YAML_FILE = 'clouds.yaml';

/** Writes a secret file with mode 0600 (atomically: a crash never leaves half a password). */
export function writeSecretFile(stateDir: string, name: string, content: string): string {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const path = join(stateDir, name);
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, content, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
  return path;
}

/** The first line of a secret file, or undefined when it does not exist or is empty. */
export function readSecretFile(stateDir: string, name: string): string | undefined {
  try {
    const text = readFileSync(join(stateDir, name), 'utf8').split('\n')[0]?.trim();
    return text === undefined || text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** What a clouds.yaml entry for the bootstrap admin needs. */
export interface CloudsYamlEntry {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
  region: string;
}

/**
 * `clouds.yaml` with one cloud `lbaas` (shared/spec/openstack-clients.md §2.1). Values are written as
 * JSON strings, which YAML reads as double-quoted scalars, so no password can break the file.
 */
export function cloudsYaml(entry: CloudsYamlEntry): string {
  const q = (s: string): string => JSON.stringify(s);
  return [
    'clouds:',
    '  lbaas:',
    '    auth:',
    `      auth_url: ${q(entry.authUrl)}`,
    `      username: ${q(entry.username)}`,
    `      password: ${q(entry.password)}`,
    `      project_name: ${q(entry.projectName)}`,
    '      user_domain_name: "Default"',
    '      project_domain_name: "Default"',
    `    region_name: ${q(entry.region)}`,
    '    identity_api_version: 3',
    '    interface: "public"',
    '',
  ].join('\n');
}
