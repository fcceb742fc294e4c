import { DomainError, notFound } from '../errors/domain-error.js';
import type { FlavorProfileRecord, FlavorRecord } from '../model/flavor-records.js';
import { checkProviderEnabled, validateFlavorData } from './provider-capabilities.js';

/** Octavia answers 404 for the nil UUID before any lookup (and spells this one resource differently). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

/** Body of POST /flavorprofiles after schema validation. */
export interface FlavorProfileCreateInput {
  name: string;
  provider_name: string;
  flavor_data: string;
}
/** Body of PUT /flavorprofiles/{id}. */
export interface FlavorProfileUpdateInput {
  name?: string | null;
  provider_name?: string | null;
  flavor_data?: string | null;
}
/** Body of POST /flavors. */
export interface FlavorCreateInput {
  name: string;
  description?: string | null;
  enabled?: boolean | null;
  flavor_profile_id: string;
}
/** Body of PUT /flavors/{id}. */
export interface FlavorUpdateInput {
  name?: string | null;
  description?: string | null;
  enabled?: boolean | null;
}

/** 400 `None is not a valid option for <option>` (Octavia's InvalidOption for a PUT of null). */
export function nullNotAllowed(option: string): DomainError {
  return new DomainError('invalid', `None is not a valid option for ${option}`);
}

/** 409 `<Object> <id> is in use and cannot be modified.` */
export function objectInUse(object: string, id: string): DomainError {
  return new DomainError('conflict', `${object} ${id} is in use and cannot be modified.`);
}

/** 409 `A <field> of <name> already exists.` */
export function recordAlreadyExists(field: string, name: string): DomainError {
  return new DomainError('conflict', `A ${field} of ${name} already exists.`);
}

/** 404 for the nil UUID, with the resource name Octavia's controller uses for that case. */
export function rejectNilId(resource: string, id: string): void {
  if (id === NIL_UUID) throw notFound(resource, id);
}

/** Builds a flavor profile: the provider must be enabled and `flavor_data` valid for it. */
export function buildFlavorProfile(
  id: string,
  input: FlavorProfileCreateInput,
  enabledProviders: readonly string[],
): FlavorProfileRecord {
  validateFlavorData(
    checkedProvider(input.provider_name, input.flavor_data, enabledProviders),
    input.flavor_data,
  );
  return { id, name: input.name, provider_name: input.provider_name, flavor_data: input.flavor_data };
}

/** Refuses a PUT of null for any of the three (mandatory) attributes. */
export function checkFlavorProfileUpdate(patch: FlavorProfileUpdateInput): void {
  if (patch.name === null) throw nullNotAllowed('name');
  if (patch.provider_name === null) throw nullNotAllowed('provider_name');
  if (patch.flavor_data === null) throw nullNotAllowed('flavor_data');
}

/** Whether a PUT changes what flavors built on the profile mean (refused while any flavor uses it). */
export function changesFlavorProfileMeaning(patch: FlavorProfileUpdateInput): boolean {
  return patch.provider_name !== undefined || patch.flavor_data !== undefined;
}

/** Applies a checked PUT: a new `flavor_data` is validated against the (new or current) provider. */
export function applyFlavorProfileUpdate(
  current: FlavorProfileRecord,
  patch: FlavorProfileUpdateInput,
  enabledProviders: readonly string[],
): FlavorProfileRecord {
  checkFlavorProfileUpdate(patch);
  const next = { ...current };
  if (patch.name != null) next.name = patch.name;
  if (patch.flavor_data != null) {
    const provider = patch.provider_name ?? current.provider_name;
    validateFlavorData(checkedProvider(provider, patch.flavor_data, enabledProviders), patch.flavor_data);
    next.flavor_data = patch.flavor_data;
  }
  if (patch.provider_name != null) {
    checkProviderEnabled(patch.provider_name, enabledProviders);
    next.provider_name = patch.provider_name;
  }
  return next;
}

/** A flavor; `enabled` defaults to true (also for an explicit null). */
export function buildFlavor(id: string, input: FlavorCreateInput): FlavorRecord {
  return {
    id,
    name: input.name,
    description: input.description ?? null,
    enabled: input.enabled ?? true,
    flavor_profile_id: input.flavor_profile_id,
  };
}

/** Applies a PUT: `name` cannot be cleared; `enabled: null` resets to the default (true). */
export function applyFlavorUpdate(current: FlavorRecord, patch: FlavorUpdateInput): FlavorRecord {
  if (patch.name === null) throw nullNotAllowed('name');
  const next = { ...current };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.enabled !== undefined) next.enabled = patch.enabled ?? true;
  return next;
}

/**
 * The provider of a load balancer created with a flavor (Octavia's `_get_provider`): the flavor's
 * profile decides unless the request names a provider, which must then be the same one (400 otherwise).
 */
export function providerForFlavor(
  flavorId: string,
  profileProvider: string,
  requested: string | undefined,
): string {
  if (requested !== undefined && requested !== profileProvider) {
    throw new DomainError('invalid', `Flavor '${flavorId}' is not compatible with provider '${requested}'`);
  }
  return profileProvider;
}

/** 400 `The selected <option> is not allowed in this deployment: <value>` (Octavia's DisabledOption). */
export function disabledOption(option: string, value: string): DomainError {
  return new DomainError('invalid', `The selected ${option} is not allowed in this deployment: ${value}`);
}

function checkedProvider(provider: string, data: string, enabled: readonly string[]): string {
  // Octavia parses the JSON before it loads the driver, so bad JSON wins over an unknown provider.
  let parses = true;
  try {
    JSON.parse(data);
  } catch {
    parses = false;
  }
  if (parses) checkProviderEnabled(provider, enabled);
  return provider;
}
