import type { ApiClient, ServiceName } from './api-client.js';

type Query = ReadonlyArray<readonly [string, string]>;

/**
 * Every object of a collection (octaviaclient `_list(get_all=True)`): GETs `path` with `query`, then follows
 * the `<collectionKey>_links` entry with `rel: next` (re-using its query string) until there is none.
 */
export async function listAll(
  client: ApiClient,
  service: ServiceName,
  path: string,
  collectionKey: string,
  query: Query = [],
): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  let q: Query | undefined = query;
  while (q !== undefined) {
    const body = await client.request<Record<string, unknown> | undefined>(service, 'GET', path, {
      query: q,
    });
    const items = body?.[collectionKey];
    if (Array.isArray(items)) out.push(...(items as Record<string, unknown>[]));
    const next = nextQuery(body?.[`${collectionKey}_links`]);
    // a server that keeps sending the same next link would loop forever
    q = next !== undefined && !seen.has(next.toString()) ? [...next] : undefined;
    if (next !== undefined) seen.add(next.toString());
  }
  return out;
}

function nextQuery(links: unknown): URLSearchParams | undefined {
  if (!Array.isArray(links)) return undefined;
  const next = links.find(
    (l): l is { rel: string; href: string } =>
      typeof l === 'object' && l !== null && l.rel === 'next' && typeof l.href === 'string',
  );
  return next === undefined ? undefined : new URL(next.href, 'http://placeholder').searchParams;
}
