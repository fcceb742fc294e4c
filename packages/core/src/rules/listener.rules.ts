import { notFound } from '../errors/domain-error.js';
import type { ListenerCreateInput, ListenerUpdateInput } from '../model/inputs.js';
import type { ListenerProtocol, ListenerRecord, LoadBalancerRecord, PoolRecord } from '../model/records.js';
import { normalizeAllowedCidrs } from './allowed-cidrs.js';
import { boolField, conflict, putValue, required } from './field-values.js';
import { checkInsertHeaders } from './insert-headers.js';
import type { ListenerDefaults } from './listener-defaults.js';
import {
  type ListenerTlsState,
  checkClientAuthentication,
  checkClientCrl,
  checkDatagramListenerTls,
  checkHstsOnCreate,
  checkHstsOnUpdate,
  checkRefsAllowed,
  checkServerCertificate,
  hasTlsContainerRefs,
  isTlsTerminating,
} from './listener-tls.rules.js';
import { checkListenerPoolProtocol, l4Protocol, listenerNoChildren } from './protocol-matrix.js';
import { checkAlpnProtocolList, checkTlsVersionList } from './tls-option-checks.js';

/** Context of a listener create: ids and clock from the caller, plus the objects the checks compare against. */
export interface BuildListenerContext {
  id: string;
  now: string;
  loadBalancer: LoadBalancerRecord;
  /** The other listeners of the load balancer. */
  siblings: readonly ListenerRecord[];
  /** The pool named by `default_pool_id`, if the caller found one. */
  defaultPool: PoolRecord | undefined;
  defaults: ListenerDefaults;
}

/** Context of a listener PUT. */
export interface ListenerUpdateContext {
  now: string;
  loadBalancer: LoadBalancerRecord;
  /** The pool named by the PUT's `default_pool_id`, if any and found. */
  defaultPool: PoolRecord | undefined | null;
  defaults: ListenerDefaults;
}

/** Builds a new listener (PENDING_CREATE / OFFLINE), applying defaults and every create-time check of §4.2. */
export function buildListener(input: ListenerCreateInput, ctx: BuildListenerContext): ListenerRecord {
  const protocol = required(input.protocol, 'protocol');
  const protocolPort = required(input.protocol_port, 'protocol_port');
  const lb = ctx.loadBalancer;

  const defaultPoolId = input.default_pool_id ?? null;
  if (defaultPoolId !== null) checkDefaultPool(protocol, defaultPoolId, lb, ctx.defaultPool);

  const insertHeaders = input.insert_headers ?? {};
  const tls: ListenerTlsState = {
    protocol,
    default_tls_container_ref: input.default_tls_container_ref ?? null,
    sni_container_refs: input.sni_container_refs ?? [],
    client_ca_tls_container_ref: input.client_ca_tls_container_ref ?? null,
    client_crl_container_ref: input.client_crl_container_ref ?? null,
    client_authentication: input.client_authentication ?? 'NONE',
  };
  const hasRefs = hasTlsContainerRefs(tls);
  const terminating = isTlsTerminating(protocol, hasRefs);
  const hasHeaders = Object.keys(insertHeaders).length > 0;

  // Same order as Octavia's _validate_create_listener, so a request with several faults gets its message.
  if (hasHeaders) checkInsertHeaders(insertHeaders, protocol);
  checkDatagramListenerTls(protocol, hasRefs || hasHeaders, 'create');
  checkRefsAllowed(protocol, hasRefs, terminating);
  checkServerCertificate(tls);
  checkClientAuthentication(tls);
  checkClientCrl(tls);
  checkPortClash(protocol, protocolPort, ctx.siblings);
  const allowedCidrs = normalizeAllowedCidrs(input.allowed_cidrs, lb);

  if (input.tls_versions != null) checkTlsVersionList(input.tls_versions);
  if (input.alpn_protocols != null) checkAlpnProtocolList(input.alpn_protocols);
  const hstsMaxAge = input.hsts_max_age ?? null;
  const hstsIncludeSubdomains = input.hsts_include_subdomains ?? false;
  const hstsPreload = input.hsts_preload ?? false;
  checkHstsOnCreate(protocol, hstsMaxAge, hstsIncludeSubdomains, hstsPreload);

  // Only TERMINATED_HTTPS listeners get the deployment TLS defaults (§4.2); others keep what was sent.
  const tlsDefaults = protocol === 'TERMINATED_HTTPS';
  const d = ctx.defaults;
  return {
    id: ctx.id,
    project_id: lb.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: lb.id,
    name: input.name ?? null,
    description: input.description ?? null,
    protocol,
    protocol_port: protocolPort,
    connection_limit: input.connection_limit ?? -1,
    default_pool_id: defaultPoolId,
    default_tls_container_ref: tls.default_tls_container_ref,
    sni_container_refs: [...tls.sni_container_refs],
    client_ca_tls_container_ref: tls.client_ca_tls_container_ref,
    client_authentication: tls.client_authentication,
    client_crl_container_ref: tls.client_crl_container_ref,
    insert_headers: { ...insertHeaders },
    timeout_client_data: input.timeout_client_data ?? d.timeout_client_data,
    timeout_member_connect: input.timeout_member_connect ?? d.timeout_member_connect,
    timeout_member_data: input.timeout_member_data ?? d.timeout_member_data,
    timeout_tcp_inspect: input.timeout_tcp_inspect ?? d.timeout_tcp_inspect,
    allowed_cidrs: allowedCidrs,
    tls_ciphers: input.tls_ciphers ?? (tlsDefaults ? d.tls_ciphers : null),
    tls_versions: input.tls_versions ?? (tlsDefaults ? [...d.tls_versions] : null),
    alpn_protocols: input.alpn_protocols ?? (tlsDefaults ? [...d.alpn_protocols] : null),
    hsts_max_age: hstsMaxAge,
    hsts_include_subdomains: hstsIncludeSubdomains,
    hsts_preload: hstsPreload,
  };
}

/** Applies a PUT (null = reset per §4.2 "PUT null resets"), re-running the relevant checks. Keeps statuses. */
export function applyListenerUpdate(
  stored: ListenerRecord,
  patch: ListenerUpdateInput,
  ctx: ListenerUpdateContext,
): ListenerRecord {
  const protocol = stored.protocol;
  const d = ctx.defaults;
  // "Reset to default" means the value a new listener of this protocol gets: defaults on TERMINATED_HTTPS only.
  const tlsDefaults = protocol === 'TERMINATED_HTTPS';
  const tls: ListenerTlsState = {
    protocol,
    default_tls_container_ref: putValue(
      patch.default_tls_container_ref,
      stored.default_tls_container_ref,
      null,
    ),
    sni_container_refs: putValue(patch.sni_container_refs, stored.sni_container_refs, []),
    client_ca_tls_container_ref: putValue(
      patch.client_ca_tls_container_ref,
      stored.client_ca_tls_container_ref,
      null,
    ),
    client_crl_container_ref: putValue(patch.client_crl_container_ref, stored.client_crl_container_ref, null),
    client_authentication: putValue(patch.client_authentication, stored.client_authentication, 'NONE'),
  };
  const refsGiven = hasTlsContainerRefs({
    default_tls_container_ref: patch.default_tls_container_ref ?? null,
    sni_container_refs: patch.sni_container_refs ?? [],
    client_ca_tls_container_ref: patch.client_ca_tls_container_ref ?? null,
  });
  const headersGiven = patch.insert_headers != null && Object.keys(patch.insert_headers).length > 0;

  // Octavia's _validate_listener_PUT order; the certificate invariants are then re-checked on the merged
  // state, so that a PUT cannot leave a TERMINATED_HTTPS listener without a certificate.
  checkDatagramListenerTls(protocol, refsGiven || headersGiven, 'update');
  checkRefsAllowed(protocol, refsGiven, isTlsTerminating(protocol, hasTlsContainerRefs(tls)));
  checkClientAuthentication(tls);
  if (headersGiven && patch.insert_headers) checkInsertHeaders(patch.insert_headers, protocol);
  checkClientCrl(tls);
  checkServerCertificate(tls);

  const allowedCidrs =
    patch.allowed_cidrs === undefined
      ? stored.allowed_cidrs
      : normalizeAllowedCidrs(patch.allowed_cidrs, ctx.loadBalancer);
  if (patch.tls_versions != null) checkTlsVersionList(patch.tls_versions);
  if (patch.alpn_protocols != null) checkAlpnProtocolList(patch.alpn_protocols);
  const hstsMaxAge = putValue(patch.hsts_max_age, stored.hsts_max_age, null);
  checkHstsOnUpdate(protocol, patch, hstsMaxAge);

  const defaultPoolId = putValue(patch.default_pool_id, stored.default_pool_id, null);
  if (patch.default_pool_id != null) {
    checkDefaultPool(protocol, patch.default_pool_id, ctx.loadBalancer, ctx.defaultPool ?? undefined);
  }

  return {
    ...stored,
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
    updated_at: ctx.now,
    name: putValue(patch.name, stored.name, null),
    description: putValue(patch.description, stored.description, null),
    connection_limit: putValue(patch.connection_limit, stored.connection_limit, -1),
    default_pool_id: defaultPoolId,
    default_tls_container_ref: tls.default_tls_container_ref,
    sni_container_refs: [...tls.sni_container_refs],
    client_ca_tls_container_ref: tls.client_ca_tls_container_ref,
    client_authentication: tls.client_authentication,
    client_crl_container_ref: tls.client_crl_container_ref,
    insert_headers: putValue(patch.insert_headers, stored.insert_headers, {}),
    timeout_client_data: putValue(
      patch.timeout_client_data,
      stored.timeout_client_data,
      d.timeout_client_data,
    ),
    timeout_member_connect: putValue(
      patch.timeout_member_connect,
      stored.timeout_member_connect,
      d.timeout_member_connect,
    ),
    timeout_member_data: putValue(
      patch.timeout_member_data,
      stored.timeout_member_data,
      d.timeout_member_data,
    ),
    timeout_tcp_inspect: putValue(
      patch.timeout_tcp_inspect,
      stored.timeout_tcp_inspect,
      d.timeout_tcp_inspect,
    ),
    allowed_cidrs: allowedCidrs,
    tls_ciphers: putValue(patch.tls_ciphers, stored.tls_ciphers, tlsDefaults ? d.tls_ciphers : null),
    tls_versions: putValue(patch.tls_versions, stored.tls_versions, tlsDefaults ? [...d.tls_versions] : null),
    alpn_protocols: putValue(
      patch.alpn_protocols,
      stored.alpn_protocols,
      tlsDefaults ? [...d.alpn_protocols] : null,
    ),
    hsts_max_age: hstsMaxAge,
    hsts_include_subdomains: boolField(patch.hsts_include_subdomains, stored.hsts_include_subdomains),
    hsts_preload: boolField(patch.hsts_preload, stored.hsts_preload),
  };
}

/**
 * 409 when another live listener of the load balancer uses the same L4 protocol and port. Octavia names
 * the protocol of the listener already there, not the one being created.
 */
export function checkPortClash(
  protocol: ListenerProtocol,
  protocolPort: number,
  siblings: readonly ListenerRecord[],
): void {
  const l4 = l4Protocol(protocol);
  const clash = siblings.find(
    (l) =>
      l.protocol_port === protocolPort &&
      l.provisioning_status !== 'DELETED' &&
      l.provisioning_status !== 'PENDING_DELETE' &&
      l4Protocol(l.protocol) === l4,
  );
  if (clash) {
    throw conflict(
      `Another Listener on this Load Balancer is already using protocol ${clash.protocol} and protocol_port ${protocolPort}`,
    );
  }
}

/** The default pool must exist on the same load balancer and speak a compatible protocol (§4.2, §5.1). */
function checkDefaultPool(
  protocol: ListenerProtocol,
  poolId: string,
  lb: LoadBalancerRecord,
  pool: PoolRecord | undefined,
): void {
  if (protocol === 'PROMETHEUS') throw listenerNoChildren(protocol);
  if (
    pool === undefined ||
    pool.id !== poolId ||
    pool.load_balancer_id !== lb.id ||
    pool.provisioning_status === 'DELETED'
  ) {
    throw notFound('Pool', poolId);
  }
  checkListenerPoolProtocol(protocol, pool.protocol);
}
