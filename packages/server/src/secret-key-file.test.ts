import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from './config/config-error.js';
import { loadSecretKey, SECRET_KEY_FILE } from './secret-key-file.js';

test('the key is created 0600 with 32 random bytes on first start and reused afterwards', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-kek-'));
  try {
    const stateDir = join(dir, 'state');
    const first = loadSecretKey(stateDir, undefined);
    const path = join(stateDir, SECRET_KEY_FILE);
    assert.equal(first.length, 32);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.deepEqual(loadSecretKey(stateDir, undefined), first);
    assert.deepEqual(readFileSync(path), first);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('LBAAS_SECRET_KEY_FILE wins; a missing or wrong-sized file is a ConfigError', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-kek-'));
  try {
    const shared = join(dir, 'shared-key');
    const key = randomBytes(32);
    writeFileSync(shared, key, { mode: 0o600 });
    assert.deepEqual(loadSecretKey(join(dir, 'state'), shared), key);
    assert.throws(() => loadSecretKey(dir, join(dir, 'missing')), ConfigError);
    writeFileSync(shared, randomBytes(16));
    assert.throws(() => loadSecretKey(dir, shared), /exactly 32 bytes/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
