/**
 * Octavia's microversion table (spec §1.3). Octavia does no microversion negotiation: the list is only
 * advertised. We advertise a version only once everything it introduced is implemented, so clients that
 * read the version list never believe in a feature we lack.
 */

/** A feature introduced by some microversion; several versions may share one (the amphora admin API). */
export type ApiFeature =
  | 'listener-timeouts'
  | 'member-backup'
  | 'x-forwarded-proto'
  | 'udp-persistence'
  | 'amphora-api'
  | 'tags'
  | 'flavors'
  | 'tls-client-auth'
  | 'pool-tls'
  | 'l7-redirect-http-code'
  | 'hm-http-version-domain'
  | 'member-batch-additive-only'
  | 'listener-allowed-cidrs'
  | 'source-ip-port-algorithm'
  | 'availability-zones'
  | 'tls-ciphers'
  | 'udp-http-tcp-monitors'
  | 'listener-tls-versions'
  | 'pool-tls-versions'
  | 'l7-quotas'
  | 'listener-alpn'
  | 'proxyv2-protocol'
  | 'sctp-protocol'
  | 'pool-alpn'
  | 'prometheus-listener'
  | 'additional-vips'
  | 'hsts'
  | 'vip-vnic-type'
  | 'vip-sg-ids'
  | 'member-sriov';

/** One row of the microversion table. */
export interface ApiVersionRow {
  id: string;
  updated: string;
  features: readonly ApiFeature[];
}

/** Every Octavia v2 microversion in order, with the features it added. */
export const API_VERSIONS: readonly ApiVersionRow[] = [
  { id: 'v2.0', updated: '2016-12-11T00:00:00Z', features: [] },
  // amphora image_id is also new in 2.1 but belongs to the amphora admin API.
  {
    id: 'v2.1',
    updated: '2018-04-20T00:00:00Z',
    features: ['listener-timeouts', 'member-backup', 'x-forwarded-proto'],
  },
  { id: 'v2.2', updated: '2018-07-31T00:00:00Z', features: ['udp-persistence'] },
  { id: 'v2.3', updated: '2018-12-18T00:00:00Z', features: ['amphora-api'] },
  { id: 'v2.4', updated: '2018-12-19T00:00:00Z', features: ['amphora-api'] },
  { id: 'v2.5', updated: '2019-01-21T00:00:00Z', features: ['tags'] },
  { id: 'v2.6', updated: '2019-01-25T00:00:00Z', features: ['flavors'] },
  // Octavia's own date for 2.7 is earlier than 2.6's; kept verbatim for wire compatibility.
  { id: 'v2.7', updated: '2018-01-25T12:00:00Z', features: ['amphora-api'] },
  { id: 'v2.8', updated: '2019-02-12T00:00:00Z', features: ['tls-client-auth', 'pool-tls'] },
  { id: 'v2.9', updated: '2019-03-04T00:00:00Z', features: ['l7-redirect-http-code'] },
  { id: 'v2.10', updated: '2019-03-05T00:00:00Z', features: ['hm-http-version-domain'] },
  { id: 'v2.11', updated: '2019-06-24T00:00:00Z', features: ['member-batch-additive-only'] },
  { id: 'v2.12', updated: '2019-09-11T00:00:00Z', features: ['listener-allowed-cidrs'] },
  { id: 'v2.13', updated: '2019-09-13T00:00:00Z', features: ['source-ip-port-algorithm'] },
  { id: 'v2.14', updated: '2019-11-10T00:00:00Z', features: ['availability-zones'] },
  { id: 'v2.15', updated: '2020-03-10T00:00:00Z', features: ['tls-ciphers'] },
  { id: 'v2.16', updated: '2020-03-15T00:00:00Z', features: ['udp-http-tcp-monitors'] },
  { id: 'v2.17', updated: '2020-04-29T00:00:00Z', features: ['listener-tls-versions'] },
  { id: 'v2.18', updated: '2020-04-29T01:00:00Z', features: ['pool-tls-versions'] },
  { id: 'v2.19', updated: '2020-05-12T00:00:00Z', features: ['l7-quotas'] },
  { id: 'v2.20', updated: '2020-08-02T00:00:00Z', features: ['listener-alpn'] },
  { id: 'v2.21', updated: '2020-09-03T00:00:00Z', features: ['amphora-api'] },
  { id: 'v2.22', updated: '2020-09-04T00:00:00Z', features: ['proxyv2-protocol'] },
  { id: 'v2.23', updated: '2020-09-07T00:00:00Z', features: ['sctp-protocol'] },
  { id: 'v2.24', updated: '2020-10-15T00:00:00Z', features: ['pool-alpn'] },
  { id: 'v2.25', updated: '2021-10-02T00:00:00Z', features: ['prometheus-listener'] },
  { id: 'v2.26', updated: '2022-08-29T00:00:00Z', features: ['additional-vips'] },
  { id: 'v2.27', updated: '2023-05-05T00:00:00Z', features: ['hsts'] },
  { id: 'v2.28', updated: '2023-11-08T00:00:00Z', features: ['vip-vnic-type'] },
  { id: 'v2.29', updated: '2024-10-15T00:00:00Z', features: ['vip-sg-ids'] },
  { id: 'v2.30', updated: '2025-02-26T00:00:00Z', features: ['member-sriov'] },
];

/** The features of v2.0–v2.2 plus tags: what the first release of lbaas implements. */
export const BASE_FEATURES: ReadonlySet<ApiFeature> = new Set<ApiFeature>([
  'listener-timeouts',
  'member-backup',
  'x-forwarded-proto',
  'udp-persistence',
  'tags',
]);

/** One entry of the `GET /` version document. */
export interface AdvertisedVersion {
  id: string;
  status: 'CURRENT' | 'SUPPORTED';
  updated: string;
  links: { href: string; rel: 'self' }[];
}

/** Versions advertised = the longest prefix of the table whose features are all implemented; the last one CURRENT, others SUPPORTED; each link href = `${rootUrl}v2` where rootUrl ends with "/". */
export function advertisedVersions(
  implemented: ReadonlySet<ApiFeature>,
  rootUrl: string,
): AdvertisedVersion[] {
  const firstMissing = API_VERSIONS.findIndex((row) => !row.features.every((f) => implemented.has(f)));
  const rows = firstMissing < 0 ? API_VERSIONS : API_VERSIONS.slice(0, firstMissing);
  // Octavia always points at v2 (never v2.0) under the request URL with a trailing slash.
  const href = `${rootUrl.endsWith('/') ? rootUrl : `${rootUrl}/`}v2`;
  return rows.map((row, i) => ({
    id: row.id,
    status: i === rows.length - 1 ? 'CURRENT' : 'SUPPORTED',
    updated: row.updated,
    links: [{ href, rel: 'self' }],
  }));
}
