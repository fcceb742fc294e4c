import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { NodeFileSystem } from './file-system.js';
import { NodeProcessRunner } from './process-runner.js';
import { LinuxProcessTable } from './process-table.js';
import { NodeUnixSocketClient } from './unix-socket-client.js';

test('file system: atomic write leaves no temp files; list, read, remove', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lbaas-fs-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const fs = new NodeFileSystem();
  await fs.mkdirp(join(dir, 'a', 'b'));
  await fs.writeFileAtomic(join(dir, 'a', 'f'), 'one');
  await fs.writeFileAtomic(join(dir, 'a', 'f'), 'two');
  assert.equal(await fs.readText(join(dir, 'a', 'f')), 'two');
  assert.deepEqual((await readdir(join(dir, 'a'))).sort(), ['b', 'f']);
  assert.deepEqual(await fs.listDirs(join(dir, 'a')), ['b']);
  assert.deepEqual(await fs.listDirs(join(dir, 'missing')), []);
  assert.equal(await fs.readText(join(dir, 'missing')), undefined);
  await fs.removeDir(join(dir, 'a'));
  assert.equal(await fs.exists(join(dir, 'a')), false);
  await fs.removeDir(join(dir, 'a'));
});

test('process runner: argv only, exit codes, timeout', async () => {
  const runner = new NodeProcessRunner();
  const ok = await runner.run([
    process.execPath,
    '-e',
    'console.log(process.argv[1]); process.exit(3)',
    'a; rm -rf /',
  ]);
  assert.deepEqual(
    { code: ok.code, stdout: ok.stdout, timedOut: ok.timedOut },
    { code: 3, stdout: 'a; rm -rf /\n', timedOut: false },
  );
  const slow = await runner.run([process.execPath, '-e', 'setTimeout(() => {}, 10000)'], { timeoutMs: 200 });
  assert.equal(slow.timedOut, true);
  assert.equal(slow.code, null);
  await assert.rejects(runner.run(['/nonexistent/binary']), /ENOENT/);
});

test('process table: own process alive, bogus pids not, fd limit readable', async () => {
  const table = new LinuxProcessTable();
  assert.equal(await table.isAlive(process.pid), true);
  assert.equal(await table.isAlive(0), false);
  assert.equal(await table.isAlive(2 ** 31), false);
  assert.ok(((await table.commandLine(process.pid)) ?? []).length > 0);
  assert.equal(table.signal(2 ** 22 + 12345, 'SIGTERM'), false);
  const limit = await table.openFileLimit();
  assert.ok(limit.soft === null || limit.soft > 0);
});

test('unix socket client: one line out, everything until close back', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lbaas-sock-'));
  const path = join(dir, 's.sock');
  const server = createServer((socket) => {
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    socket.on('end', () => socket.end(`echo:${got}`));
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.after(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(dir, { recursive: true, force: true });
  });
  const client = new NodeUnixSocketClient();
  assert.equal(await client.request(path, 'show stat'), 'echo:show stat\n');
  await assert.rejects(client.request(path, 'a\nb'), /single line/);
  await assert.rejects(client.request(join(dir, 'missing.sock'), 'x'), /ENOENT/);
});
