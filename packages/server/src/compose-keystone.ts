import type { FastifyBaseLogger } from 'fastify';
import { keystoneAuthenticator, keystoneUnauthenticated } from './api/plugins/keystone-auth.plugin.js';
import type { Authenticator, UnauthenticatedPolicy } from './api/plugins/noauth.plugin.js';
import { publicUrlResolver } from './api/public-url.js';
import type { IdentityRouteDeps } from './api/routes/identity.routes.js';
import type { ServerConfig } from './config/server-config.js';
import { CLOUDS_YAML_FILE, cloudsYaml, writeSecretFile } from './identity/credential-files.js';
import { IdentityAdminService } from './identity/identity-admin.service.js';
import { bootstrapIdentity, type BootstrapResult } from './identity/identity-bootstrap.js';
import { IdentityService } from './identity/identity.service.js';
import type { Clock, IdGenerator, Store } from './services/ports.js';

/** The identity side of a running server (keystone auth only). */
export interface ServerIdentity {
  service: IdentityService;
  bootstrap: BootstrapResult;
  /** `<state-dir>/clouds.yaml`, once written (after listen, when the admin password is known). */
  cloudsYamlPath: string | undefined;
  /** A fresh token of the `lbaas-agent` user on project `service` (the embedded agent of `lbaas up`). */
  agentToken(): Promise<{ token: string; expiresAtMs: number }>;
  /** A fresh token of the bootstrap admin on project `admin` (the `lbaas up --demo` load balancer). */
  adminToken(): Promise<{ token: string; expiresAtMs: number }>;
}

/** What composeServer plugs into the app for keystone auth. */
export interface KeystoneParts {
  identity: ServerIdentity;
  authenticate: Authenticator;
  unauthenticated: UnauthenticatedPolicy;
  routes: IdentityRouteDeps;
  /** Writes clouds.yaml for the bootstrap admin once the URL is known. */
  afterListen(url: string, logger: FastifyBaseLogger): void;
}

/** Bootstraps the identity data (idempotent) and builds the keystone authenticator and routes. */
export async function composeKeystone(
  config: ServerConfig,
  deps: { store: Store; clock: Clock; ids: IdGenerator },
): Promise<KeystoneParts> {
  const service = new IdentityService({ ...deps, settings: { tokenTtlS: config.tokenTtlS ?? 3600 } });
  const bootstrap = await bootstrapIdentity(deps, {
    stateDir: config.stateDir,
    adminPassword: config.adminPassword,
    agentPassword: config.agentPassword,
  });
  const publicUrl = publicUrlResolver(config.publicUrl);
  const region = config.region ?? 'RegionOne';
  const identity: ServerIdentity = {
    service,
    bootstrap,
    cloudsYamlPath: undefined,
    agentToken: async () => {
      const { token, valid } = await service.mint(bootstrap.agentUserId, bootstrap.serviceProjectId);
      return { token, expiresAtMs: valid.expiresAtMs };
    },
    adminToken: async () => {
      const { token, valid } = await service.mint(bootstrap.adminUserId, bootstrap.adminProjectId);
      return { token, expiresAtMs: valid.expiresAtMs };
    },
  };
  return {
    identity,
    authenticate: keystoneAuthenticator(service),
    unauthenticated: keystoneUnauthenticated((request) => `${publicUrl(request)}/identity`),
    routes: { identity: service, admin: new IdentityAdminService(deps), publicUrl, region },
    afterListen(url, logger) {
      const password = bootstrap.adminPassword;
      if (password === undefined) {
        logger.warn({}, 'admin password unknown here (set LBAAS_ADMIN_PASSWORD): clouds.yaml not written');
        return;
      }
      const base = (config.publicUrl ?? url).replace(/\/+$/, '');
      identity.cloudsYamlPath = writeSecretFile(
        config.stateDir,
        CLOUDS_YAML_FILE,
        cloudsYaml({
          authUrl: `${base}/identity/v3`,
          username: 'admin',
          password,
          projectName: 'admin',
          region,
        }),
      );
    },
  };
}
