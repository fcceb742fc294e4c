import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HealthMonitorType, ListenerProtocol, PoolProtocol } from '../model/records.js';
import { checkHealthMonitorPoolProtocol, checkListenerPoolProtocol, l4Protocol } from './protocol-matrix.js';
import { failure } from './test-fixtures.js';

const POOL_PROTOCOLS: PoolProtocol[] = ['HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'TCP', 'UDP', 'SCTP'];
const HM_TYPES: HealthMonitorType[] = ['HTTP', 'HTTPS', 'PING', 'TCP', 'TLS-HELLO', 'UDP-CONNECT', 'SCTP'];

// §5.1 table, row by row, in the column order of POOL_PROTOCOLS ("Y" = allowed).
const LISTENER_POOL_TABLE: Record<Exclude<ListenerProtocol, 'PROMETHEUS'>, string> = {
  HTTP: 'Y-YY---',
  HTTPS: '-YYYY--',
  TERMINATED_HTTPS: 'Y-YY---',
  TCP: 'YYYYY--',
  UDP: '-----Y-',
  SCTP: '------Y',
};

// §5.2 table: rows are pool protocols, columns HM_TYPES.
const POOL_HM_TABLE: Record<PoolProtocol, string> = {
  HTTP: 'YYYYY--',
  HTTPS: 'YYYYY--',
  PROXY: 'YYYYY--',
  PROXYV2: 'YYYYY--',
  TCP: 'YYYYY--',
  UDP: 'Y--Y-YY',
  SCTP: 'Y--Y-YY',
};

describe('l4Protocol', () => {
  it('maps every protocol to its L4 protocol', () => {
    const expected: Record<ListenerProtocol | PoolProtocol, string> = {
      HTTP: 'TCP',
      HTTPS: 'TCP',
      TERMINATED_HTTPS: 'TCP',
      TCP: 'TCP',
      PROXY: 'TCP',
      PROXYV2: 'TCP',
      PROMETHEUS: 'TCP',
      UDP: 'UDP',
      SCTP: 'SCTP',
    };
    for (const [p, l4] of Object.entries(expected)) assert.equal(l4Protocol(p as ListenerProtocol), l4, p);
  });
});

describe('checkListenerPoolProtocol (§5.1)', () => {
  for (const [listener, row] of Object.entries(LISTENER_POOL_TABLE)) {
    POOL_PROTOCOLS.forEach((pool, i) => {
      const allowed = row[i] === 'Y';
      it(`${listener} listener ${allowed ? 'accepts' : 'rejects'} a ${pool} pool`, () => {
        const run = (): void => checkListenerPoolProtocol(listener as ListenerProtocol, pool);
        if (allowed) {
          assert.doesNotThrow(run);
        } else {
          assert.deepEqual(failure(run), {
            kind: 'invalid',
            message: `Validation failure: The pool protocol '${pool}' is invalid while the listener protocol is '${listener}'.`,
          });
        }
      });
    });
  }

  it('PROMETHEUS listeners take no pool at all', () => {
    for (const pool of POOL_PROTOCOLS) {
      assert.deepEqual(
        failure(() => checkListenerPoolProtocol('PROMETHEUS', pool)),
        {
          kind: 'invalid',
          message: 'Protocol PROMETHEUS listeners cannot have child objects.',
        },
      );
    }
  });
});

describe('checkHealthMonitorPoolProtocol (§5.2)', () => {
  for (const [pool, row] of Object.entries(POOL_HM_TABLE)) {
    HM_TYPES.forEach((type, i) => {
      const allowed = row[i] === 'Y';
      it(`${pool} pool ${allowed ? 'accepts' : 'rejects'} a ${type} monitor`, () => {
        const run = (): void => checkHealthMonitorPoolProtocol(pool as PoolProtocol, type);
        if (allowed) {
          assert.doesNotThrow(run);
        } else if (pool === 'UDP' || pool === 'SCTP') {
          assert.deepEqual(failure(run), {
            kind: 'invalid',
            message: `Validation failure: The associated pool protocol is ${pool}, so only a UDP-CONNECT/SCTP/TCP/HTTP health monitor is supported.`,
          });
        } else {
          assert.deepEqual(failure(run), {
            kind: 'invalid',
            message: `Validation failure: The ${type} type is only supported for pools of type UDP/SCTP.`,
          });
        }
      });
    });
  }
});
