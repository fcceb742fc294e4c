import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShowProc } from './master-process-list.js';

test('show proc of a master with a draining old worker', () => {
  const text = [
    '#<PID>          <type>          <reloads>       <uptime>        <version>      ',
    '32658           master          2 [failed: 1]   0d00h00m07s     2.6.12-1+deb12u4',
    '# workers',
    '320             worker          0               0d00h00m00s     2.6.12-1+deb12u4',
    '32698           worker          1               0d00h00m04s     2.6.12-1+deb12u4',
    '# programs',
    '',
  ].join('\n');
  assert.deepEqual(parseShowProc(text), {
    masterPid: 32658,
    masterReloads: 2,
    workers: [
      { pid: 320, reloads: 0 },
      { pid: 32698, reloads: 1 },
    ],
  });
  assert.throws(() => parseShowProc('Unknown command\n'), /no master line/);
});
