import type { ListenerDefaults, QuotaLimits } from '@lbaas/core';
import type { Clock, IdGenerator, ProvisioningNotifier, Store } from './ports.js';
import type { TlsRefs } from './tls-refs.js';

/** Deployment settings the services apply (Octavia's [api_settings] / [networking] equivalents). */
export interface ServiceSettings {
  /** Provider names accepted in `provider`; the first is the default. */
  enabledProviders: readonly string[];
  /** Member addresses refused (Octavia [networking] reserved_ips). */
  reservedIps: readonly string[];
  listenerDefaults: ListenerDefaults;
  poolTlsDefaults: { tls_ciphers: string; tls_versions: string[]; alpn_protocols: string[] };
  /** Project that owns the built-in VIP network. */
  adminProjectId: string;
  /** Limits for projects whose quota record leaves them null (Octavia's [quotas] default_*_quota). */
  quotaDefaults: QuotaLimits;
}

/** What every service is constructed with (wired in main.ts only). */
export interface ServiceDeps {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  notifier: ProvisioningNotifier;
  settings: ServiceSettings;
  /** Checks TLS container/secret refs of listeners and pools against the key manager. */
  tlsRefs: TlsRefs;
}
