import type { Kysely } from 'kysely';
import type { FlavorProfileRecord, FlavorRecord } from '@lbaas/core';
import type { FlavorProfileRepository, FlavorRepository } from '../services/ports.js';
import { catalogRepository, type CatalogCodec } from './catalog.repository.js';
import type { StoreDatabase } from './store-database.js';

const flavorCodec: CatalogCodec<FlavorRecord> = {
  table: 'flavors',
  key: 'id',
  fields: ['id', 'name', 'description', 'enabled', 'flavor_profile_id'],
  booleans: ['enabled'],
};

const flavorProfileCodec: CatalogCodec<FlavorProfileRecord> = {
  table: 'flavor_profiles',
  key: 'id',
  fields: ['id', 'name', 'provider_name', 'flavor_data'],
  booleans: [],
};

/** Flavors bound to one transaction (a duplicate name is a StoreConflictError on `flavors`). */
export function createFlavorRepository(db: Kysely<StoreDatabase>): FlavorRepository {
  return catalogRepository(db, flavorCodec);
}

/** Flavor profiles bound to one transaction. */
export function createFlavorProfileRepository(db: Kysely<StoreDatabase>): FlavorProfileRepository {
  return catalogRepository(db, flavorProfileCodec);
}
