import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { SecretCipher, SecretDecryptError } from './secret-crypto.js';

test('AES-256-GCM envelope: round trip, fresh nonce each time, bound to the secret id and the key', () => {
  const key = randomBytes(32);
  const cipher = new SecretCipher(key);
  const plain = Buffer.from('private key material');
  const a = cipher.encrypt('id-1', plain);
  const b = cipher.encrypt('id-1', plain);
  assert.notEqual(a, b);
  assert.equal(a.includes(plain.toString('base64url')), false);
  assert.deepEqual(cipher.decrypt('id-1', a), plain);
  assert.throws(() => cipher.decrypt('id-2', a), SecretDecryptError);
  assert.throws(() => new SecretCipher(randomBytes(32)).decrypt('id-1', a), SecretDecryptError);
  const parts = a.split('.');
  parts[2] = Buffer.from('tampered').toString('base64url');
  assert.throws(() => cipher.decrypt('id-1', parts.join('.')), SecretDecryptError);
  assert.throws(() => cipher.decrypt('id-1', 'garbage'), SecretDecryptError);
  assert.throws(() => new SecretCipher(randomBytes(16)), /32 bytes/);
});
