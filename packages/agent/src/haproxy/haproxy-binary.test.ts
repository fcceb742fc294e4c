import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessRunner, RunResult } from '../system/process-runner.js';
import { HaproxyBinary } from './haproxy-binary.js';

class FakeRunner implements ProcessRunner {
  readonly calls: string[][] = [];
  run(argv: readonly string[]): Promise<RunResult> {
    this.calls.push([...argv]);
    return Promise.resolve({ code: 0, signal: null, stdout: '', stderr: '', timedOut: false });
  }
  spawnDetached(): Promise<number> {
    return Promise.reject(new Error('not used'));
  }
}

const paths = { cfg: '/lb/haproxy.cfg', masterSocket: '/lb/master.sock', pidFile: '/lb/haproxy.pid' };

test('startMasterWorker: plain in the host namespace, through `ip netns exec` in a namespace', async () => {
  const runner = new FakeRunner();
  const binary = new HaproxyBinary(runner, { path: '/usr/sbin/haproxy' });
  await binary.startMasterWorker(paths);
  await binary.startMasterWorker(paths, { netns: 'qlbaas-00000000-0000-4000-8000-000000000001' });
  const tail = [
    '/usr/sbin/haproxy',
    '-W',
    '-D',
    '-S',
    '/lb/master.sock,mode,600',
    '-p',
    '/lb/haproxy.pid',
    '-f',
    '/lb/haproxy.cfg',
  ];
  assert.deepEqual(runner.calls, [
    tail,
    ['ip', 'netns', 'exec', 'qlbaas-00000000-0000-4000-8000-000000000001', ...tail],
  ]);
  await assert.rejects(binary.startMasterWorker(paths, { netns: 'x; reboot' }), /namespace name/);
});
