import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { API_VERSIONS, BASE_FEATURES, advertisedVersions, type ApiFeature } from './api-versions.js';

const ROOT = 'http://127.0.0.1:9876/';

describe('API_VERSIONS', () => {
  it('lists v2.0 through v2.30 in order', () => {
    assert.equal(API_VERSIONS.length, 31);
    assert.deepEqual(
      API_VERSIONS.map((v) => v.id),
      Array.from({ length: 31 }, (_, i) => `v2.${i}`),
    );
  });

  it('keeps the dates of the spec, including the out-of-order v2.7', () => {
    assert.equal(API_VERSIONS[0]?.updated, '2016-12-11T00:00:00Z');
    assert.equal(API_VERSIONS[7]?.updated, '2018-01-25T12:00:00Z');
    assert.equal(API_VERSIONS[30]?.updated, '2025-02-26T00:00:00Z');
  });
});

describe('advertisedVersions', () => {
  it('advertises v2.0–v2.2 for the base features, v2.2 CURRENT (v2.3 needs the amphora API)', () => {
    assert.deepEqual(advertisedVersions(BASE_FEATURES, ROOT), [
      {
        id: 'v2.0',
        status: 'SUPPORTED',
        updated: '2016-12-11T00:00:00Z',
        links: [{ href: 'http://127.0.0.1:9876/v2', rel: 'self' }],
      },
      {
        id: 'v2.1',
        status: 'SUPPORTED',
        updated: '2018-04-20T00:00:00Z',
        links: [{ href: 'http://127.0.0.1:9876/v2', rel: 'self' }],
      },
      {
        id: 'v2.2',
        status: 'CURRENT',
        updated: '2018-07-31T00:00:00Z',
        links: [{ href: 'http://127.0.0.1:9876/v2', rel: 'self' }],
      },
    ]);
  });

  it('stops at the first version with a missing feature even if later ones are implemented', () => {
    const implemented = new Set<ApiFeature>([...BASE_FEATURES, 'amphora-api', 'vip-sg-ids']);
    const ids = advertisedVersions(implemented, ROOT).map((v) => v.id);
    assert.deepEqual(ids, ['v2.0', 'v2.1', 'v2.2', 'v2.3', 'v2.4', 'v2.5']);
  });

  it('needs every feature of a multi-feature version', () => {
    const implemented = new Set<ApiFeature>(['listener-timeouts', 'member-backup']);
    assert.deepEqual(advertisedVersions(implemented, ROOT), [
      {
        id: 'v2.0',
        status: 'CURRENT',
        updated: '2016-12-11T00:00:00Z',
        links: [{ href: 'http://127.0.0.1:9876/v2', rel: 'self' }],
      },
    ]);
  });

  it('advertises everything with v2.30 CURRENT when all features are implemented', () => {
    const all = new Set<ApiFeature>(API_VERSIONS.flatMap((v) => v.features));
    const versions = advertisedVersions(all, 'https://lb.example/load-balancer/');
    assert.equal(versions.length, 31);
    assert.deepEqual(
      versions.filter((v) => v.status === 'CURRENT').map((v) => v.id),
      ['v2.30'],
    );
    assert.deepEqual(versions[5]?.links, [{ href: 'https://lb.example/load-balancer/v2', rel: 'self' }]);
  });
});
