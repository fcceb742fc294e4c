import { StoreConflictError } from '../services/store-conflict-error.js';

export { StoreConflictError };

const SQLITE_UNIQUE_CODES = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);
const PG_UNIQUE_VIOLATION = '23505';

/** Maps a driver's unique-violation error to a StoreConflictError; anything else yields undefined. */
export function toStoreConflict(error: unknown): StoreConflictError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, table, message } = error as { code?: unknown; table?: unknown; message?: unknown };
  if (code === PG_UNIQUE_VIOLATION) {
    return new StoreConflictError(typeof table === 'string' ? table : 'unknown', { cause: error });
  }
  if (typeof code === 'string' && SQLITE_UNIQUE_CODES.has(code)) {
    // better-sqlite3 only names the table in the text: "UNIQUE constraint failed: port_ips.subnet_id, …".
    const match = typeof message === 'string' ? /constraint failed: (\w+)\./.exec(message) : null;
    return new StoreConflictError(match?.[1] ?? 'unknown', { cause: error });
  }
  return undefined;
}
