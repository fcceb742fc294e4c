import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeUnixSocketClient } from '../test-support/fake-unix-socket-client.js';
import { RuntimeApi } from './runtime-api.js';

test('set commands are sent verbatim and an answer is an error', async () => {
  const sockets = new FakeUnixSocketClient((command) =>
    command.includes('nope') ? 'No such server.\n\n' : '\n',
  );
  const api = new RuntimeApi(sockets, '/x/haproxy.sock');
  await api.setServerWeight('pool:listener', 'm1', 7);
  await api.setServerState('pool:listener', 'm1', 'drain');
  assert.deepEqual(
    sockets.requests.map((r) => r.command),
    ['set server pool:listener/m1 weight 7', 'set server pool:listener/m1 state drain'],
  );
  await assert.rejects(api.setServerState('be', 'nope', 'maint'), /No such server/);
});

test('names and weights that could inject CLI syntax are refused before sending', async () => {
  const sockets = new FakeUnixSocketClient();
  const api = new RuntimeApi(sockets, '/x/haproxy.sock');
  await assert.rejects(api.setServerWeight('be; shutdown', 's', 1), /invalid backend name/);
  await assert.rejects(api.setServerState('be', 's/x', 'ready'), /invalid server name/);
  await assert.rejects(api.setServerWeight('be', 's', 257), /invalid weight/);
  assert.equal(sockets.requests.length, 0);
});

test('show info is parsed into key/value pairs', async () => {
  const api = new RuntimeApi(new FakeUnixSocketClient(() => 'Name: HAProxy\nPid: 42\nUptime_sec: 3\n'), '/s');
  const info = await api.showInfo();
  assert.equal(info.get('Pid'), '42');
  assert.equal(info.get('Uptime_sec'), '3');
});
