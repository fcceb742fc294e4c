import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { haproxyWords } from './render-fuzz-fixtures.js';
import {
  cfgAclPattern,
  cfgCookieFetch,
  cfgDnFieldFetch,
  cfgHeaderFetch,
  cfgRedirectTarget,
  cfgCidr,
  cfgCipherList,
  cfgHostName,
  cfgId,
  cfgInt,
  cfgIp,
  cfgNoSpaceString,
  cfgSocketPath,
  cfgString,
  cfgTlsFilePath,
  cfgToken,
  isCipherName,
  runDirFile,
} from './haproxy-escape.js';

const invalid = (fn: () => unknown): void => {
  assert.throws(fn, (e: unknown) => e instanceof DomainError && e.kind === 'invalid');
};

test('ids must be UUIDs and are lower-cased', () => {
  assert.equal(cfgId('6A1F3C2E-5B4D-4E8F-9A0B-1C2D3E4F5A6B', 'id'), '6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b');
  invalid(() => cfgId('pool-1', 'id'));
  invalid(() => cfgId('6a1f3c2e-5b4d-4e8f-9a0b-1c2d3e4f5a6b\nserver x', 'id'));
});

test('integers are range-checked', () => {
  assert.equal(cfgInt(0, 'weight', 0, 256), '0');
  invalid(() => cfgInt(257, 'weight', 0, 256));
  invalid(() => cfgInt(1.5, 'weight', 0, 256));
  invalid(() => cfgInt(Number.NaN, 'weight', 0, 256));
});

test('addresses and CIDRs are canonicalised', () => {
  assert.equal(cfgIp('2001:DB8:0:0::10', 'a'), '2001:db8::10');
  assert.equal(cfgIp('10.0.0.1', 'a'), '10.0.0.1');
  invalid(() => cfgIp('10.0.0.1 backup', 'a'));
  invalid(() => cfgIp('[::1]', 'a'));
  assert.equal(cfgCidr('10.1.2.3/8', 'c'), '10.0.0.0/8');
  invalid(() => cfgCidr('10.0.0.0/8 }', 'c'));
});

test('strings are bare when inert, otherwise double-quoted with \\ " $ escaped', () => {
  assert.equal(cfgString('/healthz', 'f'), '/healthz');
  assert.equal(cfgString('/a b', 'f'), '"/a b"');
  assert.equal(cfgString('/a#b', 'f'), '"/a#b"');
  assert.equal(cfgString(`/a"b\\c$HOME'`, 'f'), `"/a\\"b\\\\c\\$HOME'"`);
  assert.equal(cfgString('/é😀', 'f'), '"/é😀"');
  for (const bad of ['', 'a\nb', 'a\rb', 'a\0b', 'a\tb', 'a\u0085b', 'a\ud800b'])
    invalid(() => cfgString(bad, 'f'));
  invalid(() => cfgNoSpaceString('/a b', 'url_path'));
});

test('tokens and host names are strict', () => {
  assert.equal(cfgToken('GET', 'm', /^[A-Z]+$/), 'GET');
  invalid(() => cfgToken('GET #', 'm', /^[A-Z #]+$/));
  assert.equal(cfgHostName('app.example.com', 'd'), 'app.example.com');
  invalid(() => cfgHostName('app.example.com%[src]', 'd'));
  invalid(() => cfgHostName('a b', 'd'));
});

test('run dir files must be absolute; socket paths bounded and comma-free', () => {
  assert.equal(runDirFile('/run/lb/', 'haproxy.sock'), '/run/lb/haproxy.sock');
  invalid(() => runDirFile('run/lb', 'haproxy.sock'));
  invalid(() => runDirFile('/run/\nlb', 'haproxy.sock'));
  invalid(() => cfgSocketPath(`/${'x'.repeat(120)}/haproxy.sock`, 'runDir'));
  invalid(() => cfgSocketPath('/a,b/haproxy.sock', 'runDir'));
  assert.equal(cfgSocketPath('/a b/haproxy.sock', 'runDir'), '"/a b/haproxy.sock"');
});

test('cookie fetches: bare for tokens, quoted for # $ and non-ASCII, separators and quotes refused', () => {
  assert.equal(cfgCookieFetch('res.cook', 'JSESSIONID', 'c'), 'res.cook(JSESSIONID)');
  assert.equal(cfgCookieFetch('req.cook', 'a#b', 'c'), '"req.cook(a#b)"');
  assert.equal(cfgCookieFetch('req.cook', 'a$b', 'c'), '"req.cook(a\\$b)"');
  assert.equal(cfgCookieFetch('req.cook', 'sessé', 'c'), '"req.cook(sessé)"');
  for (const bad of ['', 'a b', "a'b", 'a"b', 'a)b', 'a,b', 'a\\b', 'a\nb', 'a\u0085b', 'x'.repeat(256)]) {
    assert.throws(() => cfgCookieFetch('req.cook', bad, 'c'), DomainError, JSON.stringify(bad));
  }
});

// What HAProxy's tokenizer hands to the ACL parser must be exactly the value (after the `--`).
const HOSTILE = [
  'a#b',
  'a b',
  '"x"',
  '\\',
  '%[src]',
  '${HOME}',
  '$HOME',
  "it's",
  'é€😀日本',
  '-i',
  '--',
  '\\d+\\.',
];

test('ACL patterns: hostile values are one word that reads back unchanged after --', () => {
  for (const v of HOSTILE) {
    const words = haproxyWords(`acl x path -m str ${cfgAclPattern(v, 'value')}`);
    assert.deepEqual(words, ['acl', 'x', 'path', '-m', 'str', '--', v], JSON.stringify(v));
  }
  assert.equal(cfgAclPattern('a#b', 'v'), '-- "a#b"');
  assert.equal(cfgAclPattern('\\', 'v'), '-- "\\\\"');
  assert.equal(cfgAclPattern('${HOME}', 'v'), '-- "\\${HOME}"');
  assert.equal(cfgAclPattern('/plain', 'v'), '-- /plain');
  for (const bad of ['', 'a\nb', 'a\rb', 'a\0b', 'a\u0085b', 'a\tb', '\ud800'])
    invalid(() => cfgAclPattern(bad, 'v'));
});

test('header fetches: HTTP tokens only, quoted when they hold # or $', () => {
  assert.equal(cfgHeaderFetch('X-Api-Version', 'k'), 'req.hdr(X-Api-Version)');
  assert.equal(cfgHeaderFetch('X-a#b$c', 'k'), '"req.hdr(X-a#b\\$c)"');
  assert.deepEqual(haproxyWords(cfgHeaderFetch('X-a#b$c', 'k')), ['req.hdr(X-a#b$c)']);
  for (const bad of ['', 'a,b', 'a(b', 'a)b', "a'b", 'a"b', 'a b', 'a\\b', 'é', 'a:b', 'a\nb']) {
    invalid(() => cfgHeaderFetch(bad, 'k'));
  }
  assert.equal(cfgDnFieldFetch('CN', 'k'), 'ssl_c_s_dn(CN)');
  for (const bad of ['', '1CN', 'C N', 'CN)', 'C_N']) invalid(() => cfgDnFieldFetch(bad, 'k'));
});

test('redirect targets: % doubled for log-format, no whitespace', () => {
  assert.equal(cfgRedirectTarget('https://x/a%20b', 'u'), 'https://x/a%%20b');
  assert.equal(cfgRedirectTarget('https://x/%[src]', 'u'), '"https://x/%%[src]"');
  assert.equal(cfgRedirectTarget('https://x/?a=$HOME#f', 'u'), '"https://x/?a=\\$HOME#f"');
  assert.equal(cfgRedirectTarget('https://www.example.com/', 'u'), 'https://www.example.com/');
  for (const bad of ['', 'https://x/a b', 'https://x/\n', 'https://x/\u00a0', 'https://x/\u2028']) {
    invalid(() => cfgRedirectTarget(bad, 'u'));
  }
});

test('TLS file paths are bare words under runDir/tls', () => {
  assert.equal(cfgTlsFilePath('/run/lb/', 'tls/a-cert-0.pem'), '/run/lb/tls/a-cert-0.pem');
  for (const name of ['a.pem', 'tls/', 'tls/../x', 'tls/a b', 'tls/a#b', 'tls/.hidden', 'tls/a/b']) {
    invalid(() => cfgTlsFilePath('/run/lb', name));
  }
  for (const dir of ['/run/lb dir', '/run/#x', '/run/$HOME', 'relative', '/run/"q"']) {
    invalid(() => cfgTlsFilePath(dir, 'tls/a.pem'));
  }
});

test('cipher lists accept OpenSSL names only', () => {
  assert.equal(
    cfgCipherList(['ECDHE-RSA-AES128-GCM-SHA256', '!aNULL', '@STRENGTH'], 'c'),
    'ECDHE-RSA-AES128-GCM-SHA256:!aNULL:@STRENGTH',
  );
  invalid(() => cfgCipherList([], 'c'));
  for (const bad of ['', 'A B', 'A:B', 'A#', 'A\n', '$X', 'A"']) invalid(() => cfgCipherList([bad], 'c'));
  assert.equal(isCipherName('TLS_AES_128_GCM_SHA256'), true);
  assert.equal(isCipherName('a b'), false);
});
