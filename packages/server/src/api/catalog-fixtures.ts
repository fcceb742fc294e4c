import type { TestServer } from '../test-support/test-server.js';
import { API, expectStatus, obj, type Wire } from './api-fixtures.js';

/** Shared setup of the flavor and availability-zone API tests. */

/** The nil UUID (Octavia answers 404 for it before any lookup). */
export const NIL = '00000000-0000-0000-0000-000000000000';
/** A well-formed id nothing has. */
export const MISSING = '5f5e2a4a-1111-4222-8333-444455556666';
/** Octavia's 403 faultstring. */
export const FORBIDDEN = 'Policy does not allow this request to be performed.';

/** POSTs `{<key>: body}` to `<API>/<collection>` as admin, expects 201 and returns the created object. */
export async function created(s: TestServer, collection: string, key: string, body: Wire): Promise<Wire> {
  const res = await s.json('POST', `${API}/${collection}`, { [key]: body });
  return obj(expectStatus(res, 201), key);
}
