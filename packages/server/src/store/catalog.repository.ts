import type { Kysely } from 'kysely';
import type { CatalogRepository } from '../services/ports.js';
import type { ColumnValue, StoreDatabase, StoreRow } from './store-database.js';

/** How one catalog record kind maps onto its plain-column table. */
export interface CatalogCodec<T> {
  readonly table: string;
  /** The primary-key field (`id`, or `name` for availability zones). */
  readonly key: keyof T & string;
  /** Every field, in column order; each is a column of the same name. */
  readonly fields: readonly (keyof T & string)[];
  /** Fields stored as INTEGER 0/1. */
  readonly booleans: readonly (keyof T & string)[];
}

function encode<T>(codec: CatalogCodec<T>, record: T): StoreRow {
  const row: StoreRow = {};
  for (const field of codec.fields) {
    const value = record[field] as unknown;
    row[field] = codec.booleans.includes(field) ? (value ? 1 : 0) : ((value ?? null) as ColumnValue);
  }
  return row;
}

function decode<T>(codec: CatalogCodec<T>, row: StoreRow): T {
  const record: Record<string, unknown> = {};
  for (const field of codec.fields) {
    const value = row[field] ?? null;
    record[field] = codec.booleans.includes(field) ? Number(value) === 1 : value;
  }
  return record as T;
}

/**
 * The one implementation of CatalogRepository (flavors, flavor profiles, availability zones and their
 * profiles), bound to the transaction `db`.
 */
export function catalogRepository<T, W extends keyof T & string>(
  db: Kysely<StoreDatabase>,
  codec: CatalogCodec<T>,
): CatalogRepository<T, W> {
  const table = codec.table;
  const key: string = codec.key;
  return {
    async get(id) {
      const row = await db.selectFrom(table).selectAll().where(key, '=', id).executeTakeFirst();
      return row === undefined ? undefined : decode(codec, row);
    },

    async lock(id) {
      // A no-op UPDATE takes the row lock on PostgreSQL (SQLite serialises writers anyway), so a delete
      // and a create that references the row cannot interleave their "is it used / does it exist" checks.
      const row = await db
        .updateTable(table)
        .set({ [key]: id })
        .where(key, '=', id)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? undefined : decode(codec, row);
    },

    async find(where) {
      let query = db.selectFrom(table).selectAll();
      for (const [column, value] of Object.entries(where)) {
        if (value === undefined) continue;
        if (!codec.fields.includes(column as keyof T & string))
          throw new Error(`${table}.${column} is not a column`);
        query = query.where(column, '=', value as ColumnValue);
      }
      const rows = await query.orderBy(key).execute();
      return rows.map((row) => decode(codec, row));
    },

    async insert(record) {
      await db.insertInto(table).values(encode(codec, record)).execute();
    },

    async update(record) {
      const row = encode(codec, record);
      delete row[key];
      const result = await db
        .updateTable(table)
        .set(row)
        .where(key, '=', record[codec.key] as ColumnValue)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(id) {
      const result = await db.deleteFrom(table).where(key, '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
