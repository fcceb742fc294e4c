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

test('a TLS file is replaced by set + commit with the content as payload', async () => {
  const sockets = new FakeUnixSocketClient((command) =>
    command.startsWith('set ')
      ? 'Transaction created for certificate /lb/tls/a.pem!\n\n'
      : 'Committing /lb/tls/a.pem.\nSuccess!\n\n',
  );
  const api = new RuntimeApi(sockets, '/lb/haproxy.sock');
  await api.updateSslFile('certificate', '/lb/tls/a.pem', 'PEM\n');
  await api.updateSslFile('ca', '/lb/tls/ca.pem', 'CA\n');
  await api.updateSslFile('crl', '/lb/tls/crl.pem', 'CRL\n');
  assert.deepEqual(sockets.requests, [
    { socketPath: '/lb/haproxy.sock', command: 'set ssl cert /lb/tls/a.pem', payload: 'PEM\n' },
    { socketPath: '/lb/haproxy.sock', command: 'commit ssl cert /lb/tls/a.pem' },
    { socketPath: '/lb/haproxy.sock', command: 'set ssl ca-file /lb/tls/ca.pem', payload: 'CA\n' },
    { socketPath: '/lb/haproxy.sock', command: 'commit ssl ca-file /lb/tls/ca.pem' },
    { socketPath: '/lb/haproxy.sock', command: 'set ssl crl-file /lb/tls/crl.pem', payload: 'CRL\n' },
    { socketPath: '/lb/haproxy.sock', command: 'commit ssl crl-file /lb/tls/crl.pem' },
  ]);
});

test('a refused TLS update aborts its transaction and rejects with the answer', async () => {
  const refusedSet = new FakeUnixSocketClient((command) =>
    command.startsWith('set ') ? "unable to load certificate\nCan't update /lb/tls/a.pem!\n\n" : '\n',
  );
  await assert.rejects(
    new RuntimeApi(refusedSet, '/s').updateSslFile('certificate', '/lb/tls/a.pem', 'X'),
    /unable to load certificate/,
  );
  assert.deepEqual(
    refusedSet.requests.map((r) => r.command),
    ['set ssl cert /lb/tls/a.pem', 'abort ssl cert /lb/tls/a.pem'],
  );
  // 2.6 answers a failed commit of a CRL shared by bind and server lines with "(null)Failed!".
  const failedCommit = new FakeUnixSocketClient((command) =>
    command.startsWith('set ')
      ? 'transaction created for CRL /lb/tls/c.pem!\n\n'
      : 'Committing /lb/tls/c.pem..\n(null)Failed!\n\n',
  );
  await assert.rejects(
    new RuntimeApi(failedCommit, '/s').updateSslFile('crl', '/lb/tls/c.pem', 'X'),
    /Failed!/,
  );
  assert.equal(failedCommit.requests.at(-1)?.command, 'abort ssl crl-file /lb/tls/c.pem');
  // No answer at all (payload beyond tune.bufsize) is a failure too.
  await assert.rejects(
    new RuntimeApi(new FakeUnixSocketClient(() => ''), '/s').updateSslFile('ca', '/lb/tls/x', 'X'),
    /no answer/,
  );
  const none = new FakeUnixSocketClient();
  await assert.rejects(
    new RuntimeApi(none, '/s').updateSslFile('ca', 'relative', 'X'),
    /invalid TLS file path/,
  );
  await assert.rejects(new RuntimeApi(none, '/s').updateSslFile('ca', '/a b', 'X'), /invalid TLS file path/);
  assert.equal(none.requests.length, 0);
});
