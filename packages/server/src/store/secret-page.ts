import type { Kysely } from 'kysely';
import type { Page } from '../services/key-manager-ports.js';
import type { StoreDatabase, StoreRow } from './store-database.js';

/** One project's rows of a key-manager table, oldest first, with the unpaged total. */
export async function projectPage(
  db: Kysely<StoreDatabase>,
  table: string,
  projectId: string,
  opts: { offset: number; limit: number; name?: string },
): Promise<Page<StoreRow>> {
  let base = db.selectFrom(table).where('project_id', '=', projectId);
  if (opts.name !== undefined) base = base.where('name', '=', opts.name);
  const counted = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
  // pg returns count(*) (int8) as a string.
  const total = Number(counted?.['n'] ?? 0);
  const items = await base
    .selectAll()
    .orderBy('created_at')
    .orderBy('id')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
  return { items, total };
}
