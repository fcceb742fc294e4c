import type { Kysely } from 'kysely';
import type { RoleAssignmentRecord, RoleAssignmentRepository } from '../services/identity-ports.js';
import type { StoreDatabase } from './store-database.js';

const TABLE = 'identity_role_assignments';
const KEYS = ['user_id', 'project_id', 'role_id'] as const;

/** Role grants (user, project, role), bound to one transaction. */
export function createIdentityRoleAssignmentRepository(db: Kysely<StoreDatabase>): RoleAssignmentRepository {
  const matching = (filter: Partial<RoleAssignmentRecord>) => {
    let q = db.selectFrom(TABLE).select([...KEYS]);
    for (const k of KEYS) {
      const v = filter[k];
      if (v !== undefined) q = q.where(k, '=', v);
    }
    return q;
  };
  return {
    async add(a) {
      await db
        .insertInto(TABLE)
        .values({ ...a })
        .onConflict((oc) => oc.columns([...KEYS]).doNothing())
        .execute();
    },
    async remove(a) {
      const r = await db
        .deleteFrom(TABLE)
        .where('user_id', '=', a.user_id)
        .where('project_id', '=', a.project_id)
        .where('role_id', '=', a.role_id)
        .executeTakeFirst();
      return r.numDeletedRows > 0n;
    },
    async list(filter = {}) {
      const rows = await matching(filter)
        .orderBy('user_id')
        .orderBy('project_id')
        .orderBy('role_id')
        .execute();
      return rows.map((r) => ({
        user_id: String(r['user_id']),
        project_id: String(r['project_id']),
        role_id: String(r['role_id']),
      }));
    },
    async removeWhere(filter) {
      let q = db.deleteFrom(TABLE);
      let any = false;
      for (const k of KEYS) {
        const v = filter[k];
        if (v !== undefined) {
          q = q.where(k, '=', v);
          any = true;
        }
      }
      if (!any) throw new Error('removeWhere needs a filter');
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
