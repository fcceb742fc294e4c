import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { CliError } from '../cli-error.js';
import type { GlobalFlags } from './global-options.js';

/** How the client authenticates: Keystone v3 password, a fixed token, or no Keystone at all. */
export type AuthMode = 'password' | 'token' | 'none';

/** Everything the HTTP client needs to reach one cloud, after merging flags, env and clouds.yaml. */
export interface CloudConfig {
  /** The clouds.yaml entry used, if any. */
  cloudName?: string | undefined;
  /** The clouds.yaml file the entry came from. */
  configFile?: string | undefined;
  authMode: AuthMode;
  authUrl?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
  projectName?: string | undefined;
  projectId?: string | undefined;
  userDomainName?: string | undefined;
  userDomainId?: string | undefined;
  projectDomainName?: string | undefined;
  projectDomainId?: string | undefined;
  token?: string | undefined;
  /** The load-balancer endpoint of token / none mode. */
  endpoint?: string | undefined;
  regionName?: string | undefined;
  /** Catalog interface: public (default), internal or admin. */
  interface: string;
  loadBalancerEndpointOverride?: string | undefined;
  networkEndpointOverride?: string | undefined;
}

/** Where clouds.yaml files are looked for (injectable for tests). */
export interface ConfigLocations {
  /** The working directory (`./clouds.yaml`, `./.lbaas`). Default: process.cwd(). */
  cwd?: string;
  /** The system-wide directory. Default: /etc/openstack. */
  systemDir?: string;
}

type Env = Readonly<Record<string, string | undefined>>;
type Settings = Partial<Record<SettingKey, string>>;
type SettingKey = (typeof SETTINGS)[number][0];

/** Setting (clouds.yaml name), its flag, its env var, and whether clouds.yaml keeps it under `auth:`. */
const SETTINGS = [
  ['auth_type', 'osAuthType', 'OS_AUTH_TYPE', false],
  ['auth_url', 'osAuthUrl', 'OS_AUTH_URL', true],
  ['username', 'osUsername', 'OS_USERNAME', true],
  ['password', 'osPassword', 'OS_PASSWORD', true],
  ['project_name', 'osProjectName', 'OS_PROJECT_NAME', true],
  ['project_id', 'osProjectId', 'OS_PROJECT_ID', true],
  ['user_domain_name', 'osUserDomainName', 'OS_USER_DOMAIN_NAME', true],
  ['user_domain_id', 'osUserDomainId', 'OS_USER_DOMAIN_ID', true],
  ['project_domain_name', 'osProjectDomainName', 'OS_PROJECT_DOMAIN_NAME', true],
  ['project_domain_id', 'osProjectDomainId', 'OS_PROJECT_DOMAIN_ID', true],
  ['token', 'osToken', 'OS_TOKEN', true],
  ['endpoint', 'osEndpoint', 'OS_ENDPOINT', true],
  ['region_name', 'osRegionName', 'OS_REGION_NAME', false],
  ['interface', 'osInterface', 'OS_INTERFACE', false],
  ['load_balancer_endpoint_override', '', '', false],
  ['network_endpoint_override', '', '', false],
] as const;

/** Old names osc still reads when the new ones are unset. */
const ENV_FALLBACKS: Readonly<Record<string, string>> = {
  OS_PROJECT_NAME: 'OS_TENANT_NAME',
  OS_PROJECT_ID: 'OS_TENANT_ID',
};

const AUTH_TYPES: Readonly<Record<string, AuthMode>> = {
  password: 'password',
  v3password: 'password',
  token: 'token',
  v3token: 'token',
  admin_token: 'token',
  none: 'none',
  noauth: 'none',
};

const nonEmpty = (v: unknown): string | undefined =>
  typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Resolves the cloud to talk to, with openstacksdk's precedence: explicit flags > OS_* env vars > the
 * clouds.yaml entry named by --os-cloud / OS_CLOUD. With nothing configured at all, the cloud `lbaas up`
 * wrote to `$LBAAS_STATE_DIR/clouds.yaml` (default `./.lbaas/clouds.yaml`) is used.
 */
export function resolveCloudConfig(flags: GlobalFlags, env: Env, where: ConfigLocations = {}): CloudConfig {
  const cwd = where.cwd ?? process.cwd();
  const fromFlags: Settings = {};
  const fromEnv: Settings = {};
  for (const [key, flag, envName] of SETTINGS) {
    const f = flag === '' ? undefined : nonEmpty(flags[flag]);
    if (f !== undefined) fromFlags[key] = f;
    const fallback = ENV_FALLBACKS[envName];
    const e =
      envName === ''
        ? undefined
        : (nonEmpty(env[envName]) ?? (fallback ? nonEmpty(env[fallback]) : undefined));
    if (e !== undefined) fromEnv[key] = e;
  }
  const stateFile = join(resolve(cwd, env.LBAAS_STATE_DIR || '.lbaas'), 'clouds.yaml');
  const cloudName = nonEmpty(flags.osCloud) ?? nonEmpty(env.OS_CLOUD);
  let cloud: { name: string; file: string; settings: Settings } | undefined;
  if (cloudName !== undefined) {
    cloud = findCloud(cloudName, [...cloudsYamlFiles(env, cwd, where.systemDir), stateFile]);
    if (!cloud) throw new CliError(`Cloud ${cloudName} was not found.`);
  } else if (!['auth_url', 'token', 'endpoint', 'auth_type'].some((k) => k in fromFlags || k in fromEnv)) {
    cloud = existsSync(stateFile) ? defaultCloud(stateFile) : undefined;
    if (!cloud) {
      throw new CliError(
        'No cloud is configured: run `lbaas up` (it writes ./.lbaas/clouds.yaml, used automatically), ' +
          'or set OS_CLOUD / --os-cloud to a cloud of clouds.yaml, or pass --os-token and --os-endpoint, ' +
          'or --os-auth-type none --os-endpoint <url> for a server started with --auth noauth',
      );
    }
  }
  const s: Settings = { ...cloud?.settings, ...fromEnv, ...fromFlags };
  return validated(s, cloud?.name, cloud?.file);
}

/** openstacksdk's search order for clouds.yaml. */
function cloudsYamlFiles(env: Env, cwd: string, systemDir = '/etc/openstack'): string[] {
  const home = env.HOME || homedir();
  const configHome = env.XDG_CONFIG_HOME || join(home, '.config');
  const files = [
    join(cwd, 'clouds.yaml'),
    join(configHome, 'openstack', 'clouds.yaml'),
    join(systemDir, 'clouds.yaml'),
  ];
  return env.OS_CLIENT_CONFIG_FILE ? [resolve(cwd, env.OS_CLIENT_CONFIG_FILE), ...files] : files;
}

/** The first file (in search order) that has a cloud of this name. */
function findCloud(
  name: string,
  files: readonly string[],
): { name: string; file: string; settings: Settings } | undefined {
  for (const file of files) {
    const entry = existsSync(file) ? readClouds(file)[name] : undefined;
    if (entry !== undefined) return { name, file, settings: cloudSettings(entry) };
  }
  return undefined;
}

/** The state dir's cloud: `lbaas` when present, else the first one. */
function defaultCloud(file: string): { name: string; file: string; settings: Settings } | undefined {
  const clouds = readClouds(file);
  const name = 'lbaas' in clouds ? 'lbaas' : Object.keys(clouds)[0];
  const entry = name === undefined ? undefined : clouds[name];
  return name === undefined || entry === undefined
    ? undefined
    : { name, file, settings: cloudSettings(entry) };
}

function readClouds(file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new CliError(`Unable to read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const clouds = isObject(doc) ? doc.clouds : undefined;
  return isObject(clouds) ? clouds : {};
}

function cloudSettings(entry: unknown): Settings {
  const top = isObject(entry) ? entry : {};
  const auth = isObject(top.auth) ? top.auth : {};
  const out: Settings = {};
  for (const [key, , , inAuth] of SETTINGS) {
    const v = nonEmpty(inAuth ? auth[key] : top[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Picks the auth mode like osc (username → password, token → token) and checks what it needs. */
function validated(s: Settings, cloudName: string | undefined, configFile: string | undefined): CloudConfig {
  let authMode: AuthMode;
  if (s.auth_type !== undefined) {
    const mode = AUTH_TYPES[s.auth_type];
    if (mode === undefined) {
      throw new CliError(
        `Unknown auth type ${s.auth_type}: use one of password, v3password, token, admin_token, none`,
      );
    }
    authMode = mode;
  } else {
    authMode = s.username === undefined && s.token !== undefined ? 'token' : 'password';
  }
  const iface = s.interface ?? 'public';
  if (!['public', 'internal', 'admin'].includes(iface)) {
    throw new CliError(`Invalid interface ${iface}: use public, internal or admin`);
  }
  const missing: string[] = [];
  if (authMode === 'password') {
    if (s.username === undefined)
      missing.push('Set a username with --os-username, OS_USERNAME, or auth.username');
    if (s.auth_url === undefined) {
      missing.push('Set an authentication URL, with --os-auth-url, OS_AUTH_URL or auth.auth_url');
    }
    if (s.password === undefined)
      missing.push('Set a password with --os-password, OS_PASSWORD or auth.password');
  } else {
    if (authMode === 'token' && s.token === undefined) {
      missing.push('Set a token with --os-token, OS_TOKEN or auth.token');
    }
    if (s.endpoint === undefined && s.load_balancer_endpoint_override === undefined) {
      missing.push('Set an endpoint with --os-endpoint, OS_ENDPOINT or auth.endpoint');
    }
  }
  if (missing.length > 0) throw new CliError(`Missing parameter(s): ${missing.join('; ')}`);
  const password = authMode === 'password';
  return {
    cloudName,
    configFile,
    authMode,
    authUrl: s.auth_url,
    username: s.username,
    password: s.password,
    projectName: s.project_name,
    projectId: s.project_id,
    userDomainName: s.user_domain_name,
    // osc's default domain ("default") when no user / project domain is given
    userDomainId: s.user_domain_id ?? (password && s.user_domain_name === undefined ? 'default' : undefined),
    projectDomainName: s.project_domain_name,
    projectDomainId:
      s.project_domain_id ??
      (password && s.project_name !== undefined && s.project_domain_name === undefined
        ? 'default'
        : undefined),
    token: s.token,
    endpoint: s.endpoint,
    regionName: s.region_name,
    interface: iface,
    loadBalancerEndpointOverride: s.load_balancer_endpoint_override,
    networkEndpointOverride: s.network_endpoint_override,
  };
}
