/**
 * Placements carry the files haproxy.cfg names next to it (certificates with their private keys, CA
 * bundles, CRLs, crt-lists) for the agent to fetch. They hold private keys, so the column stores them
 * sealed with the key manager's key (AES-256-GCM, bound to the load balancer id) plus a digest of the
 * plaintext for the placement hash: JSON `{"digest": <sha256 hex>, "sealed": <envelope>}`, NULL = no files.
 */
import type { Kysely, Migration } from 'kysely';

/** Adds lb_placements.tls_files. */
export const placementTlsFilesMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('lb_placements').addColumn('tls_files', 'text').execute();
  },
};
