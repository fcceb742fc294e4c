import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password-hash.js';

test('password hash: self-describing scrypt string, salted, verifies only the right password', async () => {
  const a = await hashPassword('s3cret');
  const b = await hashPassword('s3cret');
  assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('s3cret', a), true);
  assert.equal(await verifyPassword('s3cret!', a), false);
  assert.equal(await verifyPassword('s3cret', 'plain'), false);
  assert.equal(await verifyPassword('s3cret', a.replace('$32768$', '$99999999$')), false);
});
