import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenValidationCache } from './token-validation-cache.js';

function clock(): { now: () => number; advance(ms: number): void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

test('token cache: valid and invalid results for the TTL, never past the token expiry', () => {
  const c = clock();
  const cache = new TokenValidationCache<string>(30_000, 10, c.now);
  cache.set('good', 'ctx');
  cache.set('bad', undefined);
  cache.set('short', 'ctx', c.now() + 5_000);
  assert.deepEqual(cache.get('good'), { value: 'ctx' });
  assert.deepEqual(cache.get('bad'), { value: undefined });
  assert.equal(cache.get('unknown'), undefined);
  c.advance(5_000);
  assert.equal(cache.get('short'), undefined);
  assert.deepEqual(cache.get('good'), { value: 'ctx' });
  c.advance(25_000);
  assert.equal(cache.get('good'), undefined);
  assert.equal(cache.get('bad'), undefined);
  cache.set('expired', 'ctx', c.now());
  assert.equal(cache.get('expired'), undefined);
});

test('token cache: bounded, least recently used first out; TTL 0 caches nothing', () => {
  const c = clock();
  const cache = new TokenValidationCache<number>(30_000, 3, c.now);
  for (const [i, t] of ['a', 'b', 'c'].entries()) cache.set(t, i);
  assert.deepEqual(cache.get('a'), { value: 0 }); // a is now the most recently used
  cache.set('d', 3);
  assert.equal(cache.size, 3);
  assert.equal(cache.get('b'), undefined);
  assert.deepEqual(cache.get('a'), { value: 0 });
  const none = new TokenValidationCache<number>(0, 3, c.now);
  none.set('a', 1);
  assert.equal(none.get('a'), undefined);
  assert.equal(none.size, 0);
});
