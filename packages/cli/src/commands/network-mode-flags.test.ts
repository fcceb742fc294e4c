import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkModeChoice } from './network-mode-flags.js';

test('network mode flags: loopback by default and without root; host and netns need root', () => {
  assert.deepEqual(networkModeChoice({}, 1000), { mode: 'loopback', vipInterface: undefined });
  assert.deepEqual(networkModeChoice({ networkMode: 'netns' }, 0), {
    mode: 'netns',
    vipInterface: undefined,
  });
  assert.throws(() => networkModeChoice({ networkMode: 'netns' }, 1000), /--network-mode netns needs root/);
  assert.deepEqual(networkModeChoice({ networkMode: 'host', vipInterface: 'eth0' }, 0), {
    mode: 'host',
    vipInterface: 'eth0',
  });
  assert.throws(() => networkModeChoice({ networkMode: 'host', vipInterface: 'eth0' }, 1000), /needs root/);
});

test('network mode flags: refuse unknown modes and bad or misplaced interface names', () => {
  assert.throws(
    () => networkModeChoice({ networkMode: 'bridge' }, 0),
    /must be one of loopback, host, netns/,
  );
  assert.throws(() => networkModeChoice({ networkMode: 'host' }, 0), /needs --vip-interface/);
  for (const bad of ['', 'a b', 'eth0;rm', 'x/y', 'sixteen-chars-xx', '..']) {
    assert.throws(
      () => networkModeChoice({ networkMode: 'host', vipInterface: bad }, 0),
      /is not a valid interface name/,
      bad,
    );
  }
  assert.throws(
    () => networkModeChoice({ networkMode: 'netns', vipInterface: 'eth0' }, 0),
    /only with --network-mode host/,
  );
});
