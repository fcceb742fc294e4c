import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config/config-error.js';

/** File name of the key manager's key-encryption key under the state dir. */
export const SECRET_KEY_FILE = 'secret-key';
const KEY_BYTES = 32;

/**
 * The key manager's 32-byte key-encryption key: `LBAAS_SECRET_KEY_FILE` when set (several servers on one
 * PostgreSQL must share it; it must exist), otherwise `<state-dir>/secret-key`, created 0600 with random
 * bytes on first start (hard-linked into place, so two starting servers never both win).
 */
export function loadSecretKey(stateDir: string, keyFile: string | undefined): Buffer {
  if (keyFile !== undefined && keyFile !== '') return readKey(keyFile);
  const path = join(stateDir, SECRET_KEY_FILE);
  if (existsSync(path)) return readKey(path);
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, randomBytes(KEY_BYTES), { mode: 0o600 });
  chmodSync(tmp, 0o600);
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
  return readKey(path);
}

function readKey(path: string): Buffer {
  let key: Buffer;
  try {
    key = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`cannot read the secret key file ${path}: ${(error as Error).message}`);
  }
  if (key.length !== KEY_BYTES) {
    throw new ConfigError(
      `the secret key file ${path} must hold exactly ${KEY_BYTES} bytes, has ${key.length}`,
    );
  }
  return key;
}
