import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accumulateListenerStats } from './accumulate-listener-stats.js';

const ids = { listener_id: 'l1', load_balancer_id: 'lb1' };
const snap = (bin: number, stot: number, scur = 1) => ({ scur, stot, bin, bout: bin * 2, ereq: 0 });

test('accumulateListenerStats: deltas add up; a counter drop counts the new worker from zero; scur is a gauge', () => {
  const a = accumulateListenerStats(undefined, ids, snap(100, 10), 't1');
  assert.deepEqual([a.bytes_in, a.bytes_out, a.total_connections, a.active_connections], [100, 200, 10, 1]);
  const b = accumulateListenerStats(a, ids, snap(150, 12, 5), 't2');
  assert.deepEqual([b.bytes_in, b.bytes_out, b.total_connections, b.active_connections], [150, 300, 12, 5]);
  // Reload: bytes dropped (stot did not): the whole snapshot is the new worker's.
  const c = accumulateListenerStats(b, ids, snap(40, 20, 0), 't3');
  assert.deepEqual([c.bytes_in, c.bytes_out, c.total_connections, c.active_connections], [190, 380, 32, 0]);
  assert.deepEqual(c.raw, { bin: 40, bout: 80, stot: 20, ereq: 0 });
  const d = accumulateListenerStats(c, ids, snap(40, 20, 0), 't4');
  assert.equal(d.bytes_in, 190, 'an unchanged snapshot adds nothing');
  assert.equal(d.updated_at, 't4');
});
