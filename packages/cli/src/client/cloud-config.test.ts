import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CliError } from '../cli-error.js';
import { resolveCloudConfig } from './cloud-config.js';

function sandbox(): { cwd: string; home: string; systemDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'lbaas-cfg-'));
  const dirs = { cwd: join(root, 'work'), home: join(root, 'home'), systemDir: join(root, 'etc') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  return dirs;
}

const CLOUDS = `clouds:
  ours:
    auth_type: password
    auth:
      auth_url: http://yaml/identity/v3
      username: yamluser
      password: yamlpass
      project_name: yamlproject
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionYaml
    interface: internal
    load_balancer_endpoint_override: http://yaml/lb
    network_endpoint_override: http://yaml/net
  noauth:
    auth_type: none
    auth:
      endpoint: http://127.0.0.1:9876/load-balancer
`;

test('a clouds.yaml entry named by OS_CLOUD supplies every setting', () => {
  const s = sandbox();
  writeFileSync(join(s.cwd, 'clouds.yaml'), CLOUDS);
  const cfg = resolveCloudConfig({}, { OS_CLOUD: 'ours', HOME: s.home }, s);
  assert.deepEqual(cfg, {
    cloudName: 'ours',
    configFile: join(s.cwd, 'clouds.yaml'),
    authMode: 'password',
    authUrl: 'http://yaml/identity/v3',
    username: 'yamluser',
    password: 'yamlpass',
    projectName: 'yamlproject',
    projectId: undefined,
    userDomainName: 'Default',
    userDomainId: undefined,
    projectDomainName: 'Default',
    projectDomainId: undefined,
    token: undefined,
    endpoint: undefined,
    regionName: 'RegionYaml',
    interface: 'internal',
    loadBalancerEndpointOverride: 'http://yaml/lb',
    networkEndpointOverride: 'http://yaml/net',
  });
});

test('flags beat OS_* env vars, which beat clouds.yaml', () => {
  const s = sandbox();
  writeFileSync(join(s.cwd, 'clouds.yaml'), CLOUDS);
  const env = {
    OS_CLOUD: 'ours',
    HOME: s.home,
    OS_USERNAME: 'envuser',
    OS_REGION_NAME: 'RegionEnv',
    OS_PASSWORD: 'envpass',
  };
  const cfg = resolveCloudConfig({ osUsername: 'flaguser', osInterface: 'public' }, env, s);
  assert.equal(cfg.username, 'flaguser');
  assert.equal(cfg.password, 'envpass');
  assert.equal(cfg.regionName, 'RegionEnv');
  assert.equal(cfg.interface, 'public');
  assert.equal(cfg.projectName, 'yamlproject');
});

test('--os-cloud beats OS_CLOUD; OS_CLIENT_CONFIG_FILE is searched first', () => {
  const s = sandbox();
  writeFileSync(join(s.cwd, 'clouds.yaml'), CLOUDS);
  const custom = join(s.home, 'custom.yaml');
  writeFileSync(
    custom,
    'clouds:\n  ours:\n    auth_type: none\n    auth:\n      endpoint: http://custom/lb\n',
  );
  const env = { OS_CLOUD: 'nope', OS_CLIENT_CONFIG_FILE: custom, HOME: s.home };
  const cfg = resolveCloudConfig({ osCloud: 'ours' }, env, s);
  assert.equal(cfg.configFile, custom);
  assert.equal(cfg.authMode, 'none');
  assert.equal(cfg.endpoint, 'http://custom/lb');
});

test('~/.config/openstack and the system dir are searched, then the state dir', () => {
  const s = sandbox();
  mkdirSync(join(s.home, '.config', 'openstack'), { recursive: true });
  writeFileSync(join(s.home, '.config', 'openstack', 'clouds.yaml'), CLOUDS);
  writeFileSync(
    join(s.systemDir, 'clouds.yaml'),
    'clouds:\n  sys:\n    auth_type: none\n    auth:\n      endpoint: http://sys/lb\n',
  );
  mkdirSync(join(s.cwd, 'state'));
  writeFileSync(
    join(s.cwd, 'state', 'clouds.yaml'),
    'clouds:\n  st:\n    auth_type: none\n    auth:\n      endpoint: http://st/lb\n',
  );
  const env = { HOME: s.home, LBAAS_STATE_DIR: 'state' };
  assert.equal(
    resolveCloudConfig({ osCloud: 'noauth' }, env, s).endpoint,
    'http://127.0.0.1:9876/load-balancer',
  );
  assert.equal(resolveCloudConfig({ osCloud: 'sys' }, env, s).endpoint, 'http://sys/lb');
  assert.equal(resolveCloudConfig({ osCloud: 'st' }, env, s).endpoint, 'http://st/lb');
});

test('an unknown cloud name is openstacksdk error', () => {
  const s = sandbox();
  writeFileSync(join(s.cwd, 'clouds.yaml'), CLOUDS);
  assert.throws(
    () => resolveCloudConfig({}, { OS_CLOUD: 'missing', HOME: s.home }, s),
    (err: unknown) => err instanceof CliError && err.message === 'Cloud missing was not found.',
  );
});

test('with nothing configured the state dir cloud of `lbaas up` is used', () => {
  const s = sandbox();
  mkdirSync(join(s.cwd, '.lbaas'));
  writeFileSync(
    join(s.cwd, '.lbaas', 'clouds.yaml'),
    'clouds:\n  lbaas:\n    auth:\n      auth_url: "http://127.0.0.1:9876/identity/v3"\n      username: "admin"\n' +
      '      password: "pw"\n      project_name: "admin"\n      user_domain_name: "Default"\n' +
      '      project_domain_name: "Default"\n    region_name: "RegionOne"\n    identity_api_version: 3\n' +
      '    interface: "public"\n',
  );
  const cfg = resolveCloudConfig({}, { HOME: s.home }, s);
  assert.equal(cfg.cloudName, 'lbaas');
  assert.equal(cfg.authMode, 'password');
  assert.equal(cfg.username, 'admin');
  // but any explicit configuration switches the auto-discovery off
  const token = resolveCloudConfig(
    { osToken: 't', osEndpoint: 'http://x/load-balancer' },
    { HOME: s.home },
    s,
  );
  assert.equal(token.cloudName, undefined);
  assert.equal(token.authMode, 'token');
});

test('with nothing configured and no state dir the error explains the ways to configure', () => {
  const s = sandbox();
  assert.throws(
    () => resolveCloudConfig({}, { HOME: s.home }, s),
    (err: unknown) =>
      err instanceof CliError &&
      ['lbaas up', 'OS_CLOUD', '--os-token', '--os-endpoint', '--os-auth-type none'].every((w) =>
        err.message.includes(w),
      ),
  );
});

test('auth type: none / noauth, token / admin_token, default from username or token', () => {
  const s = sandbox();
  const env = { HOME: s.home };
  assert.equal(resolveCloudConfig({ osAuthType: 'noauth', osEndpoint: 'http://e' }, env, s).authMode, 'none');
  assert.equal(
    resolveCloudConfig({}, { ...env, OS_AUTH_TYPE: 'none', OS_ENDPOINT: 'http://e' }, s).authMode,
    'none',
  );
  assert.equal(
    resolveCloudConfig({ osAuthType: 'admin_token', osToken: 't', osEndpoint: 'http://e' }, env, s).authMode,
    'token',
  );
  assert.equal(resolveCloudConfig({ osToken: 't', osEndpoint: 'http://e' }, env, s).authMode, 'token');
  const pw = resolveCloudConfig(
    { osAuthUrl: 'http://k/v3', osUsername: 'u', osPassword: 'p', osProjectName: 'p' },
    env,
    s,
  );
  assert.equal(pw.authMode, 'password');
  // osc's default domain
  assert.equal(pw.userDomainId, 'default');
  assert.equal(pw.projectDomainId, 'default');
  assert.throws(
    () => resolveCloudConfig({ osAuthType: 'kerberos', osEndpoint: 'http://e' }, env, s),
    /Unknown auth type kerberos/,
  );
});

test('missing parameters are listed like osc', () => {
  const s = sandbox();
  assert.throws(
    () => resolveCloudConfig({ osAuthUrl: 'http://k/v3' }, { HOME: s.home }, s),
    /^CliError: Missing parameter\(s\): Set a username with --os-username.*Set a password/,
  );
  assert.throws(
    () => resolveCloudConfig({ osAuthType: 'none' }, { HOME: s.home }, s),
    /Set an endpoint with --os-endpoint/,
  );
  assert.throws(
    () => resolveCloudConfig({ osAuthType: 'token', osEndpoint: 'http://e' }, { HOME: s.home }, s),
    /Set a token with --os-token/,
  );
});

test('OS_TENANT_NAME still works and empty env vars count as unset', () => {
  const s = sandbox();
  const cfg = resolveCloudConfig(
    {},
    {
      HOME: s.home,
      OS_AUTH_URL: 'http://k',
      OS_USERNAME: 'u',
      OS_PASSWORD: 'p',
      OS_TENANT_NAME: 't',
      OS_REGION_NAME: '',
    },
    s,
  );
  assert.equal(cfg.projectName, 't');
  assert.equal(cfg.regionName, undefined);
});
