import { notFound, validationFailure } from '../errors/domain-error.js';
import type { PoolCreateInput, PoolUpdateInput } from '../model/inputs.js';
import type { ListenerRecord, LoadBalancerRecord, PoolRecord } from '../model/records.js';
import { boolField, conflict, invalidOption, putValue, required } from './field-values.js';
import { checkListenerPoolProtocol } from './protocol-matrix.js';
import { normalizeSessionPersistence } from './session-persistence.rules.js';
import { checkAlpnProtocolList, checkTlsVersionList } from './tls-option-checks.js';

/** Deployment TLS defaults for pools with backend re-encryption (`default_pool_*` settings). */
export interface PoolTlsDefaults {
  tls_ciphers: string;
  tls_versions: string[];
  alpn_protocols: string[];
}

/** Context of a pool create. */
export interface BuildPoolContext {
  id: string;
  now: string;
  loadBalancer: LoadBalancerRecord;
  /** The listener named by `listener_id`, if the caller found one. */
  listener: ListenerRecord | undefined;
  defaults: PoolTlsDefaults;
}

/**
 * New pool (PENDING_CREATE / OFFLINE). `listener` = the one named by listener_id (protocol matrix, 409 `This
 * listener already has a default pool`, PROMETHEUS 400). Setting that listener's `default_pool_id` is the
 * caller's job.
 */
export function buildPool(input: PoolCreateInput, ctx: BuildPoolContext): PoolRecord {
  const protocol = required(input.protocol, 'protocol');
  const lbAlgorithm = required(input.lb_algorithm, 'lb_algorithm');
  const sessionPersistence = normalizeSessionPersistence(input.session_persistence, protocol, null);

  const listenerId = input.listener_id ?? null;
  if (!input.loadbalancer_id && listenerId === null) {
    throw validationFailure('Must provide at least one of: loadbalancer_id, listener_id');
  }
  if (listenerId !== null) {
    const listener = ctx.listener;
    // A listener of another load balancer is as good as missing from this one's point of view.
    if (
      listener === undefined ||
      listener.id !== listenerId ||
      listener.load_balancer_id !== ctx.loadBalancer.id ||
      listener.provisioning_status === 'DELETED'
    ) {
      throw notFound('Listener', listenerId);
    }
    checkListenerPoolProtocol(listener.protocol, protocol);
    if (listener.default_pool_id !== null) throw conflict('This listener already has a default pool');
  }

  const caRef = input.ca_tls_container_ref ?? null;
  const crlRef = input.crl_container_ref ?? null;
  if (crlRef && !caRef) {
    throw validationFailure('A CA certificate reference is required to specify a revocation list.');
  }
  if (input.tls_versions != null) checkTlsVersionList(input.tls_versions);
  if (input.alpn_protocols != null) checkAlpnProtocolList(input.alpn_protocols);

  // Only pools that re-encrypt get the deployment TLS defaults (§4.3).
  const tlsEnabled = input.tls_enabled ?? false;
  const d = ctx.defaults;
  return {
    id: ctx.id,
    project_id: ctx.loadBalancer.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: ctx.loadBalancer.id,
    name: input.name ?? null,
    description: input.description ?? null,
    protocol,
    lb_algorithm: lbAlgorithm,
    session_persistence: sessionPersistence,
    tls_enabled: tlsEnabled,
    tls_container_ref: input.tls_container_ref ?? null,
    ca_tls_container_ref: caRef,
    crl_container_ref: crlRef,
    tls_ciphers: input.tls_ciphers ?? (tlsEnabled ? d.tls_ciphers : null),
    tls_versions: input.tls_versions ?? (tlsEnabled ? [...d.tls_versions] : null),
    alpn_protocols: input.alpn_protocols ?? (tlsEnabled ? [...d.alpn_protocols] : null),
  };
}

/** Applies a pool PUT (null = clear or reset to the deployment default), re-running the relevant checks. Keeps statuses. */
export function applyPoolUpdate(
  stored: PoolRecord,
  patch: PoolUpdateInput,
  ctx: { now: string; defaults: PoolTlsDefaults },
): PoolRecord {
  const sessionPersistence = normalizeSessionPersistence(
    patch.session_persistence,
    stored.protocol,
    stored.session_persistence,
  );
  const { caRef, crlRef } = mergeCaAndCrl(stored, patch);
  if (patch.tls_versions != null) checkTlsVersionList(patch.tls_versions);
  if (patch.alpn_protocols != null) checkAlpnProtocolList(patch.alpn_protocols);
  // The algorithm is mandatory; clearing it cannot mean anything.
  if (patch.lb_algorithm === null) throw invalidOption('None', 'lb_algorithm');

  const d = ctx.defaults;
  return {
    ...stored,
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
    updated_at: ctx.now,
    name: putValue(patch.name, stored.name, null),
    description: putValue(patch.description, stored.description, null),
    lb_algorithm: patch.lb_algorithm ?? stored.lb_algorithm,
    session_persistence: sessionPersistence,
    tls_enabled: boolField(patch.tls_enabled, stored.tls_enabled),
    tls_container_ref: putValue(patch.tls_container_ref, stored.tls_container_ref, null),
    ca_tls_container_ref: caRef,
    crl_container_ref: crlRef,
    tls_ciphers: putValue(patch.tls_ciphers, stored.tls_ciphers, d.tls_ciphers),
    tls_versions: putValue(patch.tls_versions, stored.tls_versions, [...d.tls_versions]),
    alpn_protocols: putValue(patch.alpn_protocols, stored.alpn_protocols, [...d.alpn_protocols]),
  };
}

/** Octavia's PUT rules for the CA / CRL pair: a CRL needs a CA, and the CA cannot go while a CRL stays. */
function mergeCaAndCrl(
  stored: PoolRecord,
  patch: PoolUpdateInput,
): { caRef: string | null; crlRef: string | null } {
  const crlRef = putValue(patch.crl_container_ref, stored.crl_container_ref, null);
  const caRef = putValue(patch.ca_tls_container_ref, stored.ca_tls_container_ref, null);
  if (crlRef && !caRef) {
    if (patch.ca_tls_container_ref !== undefined && stored.ca_tls_container_ref) {
      throw validationFailure(
        'A CA reference cannot be removed when a certificate revocation list is present.',
      );
    }
    throw validationFailure('A CA reference is required to specify a certificate revocation list.');
  }
  return { caRef, crlRef };
}
