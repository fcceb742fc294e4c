import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadServerConfig } from './server-config.js';

const CREDS = { LBAAS_KEYSTONE_USERNAME: 'octavia', LBAAS_KEYSTONE_PASSWORD: 'pw' };

test('keystone config: URL with or without /v3 is normalised; defaults for project, domains and cache', () => {
  for (const url of ['http://keystone:5000', 'http://keystone:5000/v3', 'http://keystone:5000/v3/']) {
    const c = loadServerConfig({}, { LBAAS_KEYSTONE_URL: url, ...CREDS });
    assert.deepEqual(c.keystone, {
      url: 'http://keystone:5000/v3',
      username: 'octavia',
      password: 'pw',
      projectName: 'service',
      userDomainName: 'Default',
      projectDomainName: 'Default',
      cacheTtlS: 30,
    });
  }
  const flag = loadServerConfig(
    { keystoneUrl: 'https://k.example/identity' },
    { ...CREDS, LBAAS_KEYSTONE_CACHE_S: '0' },
  );
  assert.equal(flag.keystone?.url, 'https://k.example/identity/v3');
  assert.equal(flag.keystone?.cacheTtlS, 0);
  assert.equal(loadServerConfig({}, {}).keystone, undefined);
});

test('keystone config: password file wins; project, domains from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-kscfg-'));
  try {
    const file = join(dir, 'pw');
    writeFileSync(file, 'from-file\nignored\n');
    const c = loadServerConfig(
      {},
      {
        ...CREDS,
        LBAAS_KEYSTONE_URL: 'http://k:5000/v3',
        LBAAS_KEYSTONE_PASSWORD_FILE: file,
        LBAAS_KEYSTONE_PROJECT: 'services',
        LBAAS_KEYSTONE_USER_DOMAIN: 'Users',
        LBAAS_KEYSTONE_PROJECT_DOMAIN: 'Projects',
      },
    );
    assert.equal(c.keystone?.password, 'from-file');
    assert.equal(c.keystone?.projectName, 'services');
    assert.equal(c.keystone?.userDomainName, 'Users');
    assert.equal(c.keystone?.projectDomainName, 'Projects');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('keystone config: clear errors for a bad URL, missing credentials, noauth, a bad cache TTL', () => {
  const bad = (flags: Record<string, string>, env: NodeJS.ProcessEnv, message: RegExp): void =>
    assert.throws(
      () => loadServerConfig(flags, env),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
    );
  bad({}, { ...CREDS, LBAAS_KEYSTONE_URL: 'ftp://k/v3' }, /must be an http\(s\) URL/);
  bad({}, { ...CREDS, LBAAS_KEYSTONE_URL: 'http://k/v3?x=1' }, /must be an http\(s\) URL/);
  bad({}, { LBAAS_KEYSTONE_URL: 'http://k/v3', LBAAS_KEYSTONE_USERNAME: 'u' }, /LBAAS_KEYSTONE_PASSWORD/);
  bad({}, { LBAAS_KEYSTONE_URL: 'http://k/v3', LBAAS_KEYSTONE_PASSWORD: 'p' }, /LBAAS_KEYSTONE_USERNAME/);
  bad(
    {},
    { ...CREDS, LBAAS_KEYSTONE_URL: 'http://k/v3', LBAAS_KEYSTONE_PASSWORD_FILE: '/nonexistent/pw' },
    /cannot be read \(ENOENT\)/,
  );
  bad({ auth: 'noauth' }, { ...CREDS, LBAAS_KEYSTONE_URL: 'http://k/v3' }, /needs --auth keystone/);
  bad(
    {},
    { ...CREDS, LBAAS_KEYSTONE_URL: 'http://k/v3', LBAAS_KEYSTONE_CACHE_S: '-1' },
    /LBAAS_KEYSTONE_CACHE_S/,
  );
});
