import assert from 'node:assert/strict';
import type { TestServer } from '../test-support/test-server.js';
import { expectStatus, obj, type JsonResponse, type Wire } from './api-fixtures.js';

/** Helpers of the Neutron subset's API tests. */

/** The Neutron prefix. */
export const NEUTRON = '/network/v2.0';

/** Asserts a NeutronError body, exactly. */
export function expectNeutronError(res: JsonResponse, status: number, type: string, message: string): void {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  assert.deepEqual(res.body, { NeutronError: { type, message, detail: '' } });
}

/** POSTs one Neutron object (201 asserted) and returns it. */
export async function createNeutron(
  s: TestServer,
  collection: 'networks' | 'subnets' | 'ports' | 'floatingips',
  body: Wire,
  headers: Record<string, string> = {},
): Promise<Wire> {
  const key = collection === 'floatingips' ? 'floatingip' : collection.slice(0, -1);
  return obj(
    expectStatus(await s.json('POST', `${NEUTRON}/${collection}`, { [key]: body }, headers), 201),
    key,
  );
}

/** A network with one subnet of `cidr`; returns both. */
export async function networkWithSubnet(
  s: TestServer,
  cidr: string,
  extra: { network?: Wire; subnet?: Wire } = {},
  headers: Record<string, string> = {},
): Promise<{ network: Wire; subnet: Wire }> {
  const network = await createNeutron(s, 'networks', { name: `net-${cidr}`, ...extra.network }, headers);
  const subnet = await createNeutron(
    s,
    'subnets',
    { network_id: network.id, cidr, ip_version: cidr.includes(':') ? 6 : 4, ...extra.subnet },
    headers,
  );
  return { network, subnet };
}
