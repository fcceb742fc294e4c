import {
  availabilityZoneCapabilities,
  checkProviderEnabled,
  flavorCapabilities,
  PROVIDERS,
  type NamedDescription,
} from '@lbaas/core';
import type { AuthContext } from './auth-context.js';
import { authorize } from './policy.js';
import type { ServiceSettings } from './service-deps.js';

/** Providers (read) and their flavor / availability-zone capabilities (admin), spec §4.9. */
export class ProviderService {
  constructor(private readonly settings: Pick<ServiceSettings, 'enabledProviders'>) {}

  list(ctx: AuthContext): NamedDescription[] {
    authorize(ctx, 'read', ctx.projectId);
    return PROVIDERS.filter((p) => this.settings.enabledProviders.includes(p.name));
  }

  flavorCapabilities(ctx: AuthContext, provider: string): NamedDescription[] {
    authorize(ctx, 'admin', ctx.projectId);
    checkProviderEnabled(provider, this.settings.enabledProviders);
    return flavorCapabilities();
  }

  availabilityZoneCapabilities(ctx: AuthContext, provider: string): NamedDescription[] {
    authorize(ctx, 'admin', ctx.projectId);
    checkProviderEnabled(provider, this.settings.enabledProviders);
    return availabilityZoneCapabilities();
  }
}
