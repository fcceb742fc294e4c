/** Largest server id HAProxy accepts (a positive signed 32-bit integer). */
const MAX_ID = 2_147_483_647;

/** FNV-1a over UTF-16 code units: small, dependency-free, and good enough to spread UUIDs. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A stable `id` per server of one backend. Positional ids would renumber servers when a member is added
 * or removed, and the server-state file and stick tables refer to servers by id, so clients would be
 * moved; a hash of the member id keeps each server's id across reloads. Collisions (rare) are resolved by
 * probing upwards in member-id order, so only the colliding member depends on the others.
 */
export function stableServerIds(memberIds: readonly string[]): Map<string, number> {
  const ids = new Map<string, number>();
  const used = new Set<number>();
  for (const memberId of [...memberIds].sort()) {
    let id = (fnv1a(memberId) % MAX_ID) + 1;
    while (used.has(id)) id = id === MAX_ID ? 1 : id + 1;
    used.add(id);
    ids.set(memberId, id);
  }
  return ids;
}
