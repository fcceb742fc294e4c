import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ipSortKey, type PortRecord } from '@lbaas/core';
import type { PortRepository } from '../services/ports.js';
import { hybridRepository, type HybridCodec } from './hybrid.repository.js';
import type { StoreDatabase } from './store-database.js';

/** Ports; fixed_ips stay in doc (the record's truth) and are mirrored into port_ips (the allocation index). */
export const portCodec: HybridCodec<PortRecord> = {
  table: 'ports',
  columns: ['project_id', 'network_id', 'device_id', 'name'],
};

/**
 * A Neutron-style MAC (fa:16:3e + the first three bytes of sha256(id)) for ports stored before ports had
 * one: stable across reads, and the same derivation services/network-plan.ts falls back to.
 */
export function derivedMacAddress(portId: string): string {
  const h = createHash('sha256').update(portId).digest();
  const byte = (i: number): string => (h[i] ?? 0).toString(16).padStart(2, '0');
  return `fa:16:3e:${byte(0)}:${byte(1)}:${byte(2)}`;
}

function withMac(port: PortRecord): PortRecord {
  const mac = (port as { mac_address?: unknown }).mac_address;
  return typeof mac === 'string' && mac !== '' ? port : { ...port, mac_address: derivedMacAddress(port.id) };
}

/** The port repository bound to one transaction; keeps port_ips in step with each port's fixed_ips. */
export function createPortRepository(db: Kysely<StoreDatabase>): PortRepository {
  const base = hybridRepository<PortRecord, 'project_id' | 'network_id' | 'device_id'>(db, portCodec);

  // The (subnet_id, ip_address) primary key of port_ips makes a double allocation fail the write.
  async function insertIps(port: PortRecord): Promise<void> {
    if (port.fixed_ips.length === 0) return;
    const rows = port.fixed_ips.map((ip) => ({
      port_id: port.id,
      subnet_id: ip.subnet_id,
      ip_address: ip.ip_address,
      ip_order: ipSortKey(ip.ip_address),
    }));
    await db.insertInto('port_ips').values(rows).execute();
  }
  async function removeIps(portId: string): Promise<void> {
    await db.deleteFrom('port_ips').where('port_id', '=', portId).execute();
  }

  return {
    ...base,

    async get(id) {
      const port = await base.get(id);
      return port === undefined ? undefined : withMac(port);
    },

    async find(where) {
      return (await base.find(where)).map(withMac);
    },

    async insert(record) {
      await base.insert(record);
      await insertIps(record);
    },

    async update(record) {
      if (!(await base.update(record))) return false;
      await removeIps(record.id);
      await insertIps(record);
      return true;
    },

    async remove(id) {
      await removeIps(id);
      return base.remove(id);
    },

    async isAllocated(subnetId, ipAddress) {
      const row = await db
        .selectFrom('port_ips')
        .select('port_id')
        .where('subnet_id', '=', subnetId)
        .where('ip_address', '=', ipAddress)
        .executeTakeFirst();
      return row !== undefined;
    },

    async highestAllocated(subnetId) {
      const row = await db
        .selectFrom('port_ips')
        .select('ip_address')
        .where('subnet_id', '=', subnetId)
        .orderBy('ip_order', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row === undefined ? undefined : String(row.ip_address);
    },

    async allocatedAddresses(subnetId) {
      const rows = await db
        .selectFrom('port_ips')
        .select('ip_address')
        .where('subnet_id', '=', subnetId)
        .orderBy('ip_address')
        .execute();
      return rows.map((row) => String(row.ip_address));
    },
  };
}
