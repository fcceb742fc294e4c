import type { SecretContainerRecord, SecretRecord } from '../../services/key-manager-ports.js';
import { keyManagerHref } from '../../services/key-manager-refs.js';

/** Barbican's secret metadata (`GET /v1/secrets/{id}`); `content_types` only once there is a payload. */
export function secretView(base: string, s: SecretRecord): Record<string, unknown> {
  return {
    name: s.name,
    secret_type: s.secret_type,
    status: 'ACTIVE',
    created: s.created_at,
    updated: s.updated_at,
    expiration: s.expiration,
    algorithm: s.algorithm,
    bit_length: s.bit_length,
    mode: s.mode,
    creator_id: s.creator_id,
    secret_ref: keyManagerHref(base, 'secrets', s.id),
    ...(s.content_type === null ? {} : { content_types: { default: s.content_type } }),
  };
}

/** Barbican's container (`GET /v1/containers/{id}`). */
export function containerView(base: string, c: SecretContainerRecord): Record<string, unknown> {
  return {
    name: c.name,
    type: c.type,
    status: 'ACTIVE',
    created: c.created_at,
    updated: c.updated_at,
    creator_id: c.creator_id,
    container_ref: keyManagerHref(base, 'containers', c.id),
    secret_refs: c.secret_refs.map((r) => ({
      name: r.name,
      secret_ref: keyManagerHref(base, 'secrets', r.secret_id),
    })),
    consumers: [],
  };
}

/** Barbican's paging: `limit` 1..100 (default 10), `offset` ≥ 0 (default 0); junk means the default. */
export function pagingOf(query: Record<string, unknown>): { offset: number; limit: number; name?: string } {
  const int = (v: unknown, fallback: number): number => {
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isSafeInteger(n) ? n : fallback;
  };
  const offset = Math.max(0, int(query['offset'], 0));
  const limit = Math.min(100, Math.max(1, int(query['limit'], 10)));
  const name = typeof query['name'] === 'string' && query['name'] !== '' ? query['name'] : undefined;
  return { offset, limit, ...(name === undefined ? {} : { name }) };
}

/** `{<collection>: [...], total, previous?, next?}` as Barbican's add_nav_hrefs builds it. */
export function pageBody(
  base: string,
  collection: 'secrets' | 'containers',
  items: unknown[],
  total: number,
  paging: { offset: number; limit: number },
): Record<string, unknown> {
  const body: Record<string, unknown> = { [collection]: items };
  if (items.length > 0) {
    const href = (offset: number): string =>
      `${base.replace(/\/+$/, '')}/key-manager/v1/${collection}?limit=${paging.limit}&offset=${offset}`;
    if (paging.offset > 0) body['previous'] = href(Math.max(0, paging.offset - paging.limit));
    if (total > paging.offset + paging.limit) body['next'] = href(paging.offset + paging.limit);
  }
  body['total'] = total;
  return body;
}
