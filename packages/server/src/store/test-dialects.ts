import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import type { Store } from '../services/ports.js';
import { createStore, type StoreConfig } from './create-store.js';

const SKIP_MESSAGE = 'LBAAS_TEST_DATABASE_URL not set; run scripts/start-test-postgres.sh';

/** A fresh, empty database for one test and how to dispose of it afterwards. */
interface Scratch {
  config: StoreConfig;
  dispose(): Promise<void>;
}

function sqliteMemory(): Scratch {
  return { config: { kind: 'sqlite', path: ':memory:' }, dispose: () => Promise.resolve() };
}

function sqliteFile(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-store-'));
  return {
    config: { kind: 'sqlite', path: join(dir, 'state', 'lbaas.sqlite') },
    dispose: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgresSchema(url: string): Scratch {
  // A random schema per test keeps concurrently running test files from seeing each other's rows.
  const schema = `lbaas_test_${randomBytes(6).toString('hex')}`;
  return {
    config: { kind: 'postgres', url, schema },
    async dispose() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Registers the postgres variant of a test: run when LBAAS_TEST_DATABASE_URL is set, otherwise skipped —
 * or failed under CI, which must cover both dialects.
 */
function registerPostgres(name: string, run: (scratch: Scratch) => Promise<void>): void {
  const url = process.env['LBAAS_TEST_DATABASE_URL'];
  const title = `${name} [postgres]`;
  if (url !== undefined && url !== '') {
    test(title, () => withScratch(postgresSchema(url), run));
  } else if (process.env['CI'] !== undefined) {
    test(title, () => {
      throw new Error(`${SKIP_MESSAGE} (CI must run the store tests on PostgreSQL too)`);
    });
  } else {
    test(title, { skip: SKIP_MESSAGE }, () => undefined);
  }
}

async function withScratch(scratch: Scratch, run: (scratch: Scratch) => Promise<void>): Promise<void> {
  try {
    await run(scratch);
  } finally {
    await scratch.dispose();
  }
}

async function withStore(scratch: Scratch, fn: (store: Store) => Promise<void>): Promise<void> {
  const store = await createStore(scratch.config);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

/** Registers one node:test test per dialect, each handed a fresh, migrated, empty Store (closed afterwards). */
export function forEachDialect(name: string, fn: (store: Store) => Promise<void>): void {
  test(`${name} [sqlite]`, () => withScratch(sqliteMemory(), (scratch) => withStore(scratch, fn)));
  registerPostgres(name, (scratch) => withStore(scratch, fn));
}

/**
 * Like forEachDialect, but hands over a StoreConfig of a fresh database that can be opened more than once
 * (a SQLite file in a temporary directory, a fresh PostgreSQL schema); the caller opens and closes stores.
 */
export function forEachDialectConfig(name: string, fn: (config: StoreConfig) => Promise<void>): void {
  test(`${name} [sqlite]`, () => withScratch(sqliteFile(), (scratch) => fn(scratch.config)));
  registerPostgres(name, (scratch) => fn(scratch.config));
}
