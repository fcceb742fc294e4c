import type { FastifyInstance } from 'fastify';
import { NeutronError } from '../../services/neutron-error.js';
import { path } from './route-kit.js';

/** One Neutron API extension as `GET /v2.0/extensions` lists it. */
interface Extension {
  alias: string;
  name: string;
  description: string;
  updated: string;
  links: never[];
}

const ext = (alias: string, name: string, description: string, updated: string): Extension => ({
  alias,
  name,
  description,
  updated,
  links: [],
});

/**
 * The extensions this subset really honours (clients switch behaviour on them, so the list stays honest:
 * no `router`, `binding`, `security-group`, `port-security`, `dns-integration`, `qos`, …).
 */
export const NEUTRON_EXTENSIONS: readonly Extension[] = [
  ext(
    'external-net',
    'Neutron external network',
    'Adds external network attribute to network resource.',
    '2013-01-14T10:00:00-00:00',
  ),
  ext(
    'net-mtu',
    'Network MTU',
    'Provides MTU attribute for a network resource.',
    '2015-03-25T10:00:00-00:00',
  ),
  ext(
    'net-mtu-writable',
    'Network MTU (writable)',
    'Provides a writable MTU attribute for a network resource.',
    '2017-07-12T00:00:00-00:00',
  ),
  ext(
    'project-id',
    'project_id field enabled',
    'Extension that indicates that project_id field is enabled.',
    '2016-09-09T09:09:09-09:09',
  ),
  ext(
    'standard-attr-description',
    'standard-attr-description',
    'Extension to add descriptions to standard attributes',
    '2016-02-10T10:00:00-00:00',
  ),
  ext(
    'standard-attr-revisions',
    'Resource revision numbers',
    'This extension will display the revision number of neutron resources.',
    '2016-04-11T10:00:00-00:00',
  ),
  ext(
    'standard-attr-timestamp',
    'Resource timestamps',
    'Adds created_at and updated_at fields to all Neutron resources that have Neutron standard attributes.',
    '2016-09-12T10:00:00-00:00',
  ),
  ext(
    'standard-attr-tag',
    'Tag support for resources with standard attribute: network, subnet, port, floatingip',
    'Enables to set tag on resources with standard attribute.',
    '2017-01-01T00:00:00-00:00',
  ),
  ext(
    'tag-ports-during-bulk-creation',
    'Tag Ports During Bulk Creation',
    'Allow to tag ports during bulk creation',
    '2019-12-29T19:00:00-00:00',
  ),
  ext(
    'fip-port-details',
    'Floating IP Port Details Extension',
    'Add port_details attribute to Floating IP resource',
    '2018-04-09T10:00:00-00:00',
  ),
  ext(
    'filter-validation',
    'Filter parameters validation',
    'Provides validation on filter parameters.',
    '2018-03-21T10:00:00-00:00',
  ),
  ext(
    'ip-substring-filtering',
    'IP address substring filtering',
    'Provides IP address substring filtering when listing ports',
    '2017-11-28T09:00:00-00:00',
  ),
  ext(
    'pagination',
    'Pagination support',
    'Extension that indicates that pagination is enabled.',
    '2016-06-12T00:00:00-00:00',
  ),
  ext(
    'sorting',
    'Sorting support',
    'Extension that indicates that sorting is enabled.',
    '2016-06-12T00:00:00-00:00',
  ),
];

/** `GET /v2.0/extensions` and `GET /v2.0/extensions/{alias}`. */
export function neutronExtensionRoutes(app: FastifyInstance): void {
  path(app, '/extensions', { GET: { handler: async () => ({ extensions: NEUTRON_EXTENSIONS }) } });
  path(app, '/extensions/:alias', {
    GET: {
      handler: async (request) => {
        const { alias } = request.params as { alias: string };
        const found = NEUTRON_EXTENSIONS.find((e) => e.alias === alias);
        if (!found) {
          throw new NeutronError(
            'not_found',
            'ExtensionNotFound',
            `Extension with alias ${alias} does not exist`,
          );
        }
        return { extension: found };
      },
    },
  });
}
