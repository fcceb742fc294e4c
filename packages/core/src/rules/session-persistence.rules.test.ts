import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SessionPersistence } from '../model/records.js';
import { normalizeSessionPersistence } from './session-persistence.rules.js';
import { failure } from './test-fixtures.js';

const none = { cookie_name: null, persistence_timeout: null, persistence_granularity: null };
const msg = (fn: () => unknown): string => failure(fn).message;

describe('normalizeSessionPersistence (§5.4)', () => {
  it('returns all four keys', () => {
    assert.deepEqual(normalizeSessionPersistence({ type: 'HTTP_COOKIE' }, 'HTTP', null), {
      type: 'HTTP_COOKIE',
      ...none,
    });
    assert.deepEqual(
      normalizeSessionPersistence({ type: 'APP_COOKIE', cookie_name: 'JSESSIONID' }, 'HTTP', null),
      {
        type: 'APP_COOKIE',
        cookie_name: 'JSESSIONID',
        persistence_timeout: null,
        persistence_granularity: null,
      },
    );
    assert.deepEqual(
      normalizeSessionPersistence(
        { type: 'SOURCE_IP', persistence_timeout: 60, persistence_granularity: '255.255.255.0' },
        'UDP',
        null,
      ),
      {
        type: 'SOURCE_IP',
        cookie_name: null,
        persistence_timeout: 60,
        persistence_granularity: '255.255.255.0',
      },
    );
  });

  it('absent keeps, null and {} remove', () => {
    const stored: SessionPersistence = { type: 'SOURCE_IP', ...none };
    assert.equal(normalizeSessionPersistence(undefined, 'HTTP', stored), stored);
    assert.equal(normalizeSessionPersistence(undefined, 'HTTP', null), null);
    assert.equal(normalizeSessionPersistence(null, 'HTTP', stored), null);
    assert.equal(normalizeSessionPersistence({}, 'HTTP', stored), null);
  });

  it('a PUT without type keeps the stored type and attributes', () => {
    const stored: SessionPersistence = {
      type: 'SOURCE_IP',
      cookie_name: null,
      persistence_timeout: 30,
      persistence_granularity: '255.255.255.255',
    };
    assert.deepEqual(normalizeSessionPersistence({ persistence_timeout: 90 }, 'UDP', stored), {
      ...stored,
      persistence_timeout: 90,
    });
    const app: SessionPersistence = {
      type: 'APP_COOKIE',
      cookie_name: 'a',
      persistence_timeout: null,
      persistence_granularity: null,
    };
    assert.deepEqual(normalizeSessionPersistence({ cookie_name: 'b' }, 'HTTP', app), {
      ...app,
      cookie_name: 'b',
    });
    assert.deepEqual(normalizeSessionPersistence({ type: 'HTTP_COOKIE' }, 'HTTP', app), {
      type: 'HTTP_COOKIE',
      ...none,
    });
    assert.equal(
      msg(() => normalizeSessionPersistence({ cookie_name: null }, 'HTTP', app)),
      'Validation failure: Field "cookie_name" must be specified when using the "APP_COOKIE" session persistence type.',
    );
    assert.equal(
      msg(() => normalizeSessionPersistence({ persistence_timeout: 5 }, 'UDP', null)),
      'Validation failure: Invalid session_persistence provided.',
    );
  });

  it('enforces the cookie rules', () => {
    assert.equal(
      msg(() => normalizeSessionPersistence({ type: 'APP_COOKIE' }, 'HTTP', null)),
      'Validation failure: Field "cookie_name" must be specified when using the "APP_COOKIE" session persistence type.',
    );
    assert.equal(
      msg(() => normalizeSessionPersistence({ type: 'HTTP_COOKIE', cookie_name: 'c' }, 'HTTP', null)),
      'Validation failure: Field "cookie_name" can only be specified with session persistence of type "APP_COOKIE".',
    );
    for (const bad of [
      'a b',
      'a;b',
      'a,b',
      'a"b',
      'a(b',
      'a/b',
      'a:b',
      'a=b',
      'a@b',
      'a[b',
      'a\\b',
      'a{b',
      'a\x7fb',
      'a\tb',
      '日本',
      // Beyond Octavia: it accepts these, then fails to load its own HAProxy config.
      "a'b",
      'a\u0085b',
      'a\ud800b',
    ]) {
      assert.equal(
        msg(() => normalizeSessionPersistence({ type: 'APP_COOKIE', cookie_name: bad }, 'HTTP', null)),
        'Validation failure: Supplied "cookie_name" is invalid.',
        bad,
      );
    }
    assert.equal(
      normalizeSessionPersistence({ type: 'APP_COOKIE', cookie_name: 'a-b_c.d!#$%&*+^`|~é' }, 'TCP', null)
        ?.type,
      'APP_COOKIE',
    );
  });

  it('restricts UDP/SCTP pools to SOURCE_IP without cookies', () => {
    for (const p of ['UDP', 'SCTP'] as const) {
      assert.equal(
        msg(() => normalizeSessionPersistence({ type: 'SOURCE_IP', cookie_name: 'c' }, p, null)),
        'Validation failure: session_persistence SOURCE_IP type for UDP and SCTP protocols only accepts: type, persistence_timeout, persistence_granularity.',
      );
      assert.equal(
        msg(() => normalizeSessionPersistence({ type: 'APP_COOKIE', cookie_name: 'c' }, p, null)),
        'Validation failure: Cookie names are not supported for UDP/SCTP pools.',
      );
      assert.equal(
        msg(() => normalizeSessionPersistence({ type: 'HTTP_COOKIE' }, p, null)),
        'Validation failure: Session persistence of type HTTP_COOKIE is not supported for UDP/SCTP protocol pools.',
      );
      assert.equal(
        msg(() => normalizeSessionPersistence({ type: 'APP_COOKIE' }, p, null)),
        'Validation failure: Session persistence of type APP_COOKIE is not supported for UDP/SCTP protocol pools.',
      );
    }
  });

  it('keeps timeout and granularity to UDP/SCTP pools', () => {
    for (const input of [
      { type: 'SOURCE_IP', persistence_timeout: 5 },
      { type: 'SOURCE_IP', persistence_granularity: '255.0.0.0' },
    ] as const) {
      assert.equal(
        msg(() => normalizeSessionPersistence(input, 'TCP', null)),
        'Validation failure: persistence_timeout and persistence_granularity is only for UDP and SCTP protocol pools.',
      );
    }
  });
});
