import { DomainError, validationFailure } from '../errors/domain-error.js';
import type { HealthMonitorType, ListenerProtocol, PoolProtocol } from '../model/records.js';

/** L4 protocol of a listener or pool protocol (§4.2 port clash map). */
export function l4Protocol(p: ListenerProtocol | PoolProtocol): 'TCP' | 'UDP' | 'SCTP' {
  if (p === 'UDP' || p === 'SCTP') return p;
  return 'TCP';
}

/** §5.1: pool protocols a listener of each protocol may use (PROMETHEUS takes no pools at all). */
export const VALID_LISTENER_POOL_PROTOCOLS: Readonly<Record<ListenerProtocol, readonly PoolProtocol[]>> = {
  HTTP: ['HTTP', 'PROXY', 'PROXYV2'],
  HTTPS: ['HTTPS', 'PROXY', 'PROXYV2', 'TCP'],
  TERMINATED_HTTPS: ['HTTP', 'PROXY', 'PROXYV2'],
  TCP: ['HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'TCP'],
  UDP: ['UDP'],
  SCTP: ['SCTP'],
  PROMETHEUS: [],
};

/** 400 `Protocol <P> listeners cannot have child objects.` (Octavia's ListenerNoChildren). */
export function listenerNoChildren(protocol: ListenerProtocol): DomainError {
  return new DomainError('invalid', `Protocol ${protocol} listeners cannot have child objects.`);
}

/**
 * §5.1; throws 400 `Validation failure: The pool protocol '<pool>' is invalid while the listener protocol is
 * '<listener>'.` — or, for a PROMETHEUS listener, `Protocol PROMETHEUS listeners cannot have child objects.`
 */
export function checkListenerPoolProtocol(listener: ListenerProtocol, pool: PoolProtocol): void {
  if (listener === 'PROMETHEUS') throw listenerNoChildren(listener);
  if (!VALID_LISTENER_POOL_PROTOCOLS[listener].includes(pool)) {
    throw validationFailure(
      `The pool protocol '${pool}' is invalid while the listener protocol is '${listener}'.`,
    );
  }
}

/** Health-monitor types a UDP or SCTP pool accepts (§5.2), in the order Octavia lists them. */
const DATAGRAM_POOL_HM_TYPES: readonly HealthMonitorType[] = ['UDP-CONNECT', 'SCTP', 'TCP', 'HTTP'];

/** §5.2: health-monitor types each pool protocol accepts. */
export const VALID_POOL_HEALTH_MONITOR_TYPES: Readonly<Record<PoolProtocol, readonly HealthMonitorType[]>> = {
  HTTP: ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO'],
  HTTPS: ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO'],
  PROXY: ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO'],
  PROXYV2: ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO'],
  TCP: ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO'],
  UDP: DATAGRAM_POOL_HM_TYPES,
  SCTP: DATAGRAM_POOL_HM_TYPES,
};

/** §5.2: throws Octavia's 400 when a health monitor of `type` cannot watch a pool of `pool` protocol. */
export function checkHealthMonitorPoolProtocol(pool: PoolProtocol, type: HealthMonitorType): void {
  if (VALID_POOL_HEALTH_MONITOR_TYPES[pool].includes(type)) return;
  if (pool === 'UDP' || pool === 'SCTP') {
    throw validationFailure(
      `The associated pool protocol is ${pool}, so only a ${DATAGRAM_POOL_HM_TYPES.join('/')} health monitor is supported.`,
    );
  }
  throw validationFailure(`The ${type} type is only supported for pools of type UDP/SCTP.`);
}
