import { CliError } from '../cli-error.js';

/** One service of a Keystone v3 token's catalog. */
export interface CatalogEntry {
  type: string;
  endpoints: Array<{ interface: string; region?: string | null; region_id?: string | null; url: string }>;
}

/**
 * The URL of a service in the catalog for an interface and (when given) a region, like keystoneauth's
 * `url_for`; keystoneauth's EndpointNotFound text when there is none.
 */
export function endpointFromCatalog(
  catalog: readonly CatalogEntry[],
  serviceType: string,
  iface: string,
  region: string | undefined,
): string {
  if (catalog.length === 0) throw new CliError('The service catalog is empty.');
  for (const service of catalog) {
    if (service.type !== serviceType) continue;
    const match = service.endpoints.find(
      (e) =>
        (e.interface === iface || e.interface === `${iface}URL`) &&
        (region === undefined || e.region === region || e.region_id === region),
    );
    if (match) return match.url;
  }
  throw new CliError(
    `${iface} endpoint for ${serviceType} service ${region === undefined ? '' : `in ${region} region `}not found`,
  );
}
