import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Most distinct statements kept prepared (the store issues a few dozen shapes; this only bounds odd ones). */
const MAX_STATEMENTS = 500;

/**
 * Kysely's SQLite driver prepares every query anew; compiling SQL is a large share of a small query's
 * cost. This wrapper keeps prepared statements per SQL text (the store's SQL is parameterised, so the
 * set of texts is small) and hands Kysely the same statement again.
 */
export function cachedSqliteDatabase(database: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    prepare(sql: string): SqliteStatement {
      let stmt = statements.get(sql);
      if (!stmt) {
        if (statements.size >= MAX_STATEMENTS) statements.clear();
        stmt = database.prepare(sql);
        statements.set(sql, stmt);
      }
      return stmt as unknown as SqliteStatement;
    },
    close(): void {
      statements.clear();
      database.close();
    },
  };
}
