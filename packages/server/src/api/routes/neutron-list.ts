import { applyListQuery, parseListQuery, selectFields, type ListSpec, type RawListQuery } from '@lbaas/core';
import type { TObject, TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { NeutronError } from '../../services/neutron-error.js';
import type { WireObject } from '../mappers/views.js';
import { rawQuery, requestPath } from './route-kit.js';

/** A Neutron collection: the list spec (scalar attributes) plus its own extra filters. */
export interface NeutronListSpec extends ListSpec {
  /** Port-style `fixed_ips=ip_address=…` / `subnet_id=…` filters. */
  fixedIps: boolean;
}

const RESERVED = new Set(['limit', 'marker', 'page_reverse', 'sort_key', 'sort_dir', 'fields', 'sort']);
const TAG_KEYS = new Set(['tags', 'tags-any', 'not-tags', 'not-tags-any']);

/**
 * The spec of a Neutron collection from its view schema: every scalar attribute (string, number, boolean,
 * nullable scalar) is a filter and a sort key; arrays and objects are not (as in Neutron).
 */
export function neutronListSpec(collection: string, view: TSchema, fixedIps = false): NeutronListSpec {
  const props = (view as TObject).properties;
  const attributes: string[] = [];
  const booleans: string[] = [];
  for (const [key, schema] of Object.entries(props)) {
    const kinds = scalarKinds(schema as unknown as Record<string, unknown>);
    if (kinds === undefined) continue;
    attributes.push(key);
    if (kinds.has('boolean')) booleans.push(key);
  }
  return { collection, attributes, booleans, tagged: true, maxLimit: Infinity, fixedIps };
}

function scalarKinds(schema: Record<string, unknown>): Set<string> | undefined {
  const members = Array.isArray(schema['anyOf']) ? (schema['anyOf'] as Record<string, unknown>[]) : [schema];
  const kinds = new Set<string>();
  for (const m of members) {
    const t = m['type'];
    if (t === 'array' || t === 'object') return undefined;
    if (typeof t === 'string') kinds.add(t);
  }
  return kinds;
}

const invalidFilter = (key: string): NeutronError =>
  new NeutronError('invalid', 'HTTPBadRequest', `${key} is invalid attribute for filtering`);

function values(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** `fixed_ips=ip_address=10.0.0.5` / `subnet_id=…` / `ip_address_substr=…`: a port matches any of them. */
function matchesFixedIps(row: WireObject, filters: readonly string[]): boolean {
  const ips = (row['fixed_ips'] as { subnet_id: string; ip_address: string }[] | undefined) ?? [];
  const bySubnet: string[] = [];
  const byAddress: string[] = [];
  const bySubstring: string[] = [];
  for (const f of filters) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? '' : f.slice(0, eq);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    if (key === 'subnet_id') bySubnet.push(value);
    else if (key === 'ip_address') byAddress.push(value);
    else if (key === 'ip_address_substr') bySubstring.push(value);
    else throw invalidFilter(`fixed_ips=${f}`);
  }
  return ips.some(
    (ip) =>
      (bySubnet.length === 0 || bySubnet.includes(ip.subnet_id)) &&
      (byAddress.length === 0 || byAddress.includes(ip.ip_address)) &&
      (bySubstring.length === 0 || bySubstring.some((s) => ip.ip_address.includes(s))),
  );
}

/**
 * A Neutron list body: filters (`?attr=v`, repeated = any of them; `project_id`/`tenant_id`; tags; port
 * `fixed_ips`), `sort_key`/`sort_dir` pairs, `limit`/`marker`/`page_reverse` with `<collection>_links`
 * only when paginated, and `fields=`.
 */
export function neutronListBody(
  request: FastifyRequest,
  rows: readonly WireObject[],
  spec: NeutronListSpec,
): WireObject {
  const raw: Record<string, string | string[] | undefined> = { ...rawQuery(request) };
  const attributes = new Set(spec.attributes);
  let filtered = [...rows];
  const projects = [...values(raw['project_id']), ...values(raw['tenant_id'])];
  delete raw['project_id'];
  delete raw['tenant_id'];
  if (projects.length > 0) filtered = filtered.filter((r) => projects.includes(String(r['project_id'])));
  if (spec.fixedIps && raw['fixed_ips'] !== undefined) {
    const f = values(raw['fixed_ips']);
    filtered = filtered.filter((r) => matchesFixedIps(r, f));
    delete raw['fixed_ips'];
  }
  for (const key of Object.keys(raw)) {
    if (!RESERVED.has(key) && !TAG_KEYS.has(key) && !attributes.has(key)) throw invalidFilter(key);
  }
  // Neutron pairs repeated sort_key/sort_dir; the list engine takes them comma-joined.
  for (const key of ['sort_key', 'sort_dir'] as const) {
    const v = values(raw[key]);
    if (v.length > 0) raw[key] = v.join(',');
  }
  const reverse = values(raw['page_reverse']).at(-1);
  if (reverse !== undefined) raw['page_reverse'] = reverse.toLowerCase() === 'true' ? 'True' : 'False';
  const fields = values(raw['fields']).flatMap((f) => f.split(','));
  const query = parseListQuery(raw as RawListQuery, spec);
  const { items, links } = applyListQuery(filtered, query, spec, requestPath(request));
  const body: WireObject = {
    [spec.collection]: items.map((row) => selectFields(row, fields.length > 0 ? fields : undefined)),
  };
  if (query.limit !== undefined) {
    const origin = `${request.protocol}://${request.host}`;
    body[`${spec.collection}_links`] = links.map((l) => ({ rel: l.rel, href: `${origin}${l.href}` }));
  }
  return body;
}
