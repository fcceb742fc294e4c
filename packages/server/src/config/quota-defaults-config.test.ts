import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadServerConfig } from './server-config.js';

test('LBAAS_QUOTA_*: unlimited by default, integers -1..2000000000 taken as they are', () => {
  assert.deepEqual(loadServerConfig({ auth: 'noauth' }, {}).quotaDefaults, {
    loadbalancer: -1,
    listener: -1,
    pool: -1,
    healthmonitor: -1,
    member: -1,
    l7policy: -1,
    l7rule: -1,
  });
  const env = {
    LBAAS_QUOTA_LOADBALANCER: '5',
    LBAAS_QUOTA_LISTENER: '0',
    LBAAS_QUOTA_POOL: ' 2000000000 ',
    LBAAS_QUOTA_HEALTHMONITOR: '-1',
    LBAAS_QUOTA_MEMBER: '50',
    LBAAS_QUOTA_L7POLICY: '3',
    LBAAS_QUOTA_L7RULE: '',
  };
  assert.deepEqual(loadServerConfig({ auth: 'noauth' }, env).quotaDefaults, {
    loadbalancer: 5,
    listener: 0,
    pool: 2000000000,
    healthmonitor: -1,
    member: 50,
    l7policy: 3,
    l7rule: -1,
  });
});

test('LBAAS_QUOTA_*: garbage and out-of-range values are a ConfigError naming the variable', () => {
  for (const [name, value] of [
    ['LBAAS_QUOTA_MEMBER', 'lots'],
    ['LBAAS_QUOTA_POOL', '1.5'],
    ['LBAAS_QUOTA_LISTENER', '-2'],
    ['LBAAS_QUOTA_L7RULE', '2000000001'],
    ['LBAAS_QUOTA_LOADBALANCER', '0x10'],
  ] as const) {
    assert.throws(
      () => loadServerConfig({ auth: 'noauth' }, { [name]: value }),
      (error: unknown) =>
        error instanceof ConfigError &&
        error.message === `${name} must be an integer from -1 to 2000000000, got '${value}'`,
    );
  }
});
