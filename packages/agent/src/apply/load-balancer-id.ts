import { normalizeUuid } from '@lbaas/contract';

/**
 * Returns the id if it is a canonical (lower-case, hyphenated) UUID and throws otherwise: ids become
 * directory names, so anything else (`..`, `/`, odd spellings of the same UUID) must never reach a path.
 */
export function assertLoadBalancerId(id: string): string {
  if (normalizeUuid(id) !== id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw new Error(`invalid load balancer id ${JSON.stringify(id)}: expected a lower-case UUID`);
  }
  return id;
}
