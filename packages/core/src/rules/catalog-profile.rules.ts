import { nullNotAllowed } from './catalog-errors.js';
import { checkProviderEnabled } from './provider-capabilities.js';

/** A flavor profile or an AZ profile, whose provider metadata (JSON text) is the field `F`. */
export type ProfileRecord<F extends string> = { id: string; name: string; provider_name: string } & {
  [K in F]: string;
};
/** Body of a profile PUT. */
export type ProfileUpdateInput<F extends string> = {
  name?: string | null;
  provider_name?: string | null;
} & { [K in F]?: string | null };

/** What tells the two profile kinds apart: the metadata field and the provider's validator of it. */
export interface ProfileKind<F extends string> {
  readonly dataField: F;
  validateData(provider: string, data: string): unknown;
}

/**
 * Checks that the provider is enabled and `data` valid for it. Octavia parses the JSON before it loads the
 * driver, so bad JSON wins over an unknown provider.
 */
export function checkProfileData<F extends string>(
  kind: ProfileKind<F>,
  provider: string,
  data: string,
  enabledProviders: readonly string[],
): void {
  let parses = true;
  try {
    JSON.parse(data);
  } catch {
    parses = false;
  }
  if (parses) checkProviderEnabled(provider, enabledProviders);
  kind.validateData(provider, data);
}

/** Refuses a PUT of null for any of the three (mandatory) attributes. */
export function checkProfileUpdate<F extends string>(
  kind: ProfileKind<F>,
  patch: ProfileUpdateInput<F>,
): void {
  if (patch.name === null) throw nullNotAllowed('name');
  if (patch.provider_name === null) throw nullNotAllowed('provider_name');
  if (patch[kind.dataField] === null) throw nullNotAllowed(kind.dataField);
}

/** Whether a PUT changes what the records built on the profile mean (refused while any uses it). */
export function changesProfileMeaning<F extends string>(
  kind: ProfileKind<F>,
  patch: ProfileUpdateInput<F>,
): boolean {
  return patch.provider_name !== undefined || patch[kind.dataField] !== undefined;
}

/** Applies a checked PUT: new data is validated against the (new or current) provider. */
export function applyProfileUpdate<F extends string, R extends ProfileRecord<F>>(
  kind: ProfileKind<F>,
  current: R,
  patch: ProfileUpdateInput<F>,
  enabledProviders: readonly string[],
): R {
  checkProfileUpdate(kind, patch);
  const next = { ...current };
  if (patch.name != null) next.name = patch.name;
  const data = patch[kind.dataField];
  if (data != null) {
    checkProfileData(kind, patch.provider_name ?? current.provider_name, data, enabledProviders);
    (next as ProfileRecord<F>)[kind.dataField] = data as R[F];
  }
  if (patch.provider_name != null) {
    checkProviderEnabled(patch.provider_name, enabledProviders);
    next.provider_name = patch.provider_name;
  }
  return next;
}

/** Applies `description` and `enabled` of a PUT; `enabled: null` resets to the default (true). */
export function applyDescriptionAndEnabled<T extends { description: string | null; enabled: boolean }>(
  current: T,
  patch: { description?: string | null; enabled?: boolean | null },
): T {
  const next = { ...current };
  if (patch.description !== undefined) next.description = patch.description;
  if (patch.enabled !== undefined) next.enabled = patch.enabled ?? true;
  return next;
}
