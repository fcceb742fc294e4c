import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Store } from '../services/ports.js';
import { cachedSqliteDatabase } from './cached-sqlite-database.js';
import { KyselyStore } from './kysely-store.js';
import { SchemaScopedPostgresDialect } from './schema-scoped-postgres-dialect.js';
import { migrateToLatest } from './migrate-to-latest.js';
import type { StoreDatabase } from './store-database.js';

/** Where the store lives: a SQLite file (or ':memory:') or a PostgreSQL URL, optionally in its own schema. */
export type StoreConfig =
  { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

/** Opens the database, runs pending migrations, returns the Store. */
export async function createStore(config: StoreConfig): Promise<Store> {
  const db =
    config.kind === 'sqlite' ? openSqlite(config.path) : await openPostgres(config.url, config.schema);
  try {
    await migrateToLatest(db, config.kind === 'postgres' ? await currentSchema(db) : undefined);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyStore(db, config.kind);
}

/** Maps LBAAS_DATABASE_URL (postgres://… or postgresql://…) or a state dir to a StoreConfig (sqlite file `<stateDir>/lbaas.sqlite`). */
export function storeConfigFrom(databaseUrl: string | undefined, stateDir: string): StoreConfig {
  const url = databaseUrl?.trim() ?? '';
  if (url === '') return { kind: 'sqlite', path: join(stateDir, 'lbaas.sqlite') };
  if (/^postgres(ql)?:\/\//i.test(url)) return { kind: 'postgres', url };
  throw new Error(`LBAAS_DATABASE_URL must start with postgres:// or postgresql://, got ${redact(url)}`);
}

function redact(url: string): string {
  // Never echo a password into logs.
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

function openSqlite(path: string): Kysely<StoreDatabase> {
  if (path !== ':memory:' && path !== '') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  // WAL lets readers run beside the writer; NORMAL is durable enough under WAL; busy_timeout makes a second
  // process wait for the write lock instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  return new Kysely<StoreDatabase>({
    dialect: new SqliteDialect({ database: cachedSqliteDatabase(database) }),
  });
}

/** The schema unqualified tables are created in (the configured one, or the first of the default search_path). */
async function currentSchema(db: Kysely<StoreDatabase>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null)
    throw new Error('PostgreSQL search_path names no existing schema');
  return schema;
}

const PG_UNIQUE_VIOLATION = '23505';
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openPostgres(url: string, schema: string | undefined): Promise<Kysely<StoreDatabase>> {
  if (schema === undefined) {
    return new Kysely<StoreDatabase>({
      dialect: new SchemaScopedPostgresDialect({ pool: new pg.Pool({ connectionString: url }) }),
    });
  }
  // The name goes into a startup option and DDL, so only plain identifiers are accepted.
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } catch (error) {
    // Two servers starting at once can both pass the IF NOT EXISTS check; the loser's duplicate is harmless.
    if ((error as { code?: unknown }).code !== PG_UNIQUE_VIOLATION) {
      await pool.end();
      throw error;
    }
  }
  return new Kysely<StoreDatabase>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
}
