import type { Kysely } from 'kysely';
import type { NameFilter } from '../services/identity-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

/** How one identity record kind (keyed by `id`, named by `name`) maps onto its table. */
export interface IdentityTableCodec<R> {
  readonly table: string;
  /** The NameFilter keys this table is listed by (`domain_id` only where the table has the column). */
  readonly filters: readonly (keyof NameFilter)[];
  decode(row: StoreRow): R;
  /** The row an insert writes. */
  encode(record: R): StoreRow;
  /** The columns an update sets; by default every encoded column but `id`. */
  updateColumns?(record: R): StoreRow;
}

/** get / list / insert / update / remove by id of one identity table, bound to one transaction. */
export interface IdentityTable<R> {
  get(id: string): Promise<R | undefined>;
  /** Equality filters; ordered by name, then id. */
  list(filter?: NameFilter): Promise<R[]>;
  insert(record: R): Promise<void>;
  /** Whether a row with the record's id existed. */
  update(record: R): Promise<boolean>;
  remove(id: string): Promise<boolean>;
}

/** A nullable TEXT column as `string | null`. */
export const nullableText = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

function withoutId(row: StoreRow): StoreRow {
  const { id: _id, ...rest } = row;
  return rest;
}

/** The by-id and by-name queries the identity repositories share. */
export function identityTable<R extends { id: string }>(
  db: Kysely<StoreDatabase>,
  codec: IdentityTableCodec<R>,
): IdentityTable<R> {
  const { table, decode } = codec;
  const updateColumns = codec.updateColumns ?? ((record: R) => withoutId(codec.encode(record)));
  return {
    async get(id) {
      const row = await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : decode(row);
    },
    async list(filter = {}) {
      let q = db.selectFrom(table).selectAll();
      for (const key of codec.filters) {
        const value = filter[key];
        if (value !== undefined) q = q.where(key, '=', value);
      }
      return (await q.orderBy('name').orderBy('id').execute()).map(decode);
    },
    async insert(record) {
      await db.insertInto(table).values(codec.encode(record)).execute();
    },
    async update(record) {
      const r = await db
        .updateTable(table)
        .set(updateColumns(record))
        .where('id', '=', record.id)
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    },
    async remove(id) {
      const r = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
  };
}
