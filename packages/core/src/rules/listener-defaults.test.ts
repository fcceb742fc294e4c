import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LISTENER_DEFAULTS } from './listener-defaults.js';

describe('DEFAULT_LISTENER_DEFAULTS', () => {
  it('holds Octavia shipped defaults (§4.2, §5.7)', () => {
    assert.deepEqual(
      { ...DEFAULT_LISTENER_DEFAULTS },
      {
        timeout_client_data: 50000,
        timeout_member_connect: 5000,
        timeout_member_data: 50000,
        timeout_tcp_inspect: 0,
        tls_ciphers:
          'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305',
        tls_versions: ['TLSv1.2', 'TLSv1.3'],
        alpn_protocols: ['h2', 'http/1.1', 'http/1.0'],
      },
    );
  });

  it('is frozen, so no caller can change the shared defaults', () => {
    assert.equal(Object.isFrozen(DEFAULT_LISTENER_DEFAULTS), true);
    assert.equal(Object.isFrozen(DEFAULT_LISTENER_DEFAULTS.tls_versions), true);
  });
});
