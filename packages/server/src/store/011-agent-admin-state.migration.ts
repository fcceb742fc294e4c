/**
 * Agents gain an operator switch: admin_state_up = 0 drains the agent (no new load balancers are placed
 * on it; the ones it runs stay). INTEGER 0/1 like the other flags of 0002; existing agents start enabled.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds agents.admin_state_up (NOT NULL, default 1). */
export const agentAdminStateMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('agents')
      .addColumn('admin_state_up', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
};
