/** One service of a Keystone v3 catalog. */
export interface CatalogService {
  id: string;
  type: string;
  name: string;
  endpoints: {
    id: string;
    interface: 'public' | 'internal' | 'admin';
    region: string;
    region_id: string;
    url: string;
  }[];
}

/** The services every token's catalog lists: all served by this one process under `publicUrl`. */
const SERVICES: readonly { type: string; name: string; path: string }[] = [
  { type: 'identity', name: 'keystone', path: '/identity' },
  { type: 'load-balancer', name: 'octavia', path: '/load-balancer' },
  { type: 'network', name: 'neutron', path: '/network' },
  { type: 'key-manager', name: 'barbican', path: '/key-manager' },
];

/**
 * The token catalog (shared/spec/openstack-clients.md §1.2): unversioned roots, because every client
 * appends its version itself; the same URL for the public, internal and admin interfaces.
 */
export function tokenCatalog(publicUrl: string, region: string): CatalogService[] {
  const base = publicUrl.replace(/\/+$/, '');
  return SERVICES.map((s) => ({
    id: `lbaas-${s.type}`,
    type: s.type,
    name: s.name,
    endpoints: (['public', 'internal', 'admin'] as const).map((iface) => ({
      id: `lbaas-${s.type}-${iface}`,
      interface: iface,
      region,
      region_id: region,
      url: `${base}${s.path}`,
    })),
  }));
}
