import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import type { ListenerRecord, PoolRecord } from '../model/records.js';
import { DEFAULT_TLS_CIPHERS } from '../rules/listener-defaults.js';
import {
  alpnWord,
  certificateFileContent,
  hstsLine,
  normalizePem,
  splitCiphers,
  tlsVersionRange,
} from './haproxy-tls.js';
import {
  GOLDEN_ENV,
  GOLDEN_RUN_DIR,
  PLACEHOLDER_PEMS,
  TLS_REFS,
  desired,
  listener,
  member,
  monitor,
  pool,
  tlsMaterial,
  uuid,
} from './render-fixtures.js';
import { renderHaproxy, renderHaproxyConfig, type HaproxyRenderEnv } from './render-haproxy-config.js';

const kind = (k: string, message?: RegExp) => (e: unknown) =>
  e instanceof DomainError && e.kind === k && (message === undefined || message.test(e.message));
const ENV: HaproxyRenderEnv = { ...GOLDEN_ENV, tls: tlsMaterial() };
const L1 = uuid('l', 1);
const P1 = uuid('p', 1);

function tlsListener(over: Partial<ListenerRecord> = {}): ListenerRecord {
  return listener(1, {
    protocol: 'TERMINATED_HTTPS',
    protocol_port: 443,
    default_tls_container_ref: TLS_REFS.default,
    ...over,
  });
}

const render = (listeners: ListenerRecord[], pools: PoolRecord[] = [pool(1)], env = ENV) =>
  renderHaproxy(desired({ listeners, pools, members: [member(1)] }), env);

const bindLine = (cfg: string): string => /^ {4}bind 203\.0\.113\.10:443 (.*)$/m.exec(cfg)?.[1] ?? '';

test('tls_versions map to an ssl-min-ver..ssl-max-ver range', () => {
  assert.deepEqual(tlsVersionRange(null, 'v'), { min: 'TLSv1.2', max: 'TLSv1.3' });
  assert.deepEqual(tlsVersionRange([], 'v'), { min: 'TLSv1.2', max: 'TLSv1.3' });
  assert.deepEqual(tlsVersionRange(['TLSv1.3'], 'v'), { min: 'TLSv1.3', max: 'TLSv1.3' });
  assert.deepEqual(tlsVersionRange(['TLSv1', 'TLSv1.1'], 'v'), { min: 'TLSv1.0', max: 'TLSv1.1' });
  // SSLv3 is skipped; a hole in the list cannot be expressed, min..max is used.
  assert.deepEqual(tlsVersionRange(['SSLv3', 'TLSv1.3', 'TLSv1.1'], 'v'), { min: 'TLSv1.1', max: 'TLSv1.3' });
  assert.throws(() => tlsVersionRange(['SSLv3'], 'v'), kind('invalid'));
  assert.throws(() => tlsVersionRange(['TLSv1.4'], 'v'), kind('invalid'));
  assert.throws(() => tlsVersionRange(['TLSv1.2 no-tlsv13'], 'v'), kind('invalid'));
});

test('ciphers split into ciphers (TLS <= 1.2) and ciphersuites (TLS 1.3), with Octavia fallback', () => {
  assert.deepEqual(
    splitCiphers('TLS_AES_256_GCM_SHA384:ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256'),
    {
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
      ciphersuites: 'TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256',
    },
  );
  assert.deepEqual(splitCiphers('TLS_AES_128_GCM_SHA256'), { ciphersuites: 'TLS_AES_128_GCM_SHA256' });
  assert.deepEqual(splitCiphers('HIGH:!aNULL:@STRENGTH'), { ciphers: 'HIGH:!aNULL:@STRENGTH' });
  const defaults = splitCiphers(null);
  assert.equal(
    defaults.ciphersuites,
    'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256',
  );
  assert.ok(defaults.ciphers?.startsWith('ECDHE-ECDSA-AES128-GCM-SHA256:'));
  assert.equal(`${defaults.ciphersuites}:${defaults.ciphers}`, DEFAULT_TLS_CIPHERS);
  // Anything that could break out of the word, or an empty name, falls back to the default.
  for (const bad of ['A B', 'A#x', 'A\nbind :1', 'A::B', 'A"', '$HOME', '', 'A:']) {
    assert.deepEqual(splitCiphers(bad), defaults, JSON.stringify(bad));
  }
});

test('ALPN: default list, only h2/http1.x allowed, empty list omits the keyword', () => {
  assert.equal(alpnWord(null, 'a'), 'h2,http/1.1,http/1.0');
  assert.equal(alpnWord(['http/1.1', 'h2', 'http/1.1'], 'a'), 'http/1.1,h2');
  assert.equal(alpnWord([], 'a'), undefined);
  assert.throws(() => alpnWord(['h3'], 'a'), kind('invalid'));
  assert.throws(() => alpnWord(['h2 verify none'], 'a'), kind('invalid'));
});

test('HSTS keeps Octavia format and goes in http-after-response', () => {
  const l = (o: Partial<ListenerRecord>) => tlsListener(o);
  assert.equal(hstsLine(l({})), undefined);
  assert.equal(
    hstsLine(l({ hsts_max_age: 0 })),
    'http-after-response set-header Strict-Transport-Security "max-age=0;"',
  );
  assert.equal(
    hstsLine(l({ hsts_max_age: 10, hsts_include_subdomains: true, hsts_preload: true })),
    'http-after-response set-header Strict-Transport-Security "max-age=10; includeSubDomains; preload;"',
  );
  assert.throws(() => hstsLine(l({ hsts_max_age: -1 })), kind('invalid'));
});

test('PEM content is normalized block by block and non-PEM is refused', () => {
  const body = 'QUJD'.repeat(16);
  const messy = `junk before\r\n-----BEGIN CERTIFICATE-----\r\n\r\n ${body} \r\n\r\nQUJD\r\n-----END CERTIFICATE-----\r\n\n\ntrailer`;
  assert.equal(
    normalizePem(messy, ['CERTIFICATE'], 'c'),
    `-----BEGIN CERTIFICATE-----\n${body}\nQUJD\n-----END CERTIFICATE-----\n`,
  );
  assert.throws(() => normalizePem('not a pem', ['CERTIFICATE'], 'c'), kind('invalid'));
  assert.throws(() => normalizePem('', ['CERTIFICATE'], 'c'), kind('invalid'));
  assert.throws(
    () =>
      normalizePem(`-----BEGIN CERTIFICATE-----\n${body}\n-----END X509 CRL-----\n`, ['CERTIFICATE'], 'c'),
    kind('invalid'),
  );
  assert.throws(
    () =>
      normalizePem(
        `-----BEGIN CERTIFICATE-----\nset ssl cert x\n-----END CERTIFICATE-----\n`,
        ['CERTIFICATE'],
        'c',
      ),
    kind('invalid'),
  );
  assert.throws(
    () =>
      normalizePem(
        `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`,
        ['PRIVATE KEY'],
        'k',
      ),
    kind('invalid'),
  );
  const content = certificateFileContent({
    certificate: PLACEHOLDER_PEMS.certs.default.cert,
    privateKey: `\n\n${PLACEHOLDER_PEMS.certs.default.key}\n\n`,
    intermediates: [PLACEHOLDER_PEMS.ca],
  });
  assert.equal(content.match(/-----BEGIN /g)?.length, 3);
  assert.doesNotMatch(content, /\n\n|\r/);
  assert.ok(content.endsWith('-----END CERTIFICATE-----\n'));
});

test('TERMINATED_HTTPS bind: option order, crt-list, client auth, versions, ciphers, ALPN', () => {
  const { cfg, files } = render([
    tlsListener({
      sni_container_refs: [TLS_REFS.sniA, TLS_REFS.default, TLS_REFS.sniA, TLS_REFS.sniB],
      client_ca_tls_container_ref: TLS_REFS.clientCa,
      client_authentication: 'OPTIONAL',
      client_crl_container_ref: TLS_REFS.clientCrl,
      tls_versions: ['TLSv1.3'],
      tls_ciphers: 'TLS_AES_128_GCM_SHA256',
      alpn_protocols: ['h2'],
    }),
  ]);
  const tls = `${GOLDEN_RUN_DIR}/tls/${L1}`;
  assert.equal(
    bindLine(cfg),
    `ssl crt-list ${tls}.crtlist ca-file ${tls}-client-ca.pem verify optional crl-file ${tls}-client-crl.pem ` +
      'ciphersuites TLS_AES_128_GCM_SHA256 ssl-min-ver TLSv1.3 ssl-max-ver TLSv1.3 alpn h2',
  );
  assert.deepEqual(
    files.map((f) => [f.name, f.kind]),
    [
      [`tls/${L1}-cert-0.pem`, 'certificate'],
      [`tls/${L1}-cert-1.pem`, 'certificate'],
      [`tls/${L1}-cert-2.pem`, 'certificate'],
      [`tls/${L1}-client-ca.pem`, 'ca'],
      [`tls/${L1}-client-crl.pem`, 'crl'],
      [`tls/${L1}.crtlist`, 'crt-list'],
    ],
  );
  // Default first, then SNI refs in API order, each once.
  assert.equal(files[5]?.content, `${tls}-cert-0.pem\n${tls}-cert-1.pem\n${tls}-cert-2.pem\n`);
  assert.equal(
    files[0]?.content,
    `${PLACEHOLDER_PEMS.certs.default.cert}${PLACEHOLDER_PEMS.certs.default.key}`,
  );
  assert.equal(files[1]?.content, `${PLACEHOLDER_PEMS.certs.sniA.cert}${PLACEHOLDER_PEMS.certs.sniA.key}`);
  assert.match(cfg, /^ {4}mode http$/m);
  assert.match(cfg, /^ {4}http-request redirect scheme https unless \{ ssl_fc \}$/m);
});

test('client auth follows §1.2: only with a CA; NONE still renders verify none; CRL only with a CA', () => {
  const none = bindLine(render([tlsListener({ client_ca_tls_container_ref: TLS_REFS.clientCa })]).cfg);
  assert.match(none, /ca-file \S+-client-ca\.pem verify none ciphers/);
  const mandatory = render([
    tlsListener({ client_ca_tls_container_ref: TLS_REFS.clientCa, client_authentication: 'MANDATORY' }),
  ]).cfg;
  assert.match(bindLine(mandatory), /verify required ciphers/);
  const noCa = render([
    tlsListener({ client_authentication: 'MANDATORY', client_crl_container_ref: TLS_REFS.clientCrl }),
  ]);
  assert.doesNotMatch(bindLine(noCa.cfg), /ca-file|verify|crl-file/);
  assert.deepEqual(noCa.files.map((f) => f.kind).sort(), ['certificate', 'crt-list']);
});

test('a ref missing from the TLS material is "Could not retrieve certificate"', () => {
  const missing = 'https://kms.example/v1/containers/gone';
  assert.throws(
    () => render([tlsListener({ sni_container_refs: [missing] })]),
    kind('invalid', /^Could not retrieve certificate: https:\/\/kms\.example\/v1\/containers\/gone$/),
  );
  assert.throws(
    () => render([tlsListener({ client_ca_tls_container_ref: missing })]),
    kind('invalid', /Could not retrieve certificate/),
  );
  assert.throws(
    () => render([listener(1)], [pool(1, { tls_enabled: true, ca_tls_container_ref: missing })]),
    kind('invalid', /Could not retrieve certificate/),
  );
  // No material at all (env.tls absent) behaves like empty material.
  assert.throws(
    () => render([tlsListener()], [pool(1)], GOLDEN_ENV),
    kind('invalid', /Could not retrieve certificate/),
  );
  assert.throws(() => render([tlsListener({ default_tls_container_ref: null })]), kind('invalid'));
  // A CA ref whose content is a certificate+key container is not accepted as a CRL.
  const env = { ...GOLDEN_ENV, tls: { ...tlsMaterial(), pems: new Map([[TLS_REFS.clientCa, 'garbage']]) } };
  assert.throws(
    () => render([tlsListener({ client_ca_tls_container_ref: TLS_REFS.clientCa })], [pool(1)], env),
    kind('invalid'),
  );
});

test('hostile refs never reach haproxy.cfg or the crt-list: only file paths do', () => {
  const hostile = 'ref with spaces #comment\n"quoted" $HOME';
  const material = tlsMaterial();
  const env: HaproxyRenderEnv = {
    ...GOLDEN_ENV,
    tls: {
      certificates: new Map([
        ...material.certificates,
        [hostile, material.certificates.get(TLS_REFS.default)!],
      ]),
      pems: new Map([...material.pems, [hostile, PLACEHOLDER_PEMS.ca]]),
    },
  };
  const { cfg, files } = render(
    [tlsListener({ default_tls_container_ref: hostile, client_ca_tls_container_ref: hostile })],
    [pool(1, { tls_enabled: true, tls_container_ref: hostile, ca_tls_container_ref: hostile })],
    env,
  );
  for (const text of [
    cfg,
    ...files.map((f) => f.name),
    ...files.filter((f) => f.kind === 'crt-list').map((f) => f.content),
  ]) {
    assert.doesNotMatch(text, /spaces|#comment|quoted|\$HOME|kms\.example/);
  }
  for (const f of files) assert.match(f.name, /^tls\/[A-Za-z0-9][A-Za-z0-9._-]*$/);
});

test('TLS file paths need a runDir that is a bare word', () => {
  assert.throws(() => render([tlsListener()], [pool(1)], { ...ENV, runDir: '/run/lb dir' }), kind('invalid'));
  // Without TLS the same runDir still renders (quoted), as before.
  assert.doesNotThrow(() =>
    renderHaproxyConfig(desired({ listeners: [listener(1)] }), { ...ENV, runDir: '/run/lb dir' }),
  );
});

test('file names are per slot: rotating certificate content changes files, never haproxy.cfg', () => {
  const state = desired({
    listeners: [
      tlsListener({ sni_container_refs: [TLS_REFS.sniA], client_ca_tls_container_ref: TLS_REFS.clientCa }),
    ],
    pools: [
      pool(1, {
        tls_enabled: true,
        tls_container_ref: TLS_REFS.poolCert,
        ca_tls_container_ref: TLS_REFS.poolCa,
      }),
    ],
    members: [member(1)],
  });
  const before = renderHaproxy(state, ENV);
  const rotated = tlsMaterial({
    ...PLACEHOLDER_PEMS,
    certs: {
      ...PLACEHOLDER_PEMS.certs,
      default: PLACEHOLDER_PEMS.certs.sniB,
      poolCert: PLACEHOLDER_PEMS.certs.sniA,
    },
    ca: PLACEHOLDER_PEMS.certs.sniB.cert,
  });
  const after = renderHaproxy(state, { ...ENV, tls: rotated });
  assert.equal(after.cfg, before.cfg);
  assert.deepEqual(
    after.files.map((f) => f.name),
    before.files.map((f) => f.name),
  );
  assert.notDeepEqual(after.files, before.files);
  // Adding an SNI certificate changes the crt-list and adds a file, still not the cfg.
  const more = renderHaproxy(
    { ...state, listeners: [{ ...state.listeners[0]!, sni_container_refs: [TLS_REFS.sniA, TLS_REFS.sniB] }] },
    ENV,
  );
  assert.equal(more.cfg, before.cfg);
  assert.equal(more.files.length, before.files.length + 1);
});

test('disabled listeners and pools render no files; tls refs of non-TLS pools are ignored', () => {
  assert.deepEqual(render([tlsListener({ admin_state_up: false })]).files, []);
  const offPool = render(
    [tlsListener()],
    [pool(1, { admin_state_up: false, tls_enabled: true, ca_tls_container_ref: TLS_REFS.poolCa })],
  );
  assert.ok(offPool.files.every((f) => !f.name.includes(P1)));
  const plain = render(
    [listener(1)],
    [pool(1, { tls_enabled: false, ca_tls_container_ref: 'https://missing' })],
  );
  assert.deepEqual(plain.files, []);
  assert.doesNotMatch(plain.cfg, / ssl /);
});

test('pool re-encryption: verify logic, SNI only behind TLS listeners, shared pool files, checks', () => {
  const tlsPool = pool(1, {
    tls_enabled: true,
    tls_container_ref: TLS_REFS.poolCert,
    ca_tls_container_ref: TLS_REFS.poolCa,
    crl_container_ref: TLS_REFS.poolCrl,
    tls_versions: ['TLSv1.2'],
    alpn_protocols: ['http/1.1'],
  });
  const state = desired({
    listeners: [tlsListener(), listener(2, { protocol: 'HTTP', protocol_port: 80 })],
    pools: [tlsPool],
    members: [member(1)],
    healthMonitors: [monitor(1, { type: 'HTTPS' })],
  });
  const { cfg, files } = renderHaproxy(state, ENV);
  const servers = cfg.split('\n').filter((l) => /^ {4}server /.test(l));
  assert.equal(servers.length, 2);
  const p = `${GOLDEN_RUN_DIR}/tls/${P1}`;
  const tail =
    `ssl crt ${p}-client-cert.pem ca-file ${p}-ca.pem crl-file ${p}-crl.pem verify required` +
    '%SNI% ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:' +
    'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES128-GCM-SHA256:' +
    'DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305 ciphersuites TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:' +
    'TLS_CHACHA20_POLY1305_SHA256 ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2 alpn http/1.1';
  // Listener 1 (TERMINATED_HTTPS) forwards the client's SNI; listener 2 (HTTP) has none to forward.
  // (Frontends are ordered by port: listener 2 on 80 comes first.)
  assert.ok(servers[0]?.endsWith(tail.replace('%SNI%', '')), servers[0]);
  assert.ok(servers[1]?.endsWith(tail.replace('%SNI%', ' sni ssl_fc_sni')), servers[1]);
  for (const s of servers) assert.match(s, / check check-ssl check-alpn http\/1\.1 inter /);
  assert.doesNotMatch(cfg, /verify none/);
  // One file set per pool, whichever listeners use it.
  assert.deepEqual(
    files.filter((f) => f.name.includes(P1)).map((f) => [f.name, f.kind]),
    [
      [`tls/${P1}-ca.pem`, 'ca'],
      [`tls/${P1}-client-cert.pem`, 'certificate'],
      [`tls/${P1}-crl.pem`, 'crl'],
    ],
  );
  // No CA: verify none, and no CRL even when one is set.
  const noCa = render([listener(1)], [pool(1, { tls_enabled: true, crl_container_ref: TLS_REFS.poolCrl })]);
  assert.match(noCa.cfg, / ssl verify none ciphers /);
  assert.deepEqual(noCa.files, []);
  // Without tls_enabled, an HTTPS monitor keeps check-ssl verify none and no check-alpn.
  const plainPool = renderHaproxyConfig(
    desired({
      listeners: [listener(1)],
      pools: [pool(1)],
      members: [member(1)],
      healthMonitors: [monitor(1, { type: 'HTTPS' })],
    }),
    ENV,
  );
  assert.match(plainPool, / check check-ssl verify none inter /);
  assert.doesNotMatch(plainPool, /check-alpn| ssl /);
});

test('X-SSL-* headers only on TERMINATED_HTTPS, X-Forwarded-Proto https there', () => {
  const headers = {
    'X-Forwarded-Proto': 'true',
    'X-SSL-Client-Verify': 'TRUE',
    'X-SSL-Client-CN': 'true',
    'X-SSL-Issuer': 'false',
  };
  const tlsCfg = render([tlsListener({ insert_headers: headers })]).cfg;
  assert.match(tlsCfg, /^ {4}http-request set-header X-Forwarded-Proto https$/m);
  assert.match(tlsCfg, /^ {4}http-request set-header X-SSL-Client-Verify %\[ssl_c_verify\]$/m);
  assert.match(tlsCfg, /^ {4}http-request set-header X-SSL-Client-CN %\{\+Q\}\[ssl_c_s_dn\(cn\)\]$/m);
  assert.doesNotMatch(tlsCfg, /X-SSL-Issuer/);
  const httpCfg = render([listener(1, { insert_headers: headers })]).cfg;
  assert.match(httpCfg, /X-Forwarded-Proto http$/m);
  assert.doesNotMatch(httpCfg, /X-SSL/);
});
