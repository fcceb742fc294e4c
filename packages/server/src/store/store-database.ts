/** A scalar a store column can hold: TEXT, INTEGER or NULL (booleans and structures live in `doc`). */
export type ColumnValue = string | number | null;

/** One row of any store table, keyed by column name. */
export type StoreRow = Record<string, ColumnValue>;

/**
 * The Kysely database type of the store. Tables are addressed by name from the per-kind codecs, so the
 * type is deliberately generic: the codecs, not Kysely, own the row shape of each table.
 */
export type StoreDatabase = Record<string, StoreRow>;
