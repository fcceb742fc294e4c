import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isHttpUrl, isUrlPath } from './url-format.js';

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs with a host', () => {
    for (const url of [
      'http://www.example.com',
      'HTTPS://example.com:8443/a/b?x=1&y=%20#top',
      'https://[2001:db8::1]/',
      'http://192.0.2.1:80',
    ]) {
      assert.equal(isHttpUrl(url), true, url);
    }
  });

  it('rejects other schemes, missing hosts and whitespace', () => {
    for (const url of [
      'ftp://example.com',
      'http://',
      'example.com',
      '/relative',
      'http://exa mple.com',
      'http://a/b\nc',
    ]) {
      assert.equal(isHttpUrl(url), false, url);
    }
  });
});

describe('isUrlPath', () => {
  it('accepts absolute paths with queries', () => {
    for (const path of ['/', '/health', '/a/b?c=d', '/%7Euser']) assert.equal(isUrlPath(path), true, path);
  });

  it('rejects relative paths, authorities, schemes and whitespace', () => {
    for (const path of ['health', '//evil.example/x', 'http://x/y', '/a b', '/a\r\nb', '']) {
      assert.equal(isUrlPath(path), false, path);
    }
  });
});
