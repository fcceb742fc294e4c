/**
 * Placements carry the load balancer's network plan (contract AgentNetworkPlan: VIP network, subnet,
 * gateway, MAC and the floating IPs that reach it), stored as JSON text: the agent receives it with the
 * config and the placement hash covers it. Rows placed before this migration have NULL and are re-planned
 * the next time their load balancer is provisioned.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds lb_placements.network_plan. */
export const placementNetworkMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('lb_placements').addColumn('network_plan', 'text').execute();
  },
};
