import type { ApiClient } from '../client/api-client.js';
import type { ActionContext } from './action-kit.js';
import { isUuidLike, lookupObject, type Lookup } from './octavia-lookups.js';
import { fetchObject, showObject, waitActiveIfAsked, waitDeletedIfAsked } from './octavia-wait.js';

/** octaviaclient's show: a UUID-like value is fetched directly (a 404 falls through to the lookup). */
export async function showByNameOrId(
  client: ApiClient,
  value: string,
  lookup: Lookup,
  pathOf: (id: string) => string,
  key: string,
): Promise<Record<string, unknown>> {
  const direct = isUuidLike(value) ? await fetchObject(client, pathOf(value), key) : undefined;
  return direct ?? (await lookupObject(client, lookup, value));
}

/** The current tags of the object at `path`, read only when a set/unset needs them. */
export function tagsAt(client: ApiClient, path: string, key: string): () => Promise<string[]> {
  return async () => {
    const tags = (await showObject(client, path, key))['tags'];
    return Array.isArray(tags) ? (tags as string[]) : [];
  };
}

/** PUT `{[key]: body}` to `path`; with --wait, then polls until the object is ACTIVE again. */
export async function updateObject(
  ctx: ActionContext,
  client: ApiClient,
  path: string,
  key: string,
  body: Record<string, unknown>,
  label: string,
): Promise<void> {
  await client.request('load-balancer', 'PUT', path, { body: { [key]: body } });
  await waitActiveIfAsked(ctx, client, path, key, label);
}

/** DELETE `path` (with `query`); with --wait, then polls until the object is gone. */
export async function deleteObject(
  ctx: ActionContext,
  client: ApiClient,
  path: string,
  key: string,
  label: string,
  query: [string, string][] = [],
): Promise<void> {
  await client.request('load-balancer', 'DELETE', path, { query });
  await waitDeletedIfAsked(ctx, client, path, key, label);
}
