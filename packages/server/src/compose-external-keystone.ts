import type { FastifyBaseLogger } from 'fastify';
import { keystoneAuthenticator, keystoneUnauthenticated } from './api/plugins/keystone-auth.plugin.js';
import type { Authenticator, UnauthenticatedPolicy } from './api/plugins/noauth.plugin.js';
import type { ExternalKeystoneConfig } from './config/keystone-config.js';
import { ExternalKeystoneAuthenticator } from './identity/external-keystone.js';

/** The external Keystone of a running server (`--keystone-url`). */
export interface ServerExternalKeystone {
  /** Its identity v3 base (`…/v3`). */
  url: string;
  /** The service user's token (the embedded agent of `lbaas up` uses it; the user needs role admin). */
  serviceToken(): Promise<{ token: string; expiresAtMs: number }>;
}

/** What composeServer plugs into the app when tokens come from an external Keystone. */
export interface ExternalKeystoneParts {
  external: ServerExternalKeystone;
  authenticate: Authenticator;
  unauthenticated: UnauthenticatedPolicy;
}

/** Token validation against the configured Keystone; no identity API, no bootstrap, no files. */
export function composeExternalKeystone(
  config: ExternalKeystoneConfig,
  logger: FastifyBaseLogger,
): ExternalKeystoneParts {
  const validator = new ExternalKeystoneAuthenticator(config, logger);
  // keystonemiddleware's www_authenticate_uri: the unversioned identity root.
  const uri = config.url.replace(/\/v3$/, '');
  logger.info(
    { url: config.url, user: config.username, cacheTtlS: config.cacheTtlS },
    'tokens from external keystone',
  );
  return {
    external: { url: config.url, serviceToken: () => validator.serviceToken.token() },
    authenticate: keystoneAuthenticator(validator),
    unauthenticated: keystoneUnauthenticated(() => uri),
  };
}
