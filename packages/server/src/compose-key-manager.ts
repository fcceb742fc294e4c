import type { KeyManagerRouteDeps } from './api/routes/key-manager.routes.js';
import { publicUrlResolver } from './api/public-url.js';
import type { ServerConfig } from './config/server-config.js';
import { loadSecretKey } from './secret-key-file.js';
import type { Clock, IdGenerator, Store } from './services/ports.js';
import { SecretContainerService } from './services/secret-container.service.js';
import { SecretCipher } from './services/secret-crypto.js';
import { SecretRefResolver } from './services/secret-ref-resolver.js';
import { SecretService } from './services/secret.service.js';
import { TlsRefs } from './services/tls-refs.js';

/** The key manager's services and routes, and what TLS listeners/pools use for Octavia's `*_ref`s. */
export interface ServerKeyManager {
  routes: KeyManagerRouteDeps;
  resolver: SecretRefResolver;
  /** API-time ref checks and reconcile-time PEM material. */
  tlsRefs: TlsRefs;
  /** The key-encryption cipher (also seals the TLS files of agent placements at rest). */
  cipher: SecretCipher;
}

/** Wires the key manager: the KEK from the state dir (or LBAAS_SECRET_KEY_FILE), services, routes. */
export function composeKeyManager(
  config: Pick<ServerConfig, 'stateDir' | 'secretKeyFile' | 'publicUrl'>,
  deps: { store: Store; clock: Clock; ids: IdGenerator; key?: Uint8Array },
): ServerKeyManager {
  const cipher = new SecretCipher(deps.key ?? loadSecretKey(config.stateDir, config.secretKeyFile));
  const kmDeps = { store: deps.store, clock: deps.clock, ids: deps.ids, cipher };
  const resolver = new SecretRefResolver(kmDeps, config.publicUrl === undefined ? [] : [config.publicUrl]);
  return {
    routes: {
      secrets: new SecretService(kmDeps),
      containers: new SecretContainerService(kmDeps),
      publicUrl: publicUrlResolver(config.publicUrl),
    },
    resolver,
    tlsRefs: new TlsRefs(resolver),
    cipher,
  };
}
