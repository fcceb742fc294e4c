import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { failure } from './test-fixtures.js';
import { checkAlpnProtocolList, checkTlsVersionList } from './tls-option-checks.js';

describe('TLS option lists', () => {
  it('accepts known TLS versions and ALPN ids', () => {
    assert.doesNotThrow(() => checkTlsVersionList(['SSLv3', 'TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']));
    assert.doesNotThrow(() => checkAlpnProtocolList(['h2', 'http/1.1', 'http/1.0']));
  });

  it('refuses empty lists with Octavia messages', () => {
    assert.deepEqual(
      failure(() => checkTlsVersionList([])),
      {
        kind: 'invalid',
        message:
          'Validation failure: Empty TLS version list. Either specify at least one TLS version or remove this parameter to use the default.',
      },
    );
    assert.deepEqual(
      failure(() => checkAlpnProtocolList([])),
      {
        kind: 'invalid',
        message:
          'Validation failure: Empty ALPN protocol list. Either specify at least one ALPN protocol or remove this parameter to use the default.',
      },
    );
  });

  it('lists unknown values', () => {
    assert.equal(
      failure(() => checkTlsVersionList(['TLSv1.2', 'TLSv9', 'x'])).message,
      'Validation failure: Invalid TLS versions: TLSv9, x',
    );
    assert.equal(
      failure(() => checkAlpnProtocolList(['h3'])).message,
      'Validation failure: Invalid ALPN protocol: h3',
    );
  });
});
