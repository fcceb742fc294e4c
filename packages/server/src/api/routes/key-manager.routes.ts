import { compileKeystoneValidator, ContainerCreateBody } from '@lbaas/contract';
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { schemaError } from '../../services/key-manager-error.js';
import type { SecretContainerService } from '../../services/secret-container.service.js';
import type { SecretService } from '../../services/secret.service.js';
import { registerKeyManagerErrors } from '../plugins/key-manager-errors.plugin.js';
import type { PublicUrlOf } from '../public-url.js';
import { keyManagerContainerRoutes } from './key-manager-containers.routes.js';
import { keyManagerSecretRoutes } from './key-manager-secrets.routes.js';

/** What the /key-manager routes need. */
export interface KeyManagerRouteDeps {
  secrets: SecretService;
  containers: SecretContainerService;
  publicUrl: PublicUrlOf;
}

const MEDIA_TYPES = [{ base: 'application/json', type: 'application/vnd.openstack.key-manager-v1+json' }];

function versionV1(base: string): Record<string, unknown> {
  return {
    id: 'v1',
    status: 'stable',
    updated: '2015-04-28T00:00:00Z',
    'media-types': MEDIA_TYPES,
    links: [
      { rel: 'self', href: `${base}/key-manager/v1/` },
      { rel: 'describedby', type: 'text/html', href: 'https://docs.openstack.org/' },
    ],
  };
}

/**
 * The Barbican-compatible key manager under /key-manager (register with that prefix): version documents,
 * secrets and containers, with Barbican's error body and jsonschema-like validation in this scope only.
 */
export function keyManagerRoutes(app: FastifyInstance, deps: KeyManagerRouteDeps): void {
  registerKeyManagerErrors(app);
  app.setValidatorCompiler(({ schema }) => {
    const validate = compileKeystoneValidator(schema as TSchema);
    const name = schema === ContainerCreateBody ? 'Container' : 'Secret';
    return (data: unknown) => {
      const r = validate(data);
      return r.ok ? { value: r.value } : { error: schemaError(name, r.message) };
    };
  });
  // Payload uploads (PUT /v1/secrets/{id}) arrive as raw bytes.
  app.addContentTypeParser(
    ['text/plain', 'application/octet-stream'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );

  app.get('/', async (request, reply) =>
    reply.status(300).send({ versions: { values: [versionV1(deps.publicUrl(request))] } }),
  );
  app.get('/v1', async (request) => ({ version: versionV1(deps.publicUrl(request)) }));
  keyManagerSecretRoutes(app, deps.secrets, deps.publicUrl);
  keyManagerContainerRoutes(app, deps.containers, deps.publicUrl);
}
