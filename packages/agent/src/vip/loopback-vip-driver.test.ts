import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLoopbackAddress, LoopbackVipDriver } from './loopback-vip-driver.js';

test('loopback mode accepts 127.0.0.0/8 and ::1 only', async () => {
  for (const ok of ['127.0.0.1', '127.77.0.5', '127.255.255.254', '::1', '0:0:0:0:0:0:0:1']) {
    assert.equal(isLoopbackAddress(ok), true, ok);
  }
  for (const bad of ['10.0.0.1', '128.0.0.1', '::2', '::ffff:127.0.0.1', 'localhost', '127.0.0.01', '']) {
    assert.equal(isLoopbackAddress(bad), false, bad);
  }
  const driver = new LoopbackVipDriver();
  await driver.plug('127.77.0.1');
  await driver.unplug('::1');
  await assert.rejects(driver.plug('192.0.2.10'), /loopback VIP mode serves only/);
});
