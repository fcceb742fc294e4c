import {
  checkVipNetworkAllowed,
  disabledOption,
  providerForFlavor,
  storedMetadata,
  validationFailure,
  type AvailabilityZoneMetadata,
} from '@lbaas/core';
import type { StoreTx } from './ports.js';

/** What a load balancer create asks for beyond its VIP: provider, flavor and availability zone. */
export interface LoadBalancerOptionsInput {
  provider?: string | null;
  flavor_id?: string | null;
  availability_zone?: string | null;
}

/** The resolved options, stored on the load balancer. */
export interface LoadBalancerOptions {
  provider: string;
  flavorId: string | null;
  availabilityZone: string | null;
  /** The zone's metadata (valid_vip_networks is checked against the VIP's network). */
  zoneMetadata: AvailabilityZoneMetadata;
}

/**
 * Octavia's `_validate_flavor`, `_validate_availability_zone` and `_get_provider`, inside the create
 * transaction: both referenced rows are locked, so deleting them cannot slip in before the load
 * balancer row exists (their delete then sees it and answers 409).
 * `defaultProvider` applies when neither the request nor a flavor names one.
 */
export async function resolveLoadBalancerOptions(
  tx: StoreTx,
  input: LoadBalancerOptionsInput,
  defaultProvider: string,
): Promise<LoadBalancerOptions> {
  let provider = input.provider ?? undefined;
  let flavorId: string | null = null;
  if (input.flavor_id) {
    const flavor = await tx.flavors.lock(input.flavor_id);
    if (!flavor) throw validationFailure('Invalid flavor_id.');
    if (!flavor.enabled) throw disabledOption('flavor', input.flavor_id);
    const profile = await tx.flavorProfiles.get(flavor.flavor_profile_id);
    if (!profile) throw validationFailure('Invalid flavor_id.');
    provider = providerForFlavor(flavor.id, profile.provider_name, provider);
    flavorId = flavor.id;
  }
  let availabilityZone: string | null = null;
  let zoneMetadata: AvailabilityZoneMetadata = {};
  if (input.availability_zone) {
    const az = await tx.availabilityZones.lock(input.availability_zone);
    if (!az) throw validationFailure('Invalid availability zone.');
    if (!az.enabled) throw disabledOption('availability_zone', input.availability_zone);
    const profile = await tx.availabilityZoneProfiles.get(az.availability_zone_profile_id);
    zoneMetadata = profile ? storedMetadata<AvailabilityZoneMetadata>(profile.availability_zone_data) : {};
    availabilityZone = az.name;
  }
  return { provider: provider ?? defaultProvider, flavorId, availabilityZone, zoneMetadata };
}

/** 400 when the zone restricts VIP networks and `networkId` is not one of them. */
export function checkZoneVipNetwork(options: LoadBalancerOptions, networkId: string): void {
  checkVipNetworkAllowed(options.zoneMetadata, networkId);
}
