import type { Kysely } from 'kysely';
import type { Repository } from '../services/ports.js';
import type { ColumnValue, StoreDatabase, StoreRow } from './store-database.js';

/** Fields every stored record has as real columns. */
type StoredRecord = { id: string; created_at: string; updated_at: string | null };

/**
 * How one record kind maps onto its table: which fields are real columns (besides id, created_at and
 * updated_at); all other fields go, as JSON, into `doc`.
 */
export interface HybridCodec<T extends StoredRecord> {
  readonly table: string;
  readonly columns: readonly (keyof T & string)[];
}

const BASE_COLUMNS = ['id', 'created_at', 'updated_at'] as const;

/** Splits a record into its row: columns as they are, the rest serialised into `doc`. */
export function encodeRecord<T extends StoredRecord>(codec: HybridCodec<T>, record: T): StoreRow {
  const doc: Record<string, unknown> = { ...record };
  const row: StoreRow = {};
  for (const column of [...BASE_COLUMNS, ...codec.columns]) {
    row[column] = toColumnValue(codec, column, record[column]);
    delete doc[column];
  }
  row['doc'] = JSON.stringify(doc);
  return row;
}

/** Rebuilds a record from its row; columns win over anything `doc` might hold under the same name. */
export function decodeRecord<T extends StoredRecord>(codec: HybridCodec<T>, row: StoreRow): T {
  const doc = row['doc'];
  if (typeof doc !== 'string') throw new Error(`${codec.table} row ${String(row['id'])} has no doc`);
  const record = JSON.parse(doc) as Record<string, unknown>;
  for (const column of [...BASE_COLUMNS, ...codec.columns]) record[column] = row[column] ?? null;
  // The codec lists exactly the fields of T that were moved out of doc, so the union is a whole T.
  return record as T;
}

function toColumnValue<T extends StoredRecord>(
  codec: HybridCodec<T>,
  column: string,
  value: unknown,
): ColumnValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new Error(`${codec.table}.${column} must be a string, a number or null, got ${typeof value}`);
}

/**
 * The one implementation of Repository for every hybrid table; the per-kind files only supply a codec.
 * `db` is the transaction the repository is bound to.
 */
export function hybridRepository<T extends StoredRecord, W extends keyof T & string>(
  db: Kysely<StoreDatabase>,
  codec: HybridCodec<T>,
): Repository<T, W> {
  const { table } = codec;
  const filterable = new Set<string>(codec.columns);

  return {
    async get(id) {
      const row = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decodeRecord(codec, row);
    },

    async find(where) {
      let query = db.selectFrom(table).selectAll();
      for (const [column, value] of Object.entries(where)) {
        if (value === undefined) continue;
        // `where` is typed, but a stray key from an untyped caller must not silently match nothing.
        if (!filterable.has(column)) throw new Error(`${table}.${column} is not a stored column`);
        const scalar = toColumnValue(codec, column, value);
        query = scalar === null ? query.where(column, 'is', null) : query.where(column, '=', scalar);
      }
      const rows = await query.orderBy('created_at').orderBy('id').execute();
      return rows.map((row) => decodeRecord(codec, row));
    },

    async insert(record) {
      await db.insertInto(table).values(encodeRecord(codec, record)).execute();
    },

    async update(record) {
      const row = encodeRecord(codec, record);
      delete row['id'];
      const result = await db.updateTable(table).set(row).where('id', '=', record.id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(id) {
      const result = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
