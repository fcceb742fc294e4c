import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  freePort,
  killRecordedMaster,
  realApplier,
  sha256,
  skipWithoutHaproxy,
  tempDir,
} from '../../packages/agent/src/test-support/haproxy-test-kit.js';
import {
  servedCertificate,
  skipWithoutTlsTools,
  testPki,
  type TestCert,
  type TestPki,
} from '../../packages/agent/src/test-support/tls-test-kit.js';
import type { DesiredState } from '../../packages/core/src/plan/load-balancer-tree.js';
import { TLS_GOLDEN_SCENARIOS } from '../../packages/core/src/render/golden-scenarios-fixtures.js';
import {
  GOLDEN_RUN_DIR,
  LB,
  TLS_REFS,
  desired,
  lb,
  listener,
  member,
  monitor,
  pool,
  tlsMaterial,
  uuid,
  type TlsFixturePems,
} from '../../packages/core/src/render/render-fixtures.js';
import { renderHaproxy } from '../../packages/core/src/render/render-haproxy-config.js';
import type { RenderedFile, TlsMaterial } from '../../packages/core/src/render/tls-material.js';

// Real TLS through a real HAProxy 2.6 running the renderer's TERMINATED_HTTPS and re-encryption output on
// 127.0.0.1, driven by curl and openssl s_client: SNI, client authentication (CA, CRL, OPTIONAL), X-SSL-*
// headers, TLS versions, ALPN/h2, HSTS, and pools that re-encrypt towards Node HTTPS members (CA checks and
// client certificates). Also `haproxy -c` on the TLS golden files with real PEM files in place.

const skip = skipWithoutHaproxy() || skipWithoutTlsTools();
const goldenTlsDir = fileURLToPath(new URL('../../packages/core/src/render/golden/tls/', import.meta.url));

/** Writes rendered TLS files under `<lbDir>/tls/` (0700 dir, 0600 files) for a bare `haproxy -c`. */
async function writeTlsFiles(lbDir: string, files: readonly RenderedFile[]): Promise<void> {
  await mkdir(join(lbDir, 'tls'), { recursive: true, mode: 0o700 });
  for (const f of files) {
    const path = join(lbDir, f.name);
    await writeFile(path, f.content, { mode: 0o600 });
    await chmod(path, 0o600);
  }
}

interface Pki {
  pki: TestPki;
  ca: TestCert;
  otherCa: TestCert;
  pems: TlsFixturePems;
  clientGood: TestCert;
  clientRevoked: TestCert;
  otherCaPem: string;
  backend: TestCert;
}

let pkiState: Pki | undefined;
function state(): Pki {
  if (pkiState === undefined) throw new Error('PKI not created');
  return pkiState;
}

before(() => {
  if (skip) return;
  const pki = testPki();
  const ca = pki.ca('test-ca');
  const otherCa = pki.ca('other-ca');
  const server = (name: string, cn: string) => ca.issue(name, { cn, sans: [cn] });
  const def = server('default', 'default.example');
  const a = server('sni-a', 'a.example');
  const b = server('sni-b', 'b.example');
  const poolClient = ca.issue('pool-client', { cn: 'haproxy pool', client: true });
  const clientGood = ca.issue('client-good', { cn: 'client one', client: true });
  const clientRevoked = ca.issue('client-revoked', { cn: 'client revoked', client: true });
  const backend = ca.issue('backend', { cn: 'a.example', sans: ['a.example', '127.0.0.1'] });
  const pair = (c: TestCert) => ({ cert: c.certPem, key: c.keyPem });
  pkiState = {
    pki,
    ca,
    otherCa,
    clientGood,
    clientRevoked,
    backend,
    otherCaPem: otherCa.certPem,
    pems: {
      certs: { default: pair(def), sniA: pair(a), sniB: pair(b), poolCert: pair(poolClient) },
      ca: ca.certPem,
      crl: ca.crl([clientRevoked]),
    },
  };
});

after(() => pkiState?.pki.remove());

// ---------------------------------------------------------------------------------------------------------
// haproxy -c on the TLS golden files

test('haproxy -c accepts every TLS golden file with real PEM files in place', { skip }, async () => {
  const work = await mkdtemp(join(tmpdir(), 'lbaas-tls-golden-'));
  try {
    for (const [name, scenario] of Object.entries(TLS_GOLDEN_SCENARIOS)) {
      const runDir = join(work, name);
      const rendered = renderHaproxy(scenario, { runDir, maxconn: 50000, tls: tlsMaterial(state().pems) });
      // File names never depend on content: the real rendering is the golden file with another runDir.
      const golden = (await readFile(join(goldenTlsDir, `${name}.cfg`), 'utf8'))
        .split(GOLDEN_RUN_DIR)
        .join(runDir);
      assert.equal(rendered.cfg, golden);
      await writeTlsFiles(runDir, rendered.files);
      const cfg = join(runDir, 'haproxy.cfg');
      await writeFile(cfg, rendered.cfg);
      const r = spawnSync('haproxy', ['-c', '-f', cfg], { encoding: 'utf8', timeout: 20_000 });
      const output = `${r.stdout}${r.stderr}`;
      assert.equal(r.status, 0, `${name}\n${output}`);
      const warnings = output
        .split('\n')
        .filter((l) => l.includes('[WARNING]') && !l.includes('server state file'));
      assert.deepEqual(warnings, [], name);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Real traffic

interface CurlResult {
  ok: boolean;
  exitCode: number;
  status: number;
  httpVersion: string;
  headers: string;
  body: string;
  stderr: string;
}

/** curl (argv, bounded) to https://<host>:<port>/ resolved to 127.0.0.1. */
async function curl(host: string, port: number, extra: readonly string[] = []): Promise<CurlResult> {
  const dir = await mkdtemp(join(tmpdir(), 'lbaas-curl-'));
  try {
    const args = [
      '-sS',
      '--connect-timeout',
      '3',
      '--max-time',
      '8',
      '--resolve',
      `${host}:${port}:127.0.0.1`,
      '--cacert',
      state().ca.certPath,
      '-D',
      join(dir, 'h'),
      '-o',
      join(dir, 'b'),
      '-w',
      '%{http_code} %{http_version}',
      ...extra,
      `https://${host}:${port}/`,
    ];
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
      (resolve) => {
        execFile('curl', args, { timeout: 15_000, encoding: 'utf8' }, (error, out, err) => {
          const c = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
          resolve({ code: c, stdout: out, stderr: err });
        });
      },
    );
    const [status = '0', httpVersion = ''] = stdout.trim().split(' ');
    const read = (f: string) => readFile(join(dir, f), 'utf8').catch(() => '');
    return {
      ok: code === 0 && status !== '000',
      exitCode: code,
      status: Number(status),
      httpVersion,
      headers: await read('h'),
      body: await read('b'),
      stderr,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Subject of the certificate HAProxy presents for `servername` ('' when the handshake fails). */
async function presentedSubject(port: number, servername: string | undefined): Promise<string> {
  const served = await servedCertificate('127.0.0.1', port, servername);
  return served === undefined ? '' : `subject=${served.subject}`;
}

function clientCert(c: TestCert): string[] {
  return ['--cert', c.certPath, '--key', c.keyPath];
}

/** Plain HTTP member echoing the request headers as JSON. */
function echo(req: IncomingMessage, res: ServerResponse, extra: Record<string, unknown> = {}): void {
  res.setHeader('content-type', 'application/json');
  res.setHeader('connection', 'close');
  res.end(JSON.stringify({ headers: req.headers, ...extra }));
}

interface Member {
  port: number;
  close(): Promise<void>;
}

async function listen(server: ReturnType<typeof createHttpServer>): Promise<Member> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A load balancer running `build(ports)` with real material; cleaned up when the test ends. */
async function runLoadBalancer(
  t: { after(fn: () => Promise<void>): void },
  make: () => DesiredState,
  material: TlsMaterial,
): Promise<ReturnType<typeof realApplier>> {
  const base = await tempDir();
  const dir = join(base.path, LB);
  const applier = realApplier(base.path);
  t.after(async () => {
    await applier.remove(LB).catch(() => undefined);
    await killRecordedMaster(dir);
    await base.remove();
  });
  const rendered = renderHaproxy(make(), { runDir: dir, maxconn: 1000, tls: material });
  // The applier writes the files itself (tls/ 0700, files 0600) before checking the config.
  await applier.apply({
    loadBalancerId: LB,
    revision: 1,
    hash: sha256(JSON.stringify(rendered)),
    haproxyCfg: rendered.cfg,
    files: rendered.files,
  });
  return applier;
}

/** Polls (bounded) until `probe` holds. */
async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string): Promise<T> {
  let last: T | undefined;
  for (let i = 0; i < 50; i++) {
    last = await probe();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`${what}: last ${JSON.stringify(last)}`);
}

test('TERMINATED_HTTPS: SNI, client auth, CRL, X-SSL headers, versions, h2, HSTS', { skip }, async (t) => {
  const backend = await listen(createHttpServer((req, res) => echo(req, res)));
  t.after(() => backend.close());
  const [mandatoryPort, optionalPort] = [await freePort(), await freePort()];
  const headers = Object.fromEntries(
    [
      'X-Forwarded-For',
      'X-Forwarded-Proto',
      'X-SSL-Client-Verify',
      'X-SSL-Client-Has-Cert',
      'X-SSL-Client-DN',
      'X-SSL-Client-CN',
      'X-SSL-Issuer',
    ].map((h) => [h, 'true']),
  );
  await runLoadBalancer(
    t,
    () =>
      desired({
        loadBalancer: lb({ vip_address: '127.0.0.1' }),
        listeners: [
          listener(1, {
            protocol: 'TERMINATED_HTTPS',
            protocol_port: mandatoryPort,
            default_tls_container_ref: TLS_REFS.default,
            sni_container_refs: [TLS_REFS.sniA, TLS_REFS.sniB],
            client_ca_tls_container_ref: TLS_REFS.clientCa,
            client_authentication: 'MANDATORY',
            client_crl_container_ref: TLS_REFS.clientCrl,
            hsts_max_age: 31536000,
            hsts_include_subdomains: true,
            hsts_preload: true,
            insert_headers: headers,
          }),
          listener(2, {
            protocol: 'TERMINATED_HTTPS',
            protocol_port: optionalPort,
            default_tls_container_ref: TLS_REFS.default,
            sni_container_refs: [TLS_REFS.sniB, TLS_REFS.sniA],
            client_ca_tls_container_ref: TLS_REFS.clientCa,
            client_authentication: 'OPTIONAL',
            tls_versions: ['TLSv1.3'],
            insert_headers: headers,
          }),
        ],
        pools: [pool(1)],
        members: [member(1, { address: '127.0.0.1', protocol_port: backend.port })],
      }),
    tlsMaterial(state().pems),
  );
  const good = clientCert(state().clientGood);
  const first = await eventually(
    () => curl('a.example', mandatoryPort, good),
    (r) => r.status === 200,
    'listener with a good client certificate never answered 200',
  );

  // SNI picks the certificate by name; anything else (or no SNI) gets the default. (s_client on the
  // OPTIONAL listener: it prints nothing when the handshake fails for want of a client certificate.)
  const cn = (servername: string | undefined) => presentedSubject(optionalPort, servername);
  assert.match(await cn('a.example'), /CN\s*=\s*a\.example/);
  assert.match(await cn('b.example'), /CN\s*=\s*b\.example/);
  assert.match(await cn('other.example'), /CN\s*=\s*default\.example/);
  assert.match(await cn(undefined), /CN\s*=\s*default\.example/);

  // curl verifies each name against the test CA: the right certificate is served per host.
  for (const host of ['a.example', 'b.example', 'default.example']) {
    const r = await curl(host, mandatoryPort, good);
    assert.equal(r.status, 200, `${host}: ${r.stderr}`);
  }

  // X-SSL-* and X-Forwarded-Proto reach the member.
  const seen = (JSON.parse(first.body) as { headers: Record<string, string> }).headers;
  assert.equal(seen['x-ssl-client-verify'], '0');
  assert.equal(seen['x-ssl-client-has-cert'], '1');
  assert.match(seen['x-ssl-client-cn'] ?? '', /client one/);
  assert.match(seen['x-ssl-client-dn'] ?? '', /CN=client one/);
  assert.match(seen['x-ssl-issuer'] ?? '', /CN=test-ca/);
  assert.equal(seen['x-forwarded-proto'], 'https');
  assert.equal(seen['x-forwarded-for'], '127.0.0.1');

  // HSTS with Octavia's exact value.
  assert.match(
    first.headers,
    /^strict-transport-security: max-age=31536000; includeSubDomains; preload;\r?$/im,
  );

  // h2 through ALPN (default h2,http/1.1,http/1.0).
  const h2 = await curl('a.example', mandatoryPort, [...good, '--http2']);
  assert.equal(h2.status, 200);
  assert.equal(h2.httpVersion, '2');
  const h1 = await curl('a.example', mandatoryPort, [...good, '--http1.1']);
  assert.equal(h1.httpVersion, '1.1');

  // MANDATORY: no certificate, a certificate from another CA, or a revoked one never gets an answer.
  const none = await curl('a.example', mandatoryPort);
  assert.equal(none.ok, false, `no client certificate got through: ${none.status}`);
  const revoked = await curl('a.example', mandatoryPort, clientCert(state().clientRevoked));
  assert.equal(revoked.ok, false, `revoked client certificate got through: ${revoked.status}`);
  const stranger = state().pki.ca('stranger-ca').issue('stranger', { cn: 'stranger', client: true });
  const foreign = await curl('a.example', mandatoryPort, clientCert(stranger));
  assert.equal(foreign.ok, false, `foreign client certificate got through: ${foreign.status}`);

  // OPTIONAL: no certificate passes (and says so); a good one is verified.
  const anonymous = await curl('a.example', optionalPort);
  assert.equal(anonymous.status, 200, anonymous.stderr);
  const anonHeaders = (JSON.parse(anonymous.body) as { headers: Record<string, string> }).headers;
  assert.equal(anonHeaders['x-ssl-client-has-cert'], '0');
  const withCert = await curl('a.example', optionalPort, good);
  assert.equal(withCert.status, 200);

  // TLSv1.3-only listener: a TLS 1.2 client is refused, TLS 1.3 works; the 1.2+1.3 listener takes 1.2.
  const tls12 = await curl('a.example', optionalPort, ['--tlsv1.2', '--tls-max', '1.2']);
  assert.equal(tls12.ok, false, `TLS 1.2 client accepted by a TLSv1.3-only listener: ${tls12.status}`);
  const tls13 = await curl('a.example', optionalPort, ['--tlsv1.3']);
  assert.equal(tls13.status, 200, tls13.stderr);
  const tls12ok = await curl('a.example', mandatoryPort, [...good, '--tlsv1.2', '--tls-max', '1.2']);
  assert.equal(tls12ok.status, 200, tls12ok.stderr);
});

test('re-encryption: CA verification, pool client certificate, HTTPS monitor', { skip }, async (t) => {
  const s = state();
  // A member that only talks TLS with a certificate from the test CA and demands a client certificate.
  const member443 = await listen(
    createHttpsServer(
      {
        cert: s.backend.certPem,
        key: s.backend.keyPem,
        ca: s.ca.certPem,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        echo(req, res, { peerCn: peer.subject?.CN, servername: (req.socket as TLSSocket).servername });
      },
    ) as unknown as ReturnType<typeof createHttpServer>,
  );
  t.after(() => member443.close());
  const [rightPort, wrongPort, plainPort] = [await freePort(), await freePort(), await freePort()];
  const WRONG_CA = 'https://kms.example/v1/secrets/wrong-ca';
  const base = tlsMaterial(s.pems);
  const material: TlsMaterial = {
    certificates: base.certificates,
    pems: new Map([...base.pems, [WRONG_CA, s.otherCaPem]]),
  };
  const applier = await runLoadBalancer(
    t,
    () =>
      desired({
        loadBalancer: lb({ vip_address: '127.0.0.1' }),
        listeners: [
          listener(1, {
            protocol: 'TERMINATED_HTTPS',
            protocol_port: rightPort,
            default_tls_container_ref: TLS_REFS.sniA,
            default_pool_id: uuid('p', 1),
          }),
          listener(2, {
            protocol: 'TERMINATED_HTTPS',
            protocol_port: wrongPort,
            default_tls_container_ref: TLS_REFS.sniA,
            default_pool_id: uuid('p', 2),
          }),
          // A plain HTTP listener in front of the same re-encrypting pool (no SNI to forward).
          listener(3, { protocol: 'HTTP', protocol_port: plainPort, default_pool_id: uuid('p', 1) }),
        ],
        pools: [
          pool(1, {
            tls_enabled: true,
            tls_container_ref: TLS_REFS.poolCert,
            ca_tls_container_ref: TLS_REFS.poolCa,
            crl_container_ref: TLS_REFS.poolCrl,
            alpn_protocols: ['http/1.1'],
          }),
          pool(2, {
            tls_enabled: true,
            tls_container_ref: TLS_REFS.poolCert,
            ca_tls_container_ref: WRONG_CA,
          }),
        ],
        members: [
          member(1, { address: '127.0.0.1', protocol_port: member443.port }),
          member(2, { pool_id: uuid('p', 2), address: '127.0.0.1', protocol_port: member443.port }),
        ],
        healthMonitors: [
          monitor(1, { type: 'HTTPS', delay: 1, timeout: 1, max_retries: 1, max_retries_down: 1 }),
        ],
      }),
    material,
  );
  const right = await eventually(
    () => curl('a.example', rightPort),
    (r) => r.status === 200,
    're-encrypting pool with the right CA never answered 200',
  );
  const body = JSON.parse(right.body) as { peerCn?: string; servername?: string };
  // The member saw HAProxy's pool client certificate, and the client's SNI was passed on.
  assert.equal(body.peerCn, 'haproxy pool');
  assert.equal(body.servername, 'a.example');

  // Same member, but the pool trusts another CA: HAProxy refuses the member, the client gets a 503.
  const wrong = await curl('a.example', wrongPort);
  assert.equal(wrong.status, 503, wrong.stderr);

  // The plain HTTP listener reaches the same member over TLS (verified against the CA, no SNI).
  const plain = await eventually(
    () =>
      new Promise<{ status: number; body: string }>((resolve) => {
        execFile(
          'curl',
          ['-sS', '--max-time', '5', '-w', '\n%{http_code}', `http://127.0.0.1:${plainPort}/`],
          { timeout: 10_000, encoding: 'utf8' },
          (_e, out) => {
            const lines = out.trimEnd().split('\n');
            resolve({ status: Number(lines.pop()), body: lines.join('\n') });
          },
        );
      }),
    (r) => r.status === 200,
    'plain listener through a re-encrypting pool',
  );
  assert.equal((JSON.parse(plain.body) as { peerCn?: string }).peerCn, 'haproxy pool');

  // The HTTPS monitor's checks use the pool's TLS settings (client certificate, CA) and pass at layer 7.
  const memberId = uuid('m', 1);
  await eventually(
    async () =>
      (await applier.stats(LB))
        .filter((r) => r.type === 'server' && r.svname === memberId)
        .map((r) => r.checkStatus),
    (statuses) => statuses.length > 0 && statuses.every((c) => c === 'L7OK'),
    'HTTPS health checks of the re-encrypting pool never reported L7OK',
  );
});
