import {
  applyAvailabilityZoneProfileUpdate,
  applyAvailabilityZoneUpdate,
  buildAvailabilityZone,
  buildAvailabilityZoneProfile,
  changesAvailabilityZoneProfileMeaning,
  checkAvailabilityZoneProfileUpdate,
  DomainError,
  notFound,
  objectInUse,
  recordAlreadyExists,
  rejectNilId,
  type AvailabilityZoneCreateInput,
  type AvailabilityZoneProfileCreateInput,
  type AvailabilityZoneProfileRecord,
  type AvailabilityZoneProfileUpdateInput,
  type AvailabilityZoneRecord,
  type AvailabilityZoneUpdateInput,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { authorize } from './policy.js';
import type { ServiceDeps } from './service-deps.js';
import { StoreConflictError } from './store-conflict-error.js';

const AZ = 'Availability Zone';
const AZP = 'Availability Zone Profile';

/**
 * Availability zones (read: any reader; write: admin; identified by name) and their profiles (admin
 * only), spec §4.12–§4.13, §6.
 */
export class AvailabilityZoneService {
  constructor(private readonly deps: ServiceDeps) {}

  listProfiles(ctx: AuthContext): Promise<AvailabilityZoneProfileRecord[]> {
    authorize(ctx, 'admin', ctx.projectId);
    return this.deps.store.read((tx) => tx.availabilityZoneProfiles.find({}));
  }

  getProfile(ctx: AuthContext, id: string): Promise<AvailabilityZoneProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId(AZP, id);
    return this.deps.store.read(async (tx) => {
      const p = await tx.availabilityZoneProfiles.get(id);
      if (!p) throw notFound(AZP, id);
      return p;
    });
  }

  async createProfile(
    ctx: AuthContext,
    input: AvailabilityZoneProfileCreateInput,
  ): Promise<AvailabilityZoneProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    const profile = buildAvailabilityZoneProfile(
      this.deps.ids.uuid(),
      input,
      this.deps.settings.enabledProviders,
    );
    await this.deps.store.write((tx) => tx.availabilityZoneProfiles.insert(profile));
    return profile;
  }

  updateProfile(
    ctx: AuthContext,
    id: string,
    patch: AvailabilityZoneProfileUpdateInput,
  ): Promise<AvailabilityZoneProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    checkAvailabilityZoneProfileUpdate(patch);
    rejectNilId(AZP, id);
    return this.deps.store.write(async (tx) => {
      const current = await tx.availabilityZoneProfiles.lock(id);
      if (!current) throw notFound(AZP, id);
      if (
        changesAvailabilityZoneProfileMeaning(patch) &&
        (await tx.availabilityZones.find({ availability_zone_profile_id: id })).length > 0
      )
        throw objectInUse(AZP, id);
      const next = applyAvailabilityZoneProfileUpdate(current, patch, this.deps.settings.enabledProviders);
      await tx.availabilityZoneProfiles.update(next);
      return next;
    });
  }

  async deleteProfile(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId(AZP, id);
    await this.deps.store.write(async (tx) => {
      if (!(await tx.availabilityZoneProfiles.lock(id))) throw notFound(AZP, id);
      if ((await tx.availabilityZones.find({ availability_zone_profile_id: id })).length > 0)
        throw objectInUse(AZP, id);
      await tx.availabilityZoneProfiles.remove(id);
    });
  }

  list(ctx: AuthContext): Promise<AvailabilityZoneRecord[]> {
    authorize(ctx, 'read', ctx.projectId);
    return this.deps.store.read((tx) => tx.availabilityZones.find({}));
  }

  get(ctx: AuthContext, name: string): Promise<AvailabilityZoneRecord> {
    authorize(ctx, 'read', ctx.projectId);
    rejectNilId(AZ, name);
    return this.deps.store.read(async (tx) => {
      const az = await tx.availabilityZones.get(name);
      if (!az) throw notFound(AZ, name);
      return az;
    });
  }

  async create(ctx: AuthContext, input: AvailabilityZoneCreateInput): Promise<AvailabilityZoneRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    const az = buildAvailabilityZone(input);
    try {
      return await this.deps.store.write(async (tx) => {
        if (!(await tx.availabilityZoneProfiles.lock(az.availability_zone_profile_id)))
          throw new DomainError('invalid', `${AZP} ${az.availability_zone_profile_id} not found.`);
        await tx.availabilityZones.insert(az);
        return az;
      });
    } catch (err) {
      if (err instanceof StoreConflictError && err.constraint === 'availability_zones')
        throw recordAlreadyExists('availability zone', az.name);
      throw err;
    }
  }

  update(
    ctx: AuthContext,
    name: string,
    patch: AvailabilityZoneUpdateInput,
  ): Promise<AvailabilityZoneRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId(AZ, name);
    return this.deps.store.write(async (tx) => {
      const current = await tx.availabilityZones.get(name);
      if (!current) throw notFound(AZ, name);
      const next = applyAvailabilityZoneUpdate(current, patch);
      await tx.availabilityZones.update(next);
      return next;
    });
  }

  async delete(ctx: AuthContext, name: string): Promise<void> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId(AZ, name);
    await this.deps.store.write(async (tx) => {
      if (!(await tx.availabilityZones.lock(name))) throw notFound(AZ, name);
      if ((await tx.loadBalancers.find({ availability_zone: name })).length > 0) throw objectInUse(AZ, name);
      await tx.availabilityZones.remove(name);
    });
  }
}
