import assert from 'node:assert/strict';
import { TestServer } from '../test-support/test-server.js';

/** Shared helpers of the in-process API tests (`*.api.test.ts`). */

/** A JSON object from a response body. */
export type Wire = Record<string, unknown>;
/** What `TestServer.json` answers. */
export type JsonResponse = { status: number; body: Wire };

/** The documented Octavia prefix. */
export const API = '/load-balancer/v2.0/lbaas';
/** Octavia's timestamp format: ISO-8601 without zone or fraction. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;
/** UUID (any version). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The project of callers that send no X-Project-Id (the test config's default project). */
export const DEFAULT_PROJECT = 'default-project';

/** Headers of a project member / reader (noauth: X-Project-Id + X-Roles). */
export function memberOf(project: string): Record<string, string> {
  return { 'x-project-id': project, 'x-roles': 'member' };
}
export function readerOf(project: string): Record<string, string> {
  return { 'x-project-id': project, 'x-roles': 'reader' };
}

/** Runs `fn` against a fresh in-process server and always closes it. */
export async function withServer(fn: (s: TestServer) => Promise<void>): Promise<void> {
  const s = await TestServer.start();
  try {
    await fn(s);
  } finally {
    await s.close();
  }
}

/**
 * Holds the reconciler (the noop driver applies at once, so PENDING_* states would be gone before the
 * next request): while held, nudges and resyncs do nothing and every PENDING_* status stays observable.
 * The returned function releases it; `settle()` then drives whatever is pending.
 */
export function holdReconciler(s: TestServer): () => void {
  const r = s.handle.reconciler as unknown as { notify?: (id: string) => void };
  r.notify = () => undefined;
  return () => {
    delete r.notify;
  };
}

/** Runs `fn` with the reconciler held, then releases it and settles. */
export async function whileHeld(s: TestServer, fn: () => Promise<void>): Promise<void> {
  const release = holdReconciler(s);
  try {
    await fn();
  } finally {
    release();
  }
  await s.settle();
}

/** Asserts the status, showing the body when it differs. */
export function expectStatus(res: JsonResponse, status: number): Wire {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Asserts an Octavia (WSME) fault body, exactly. */
export function expectFault(res: JsonResponse, status: number, faultstring: string): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(res.body, {
    faultcode: status >= 500 ? 'Server' : 'Client',
    faultstring,
    debuginfo: null,
  });
}

/** `body[key]` as an object (throws when it is not one). */
export function obj(body: Wire, key: string): Wire {
  const v = body[key];
  assert.ok(
    typeof v === 'object' && v !== null && !Array.isArray(v),
    `${key} is not an object: ${JSON.stringify(body)}`,
  );
  return v as Wire;
}

/** `body[key]` as an array of objects. */
export function arr(body: Wire, key: string): Wire[] {
  const v = body[key];
  assert.ok(Array.isArray(v), `${key} is not an array: ${JSON.stringify(body)}`);
  return v as Wire[];
}

/** `body[key]` as a string. */
export function str(body: Wire, key: string): string {
  const v = body[key];
  assert.equal(typeof v, 'string', `${key} is not a string: ${JSON.stringify(body)}`);
  return v as string;
}

/** Ids of a list of objects, in order. */
export function ids(items: readonly Wire[]): string[] {
  return items.map((i) => i.id as string);
}

/** Id of the built-in `lbaas-loopback-subnet`. */
export async function defaultSubnetId(s: TestServer): Promise<string> {
  const res = await s.json('GET', '/network/v2.0/subnets?name=lbaas-loopback-subnet');
  const subnets = arr(expectStatus(res, 200), 'subnets');
  assert.equal(subnets.length, 1);
  return str(subnets[0] as Wire, 'id');
}

/** POST a load balancer on the default subnet (201 asserted); returns the response object. */
export async function createLb(
  s: TestServer,
  extra: Wire = {},
  headers: Record<string, string> = {},
): Promise<Wire> {
  const body = { loadbalancer: { vip_subnet_id: await defaultSubnetId(s), ...extra } };
  return obj(expectStatus(await s.json('POST', `${API}/loadbalancers`, body, headers), 201), 'loadbalancer');
}

/** Creates a load balancer and waits until it is ACTIVE; returns its id. */
export async function activeLb(
  s: TestServer,
  extra: Wire = {},
  headers: Record<string, string> = {},
): Promise<string> {
  const lb = await createLb(s, extra, headers);
  await s.settle();
  return str(lb, 'id');
}

/** POSTs one object to a collection (201 asserted) and returns it. */
export async function createOne(
  s: TestServer,
  collection: string,
  key: string,
  body: Wire,
  headers: Record<string, string> = {},
): Promise<Wire> {
  return obj(expectStatus(await s.json('POST', `${API}/${collection}`, { [key]: body }, headers), 201), key);
}

/** GETs one object (200 asserted). */
export async function getOne(
  s: TestServer,
  path: string,
  key: string,
  headers: Record<string, string> = {},
): Promise<Wire> {
  return obj(expectStatus(await s.json('GET', `${API}/${path}`, undefined, headers), 200), key);
}

/** An ACTIVE load balancer with an HTTP:80 listener whose default pool is an HTTP ROUND_ROBIN pool. */
export interface Stack {
  lbId: string;
  listenerId: string;
  poolId: string;
}

/** Builds a {@link Stack} step by step (each step settled), as a client would. */
export async function activeStack(s: TestServer, headers: Record<string, string> = {}): Promise<Stack> {
  const lbId = await activeLb(s, { name: 'lb1' }, headers);
  const listener = await createOne(
    s,
    'listeners',
    'listener',
    { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 80, name: 'l1' },
    headers,
  );
  await s.settle();
  const pool = await createOne(
    s,
    'pools',
    'pool',
    { listener_id: listener.id, protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN', name: 'p1' },
    headers,
  );
  await s.settle();
  return { lbId, listenerId: str(listener, 'id'), poolId: str(pool, 'id') };
}

/** Adds a member and settles; returns the member. */
export async function activeMember(
  s: TestServer,
  poolId: string,
  member: Wire,
  headers: Record<string, string> = {},
): Promise<Wire> {
  const m = await createOne(s, `pools/${poolId}/members`, 'member', member, headers);
  await s.settle();
  return m;
}

/** Adds an HTTP health monitor (delay 5, timeout 3, max_retries 3) and settles; returns it. */
export async function activeHealthMonitor(s: TestServer, poolId: string, extra: Wire = {}): Promise<Wire> {
  const hm = await createOne(s, 'healthmonitors', 'healthmonitor', {
    pool_id: poolId,
    type: 'HTTP',
    delay: 5,
    timeout: 3,
    max_retries: 3,
    ...extra,
  });
  await s.settle();
  return hm;
}

/** provisioning_status of an object (GET by path). */
export async function provisioningOf(s: TestServer, path: string, key: string): Promise<unknown> {
  return (await getOne(s, path, key)).provisioning_status;
}

/** Asserts every field of `actual` that `expected` names, plus that it has no other keys. */
export function assertView(actual: Wire, expected: Record<string, unknown | RegExp>): void {
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), 'field set differs');
  for (const [k, v] of Object.entries(expected)) {
    if (v instanceof RegExp) assert.match(String(actual[k]), v, `field ${k}`);
    else assert.deepEqual(actual[k], v, `field ${k}`);
  }
}
