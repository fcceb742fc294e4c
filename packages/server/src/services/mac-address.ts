import type { IdGenerator, StoreTx } from './ports.js';

/** Neutron's default base_mac prefix (fa:16:3e), the OpenStack OUI every client recognises. */
const BASE = 'fa:16:3e';
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/;

/** A random `fa:16:3e:xx:xx:xx` (random bits of a v4 UUID). */
export function randomMacAddress(ids: IdGenerator): string {
  const hex = ids.uuid().replace(/-/g, '');
  return `${BASE}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** True for a unicast MAC in colon form (lower or upper case). */
export function isUnicastMac(mac: string): boolean {
  if (!MAC.test(mac.toLowerCase())) return false;
  return (parseInt(mac.slice(0, 2), 16) & 1) === 0 && mac !== '00:00:00:00:00:00';
}

/** A random MAC not used by another port of the network (Neutron retries the same way). */
export async function uniqueMacAddress(tx: StoreTx, ids: IdGenerator, networkId: string): Promise<string> {
  const used = new Set((await tx.ports.find({ network_id: networkId })).map((p) => p.mac_address));
  for (let i = 0; i < 16; i++) {
    const mac = randomMacAddress(ids);
    if (!used.has(mac)) return mac;
  }
  throw new Error(`no free MAC address on network ${networkId} after 16 tries`);
}
