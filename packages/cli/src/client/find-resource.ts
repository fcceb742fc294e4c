import { CliError } from '../cli-error.js';
import type { ApiClient, ServiceName } from './api-client.js';
import { listAll } from './list-all.js';

/** Where and what to look up. */
export interface FindResourceSpec {
  service: ServiceName;
  /** The collection, e.g. `/v2.0/lbaas/pools` or `/v2.0/lbaas/pools/<pool id>/members`. */
  path: string;
  /** The list body's key, e.g. `pools` (`rules` for L7 rules). */
  collectionKey: string;
  /** The resource's name in messages, e.g. `pools`, `l7rules`, `availability_zones`. */
  resourceLabel: string;
  /** The name or ID given by the user. */
  value: string;
  /** Look up by name only (availability zones have no id). */
  byNameOnly?: boolean | undefined;
  /** The filter that matches the ID (default `id`). */
  idField?: string | undefined;
}

/**
 * octaviaclient's `_find_resource`: a UUID-like value is tried as `?id=` and then `?name=`, anything else
 * as `?name=` and then `?id=`. One match is the answer; several by name fail with
 * `<N> <resources> found with name or ID of <value>. Please try again with UUID`; none with
 * `Unable to locate <value> in <resources>`.
 */
export async function findResource(
  client: ApiClient,
  spec: FindResourceSpec,
): Promise<Record<string, unknown>> {
  const list = (key: string): Promise<Record<string, unknown>[]> =>
    listAll(client, spec.service, spec.path, spec.collectionKey, [[key, spec.value]]);
  const idKey = spec.idField ?? 'id';
  const tooMany = (n: number): CliError =>
    new CliError(
      `${n} ${spec.resourceLabel} found with name or ID of ${spec.value}. Please try again with UUID`,
    );
  if (!spec.byNameOnly && isUuidLike(spec.value)) {
    const byId = await list(idKey);
    if (byId.length === 1 && byId[0]) return byId[0];
  }
  const byName = await list('name');
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1) throw tooMany(byName.length);
  if (!spec.byNameOnly && !isUuidLike(spec.value)) {
    const byId = await list(idKey);
    if (byId.length === 1 && byId[0]) return byId[0];
  }
  throw new CliError(`Unable to locate ${spec.value} in ${spec.resourceLabel}`);
}

/** oslo `is_uuid_like`: 32 hex digits once braces, `urn:`/`uuid:` prefixes and hyphens are removed. */
function isUuidLike(value: string): boolean {
  const hex = value
    .toLowerCase()
    .replace(/^(urn:)?(uuid:)?/, '')
    .replace(/^\{(.*)\}$/, '$1')
    .replaceAll('-', '');
  return /^[0-9a-f]{32}$/.test(hex);
}
