import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInsertHeaders } from './insert-headers.js';
import { failure } from './test-fixtures.js';

describe('checkInsertHeaders (§5.6)', () => {
  it('accepts the HTTP headers on HTTP and TERMINATED_HTTPS listeners', () => {
    const headers = {
      'X-Forwarded-For': 'true',
      'X-Forwarded-Port': 'true',
      'X-Forwarded-Proto': 'true',
      'X-Real-IP': 'true',
    };
    assert.doesNotThrow(() => checkInsertHeaders(headers, 'HTTP'));
    assert.doesNotThrow(() => checkInsertHeaders(headers, 'TERMINATED_HTTPS'));
  });

  it('accepts client-certificate headers on TERMINATED_HTTPS only', () => {
    assert.doesNotThrow(() => checkInsertHeaders({ 'X-SSL-Client-DN': 'true' }, 'TERMINATED_HTTPS'));
    assert.deepEqual(
      failure(() =>
        checkInsertHeaders(
          { 'X-Forwarded-For': 'true', 'X-SSL-Client-DN': 'true', 'X-SSL-Issuer': 'true' },
          'HTTP',
        ),
      ),
      {
        kind: 'invalid',
        message: "['X-SSL-Client-DN', 'X-SSL-Issuer'] is not a valid option for HTTP protocol listener.",
      },
    );
  });

  it('refuses header insertion on other protocols', () => {
    for (const protocol of ['TCP', 'HTTPS', 'UDP', 'SCTP', 'PROMETHEUS'] as const) {
      assert.deepEqual(
        failure(() => checkInsertHeaders({ 'X-Forwarded-For': 'true' }, protocol)),
        {
          kind: 'invalid',
          message: `insert-headers is not a valid option for a ${protocol} protocol listener.`,
        },
      );
    }
  });

  it('echoes the whole key list when one key is unknown', () => {
    assert.deepEqual(
      failure(() => checkInsertHeaders({ 'X-Forwarded-For': 'true', 'X-Bogus': 'true' }, 'HTTP')),
      {
        kind: 'invalid',
        message: "['X-Forwarded-For', 'X-Bogus'] is not a valid option for insert_headers",
      },
    );
  });
});
