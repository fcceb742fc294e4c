import type { Kysely } from 'kysely';
import type { AvailabilityZoneProfileRecord, AvailabilityZoneRecord } from '@lbaas/core';
import type { AvailabilityZoneProfileRepository, AvailabilityZoneRepository } from '../services/ports.js';
import { catalogRepository, type CatalogCodec } from './catalog.repository.js';
import type { StoreDatabase } from './store-database.js';

const availabilityZoneCodec: CatalogCodec<AvailabilityZoneRecord> = {
  table: 'availability_zones',
  key: 'name',
  fields: ['name', 'description', 'enabled', 'availability_zone_profile_id'],
  booleans: ['enabled'],
};

const availabilityZoneProfileCodec: CatalogCodec<AvailabilityZoneProfileRecord> = {
  table: 'availability_zone_profiles',
  key: 'id',
  fields: ['id', 'name', 'provider_name', 'availability_zone_data'],
  booleans: [],
};

/** Availability zones (keyed by name) bound to one transaction. */
export function createAvailabilityZoneRepository(db: Kysely<StoreDatabase>): AvailabilityZoneRepository {
  return catalogRepository(db, availabilityZoneCodec);
}

/** Availability zone profiles bound to one transaction. */
export function createAvailabilityZoneProfileRepository(
  db: Kysely<StoreDatabase>,
): AvailabilityZoneProfileRepository {
  return catalogRepository(db, availabilityZoneProfileCodec);
}
