import {
  applyFlavorProfileUpdate,
  applyFlavorUpdate,
  buildFlavor,
  buildFlavorProfile,
  changesFlavorProfileMeaning,
  checkFlavorProfileUpdate,
  DomainError,
  notFound,
  objectInUse,
  recordAlreadyExists,
  rejectNilId,
  type FlavorCreateInput,
  type FlavorProfileCreateInput,
  type FlavorProfileRecord,
  type FlavorProfileUpdateInput,
  type FlavorRecord,
  type FlavorUpdateInput,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { authorize } from './policy.js';
import type { ServiceDeps } from './service-deps.js';
import { StoreConflictError } from './store-conflict-error.js';

/**
 * Flavors (read: any reader; write: admin) and flavor profiles (admin only), spec §4.10–§4.11, §6.
 * These are role-only checks: the policy target is the caller's own project.
 */
export class FlavorService {
  constructor(private readonly deps: ServiceDeps) {}

  listProfiles(ctx: AuthContext): Promise<FlavorProfileRecord[]> {
    authorize(ctx, 'admin', ctx.projectId);
    return this.deps.store.read((tx) => tx.flavorProfiles.find({}));
  }

  getProfile(ctx: AuthContext, id: string): Promise<FlavorProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId('Flavor profile', id);
    return this.deps.store.read(async (tx) => {
      const p = await tx.flavorProfiles.get(id);
      if (!p) throw notFound('Flavor Profile', id);
      return p;
    });
  }

  async createProfile(ctx: AuthContext, input: FlavorProfileCreateInput): Promise<FlavorProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    const profile = buildFlavorProfile(this.deps.ids.uuid(), input, this.deps.settings.enabledProviders);
    await this.deps.store.write((tx) => tx.flavorProfiles.insert(profile));
    return profile;
  }

  updateProfile(ctx: AuthContext, id: string, patch: FlavorProfileUpdateInput): Promise<FlavorProfileRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    checkFlavorProfileUpdate(patch);
    rejectNilId('Flavor profile', id);
    return this.deps.store.write(async (tx) => {
      const current = await tx.flavorProfiles.lock(id);
      if (!current) throw notFound('Flavor Profile', id);
      if (changesFlavorProfileMeaning(patch) && (await tx.flavors.find({ flavor_profile_id: id })).length > 0)
        throw objectInUse('Flavor profile', id);
      const next = applyFlavorProfileUpdate(current, patch, this.deps.settings.enabledProviders);
      await tx.flavorProfiles.update(next);
      return next;
    });
  }

  async deleteProfile(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId('Flavor profile', id);
    await this.deps.store.write(async (tx) => {
      if (!(await tx.flavorProfiles.lock(id))) throw notFound('Flavor profile', id);
      if ((await tx.flavors.find({ flavor_profile_id: id })).length > 0)
        throw objectInUse('Flavor profile', id);
      await tx.flavorProfiles.remove(id);
    });
  }

  list(ctx: AuthContext): Promise<FlavorRecord[]> {
    authorize(ctx, 'read', ctx.projectId);
    return this.deps.store.read((tx) => tx.flavors.find({}));
  }

  get(ctx: AuthContext, id: string): Promise<FlavorRecord> {
    authorize(ctx, 'read', ctx.projectId);
    rejectNilId('Flavor', id);
    return this.deps.store.read(async (tx) => {
      const flavor = await tx.flavors.get(id);
      if (!flavor) throw notFound('Flavor', id);
      return flavor;
    });
  }

  async create(ctx: AuthContext, input: FlavorCreateInput): Promise<FlavorRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    const flavor = buildFlavor(this.deps.ids.uuid(), input);
    return this.unique(flavor.name, () =>
      this.deps.store.write(async (tx) => {
        // Octavia's table has a foreign key here; the lock keeps a concurrent profile delete out.
        if (!(await tx.flavorProfiles.lock(flavor.flavor_profile_id)))
          throw new DomainError('invalid', `Flavor Profile ${flavor.flavor_profile_id} not found.`);
        await tx.flavors.insert(flavor);
        return flavor;
      }),
    );
  }

  update(ctx: AuthContext, id: string, patch: FlavorUpdateInput): Promise<FlavorRecord> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId('Flavor', id);
    return this.unique(patch.name ?? '', () =>
      this.deps.store.write(async (tx) => {
        const current = await tx.flavors.get(id);
        if (!current) throw notFound('Flavor', id);
        const next = applyFlavorUpdate(current, patch);
        await tx.flavors.update(next);
        return next;
      }),
    );
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    authorize(ctx, 'admin', ctx.projectId);
    rejectNilId('Flavor', id);
    await this.deps.store.write(async (tx) => {
      if (!(await tx.flavors.lock(id))) throw notFound('Flavor', id);
      if ((await tx.loadBalancers.find({ flavor_id: id })).length > 0) throw objectInUse('Flavor', id);
      await tx.flavors.remove(id);
    });
  }

  private async unique<T>(name: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof StoreConflictError && err.constraint === 'flavors')
        throw recordAlreadyExists('flavor', name);
      throw err;
    }
  }
}
