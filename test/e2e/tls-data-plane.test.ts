// End to end for TLS through the real data plane: certificates stored in the key manager (/key-manager/v1),
// TERMINATED_HTTPS listeners and re-encrypting pools created through the Octavia API of a real `lbaas up`,
// whose embedded agent writes the PEM files and runs HAProxy; real TLS clients (curl, openssl s_client,
// node https) on loopback. Every loop is bounded in count and time.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import {
  createServer as createHttpServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, request as httpsRequest } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import { after, before, test } from 'node:test';
import {
  servedCertificate,
  skipWithoutTlsTools,
  testPki,
  type TestCa,
  type TestCert,
  type TestPki,
} from '../../packages/agent/src/test-support/tls-test-kit.js';
import { LbaasApi, type LoadBalancer } from '../support/lbaas-api.js';
import { haproxyWorkerPid } from '../support/lbaas-up-process.js';
import { sharedLbaasUp } from '../support/shared-lbaas-up.js';
import { freePort } from '../support/traffic.js';

const hasHaproxy = spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasHaproxy && process.env.CI)
  throw new Error('CI must run the TLS end-to-end tests, but `haproxy` is missing');
const skip =
  (hasHaproxy ? false : 'haproxy not installed (apt-get install haproxy)') || skipWithoutTlsTools();

const up = sharedLbaasUp(skip);
type Obj = Record<string, unknown>;

let pki: TestPki;
let ca: TestCa;
let otherCa: TestCa;
let www: TestCert;
let www2: TestCert;
let apiCert: TestCert;
let client: TestCert;
let memberCert: TestCert;
const servers: Server[] = [];

before(() => {
  if (skip) return;
  pki = testPki();
  ca = pki.ca('e2e-ca');
  otherCa = pki.ca('e2e-other-ca');
  www = ca.issue('e2e-www', { cn: 'www.example.com' });
  www2 = ca.issue('e2e-www2', { cn: 'www.example.com' });
  apiCert = ca.issue('e2e-api', { cn: 'api.example.com' });
  client = ca.issue('e2e-client', { client: true });
  memberCert = ca.issue('e2e-member', {
    cn: 'member.example.com',
    sans: ['member.example.com', '127.0.0.1'],
  });
});
after(async () => {
  for (const s of servers) await new Promise<void>((resolve) => s.close(() => resolve()));
  pki?.remove();
});

function km(): LbaasApi {
  return new LbaasApi(up.api.baseUrl, () => '', '/key-manager/v1');
}

async function storeSecret(payload: string | Buffer): Promise<string> {
  const body =
    typeof payload === 'string'
      ? { payload, payload_content_type: 'text/plain' }
      : {
          payload: payload.toString('base64'),
          payload_content_type: 'application/octet-stream',
          payload_content_encoding: 'base64',
        };
  return String((await km().ok('POST', '/secrets', body))['secret_ref']);
}

async function storeContainer(cert: TestCert): Promise<string> {
  const body = {
    type: 'certificate',
    secret_refs: [
      { name: 'certificate', secret_ref: await storeSecret(cert.certPem) },
      { name: 'private_key', secret_ref: await storeSecret(cert.keyPem) },
    ],
  };
  return String((await km().ok('POST', '/containers', body))['container_ref']);
}

/** Echoes the request headers as JSON (the plain HTTP member behind the TLS listener). */
function echo(req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ headers: req.headers });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

async function listen(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

interface Curl {
  code: number;
  status: string;
  body: string;
  httpVersion: string;
}

/** curl with argv only: `--resolve host:port:vip`, the test CA, bounded by --max-time. */
function curl(
  vip: string,
  port: number,
  host: string,
  path: string,
  extra: readonly string[] = [],
): Promise<Curl> {
  const args = [
    '-sS',
    '--max-time',
    '5',
    '--resolve',
    `${host}:${port}:${vip}`,
    '--cacert',
    ca.certPath,
    '-w',
    '\n%{http_code} %{http_version}',
    ...extra,
    `https://${host}:${port}${path}`,
  ];
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: 10_000, encoding: 'utf8' }, (error, stdout) => {
      const lines = stdout.split('\n');
      const [status = '000', httpVersion = ''] = (lines.pop() ?? '').split(' ');
      resolve({
        code: error ? Number((error as { code?: unknown }).code ?? 1) || 1 : 0,
        status,
        body: lines.join('\n'),
        httpVersion,
      });
    });
  });
}

/** One HTTPS GET from node (TLS 1.2/1.3 with SNI `host`, trusting the test CA), status or the error text. */
function httpsGet(vip: string, port: number, host: string): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpsRequest(
      {
        host: vip,
        port,
        path: '/',
        servername: host,
        headers: { host },
        ca: ca.certPem,
        agent: false,
        timeout: 5_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (e) => resolve(e.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(e.message));
    req.end();
  });
}

async function waitActive(lbId: string): Promise<void> {
  await up.api.waitActive(lbId, 30_000);
}

test(
  'TERMINATED_HTTPS via the API: SNI, client certificates, headers, h2, TLS 1.3 only, rotation without a failed request',
  { skip, timeout: 180_000 },
  async () => {
    const api = up.api;
    const member = await listen(createHttpServer(echo));
    const p12 = await storeSecret(pki.pkcs12(www, [ca]));
    const sni = await storeContainer(apiCert);
    const clientCa = await storeSecret(ca.certPem);
    const port = await freePort();
    const lb: LoadBalancer = await api.createLoadBalancer({ name: 'tls-e2e' });
    const vip = lb.vip_address;
    const listener = (
      await api.ok('POST', '/listeners', {
        listener: {
          loadbalancer_id: lb.id,
          protocol: 'TERMINATED_HTTPS',
          protocol_port: port,
          default_tls_container_ref: p12,
          sni_container_refs: [sni],
          client_ca_tls_container_ref: clientCa,
          client_authentication: 'OPTIONAL',
          insert_headers: {
            'X-SSL-Client-CN': 'true',
            'X-SSL-Client-Verify': 'true',
            'X-Forwarded-Proto': 'true',
          },
          hsts_max_age: 3600,
        },
      })
    )['listener'] as Obj;
    await waitActive(lb.id);
    const pool = (
      await api.ok('POST', '/pools', {
        pool: { listener_id: listener['id'], protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
      })
    )['pool'] as Obj;
    await waitActive(lb.id);
    await api.ok('POST', `/pools/${String(pool['id'])}/members`, {
      member: { address: '127.0.0.1', protocol_port: member },
    });
    await waitActive(lb.id);

    // The agent wrote the PEM files (0600) and HAProxy serves the PKCS#12 certificate by default, the SNI
    // container's for its host name.
    assert.equal((await servedCertificate(vip, port, 'www.example.com'))?.serial, www.serial);
    assert.equal((await servedCertificate(vip, port, 'api.example.com'))?.serial, apiCert.serial);
    assert.equal((await servedCertificate(vip, port, 'other.example.com'))?.serial, www.serial);

    // OPTIONAL client auth: no certificate passes; a certificate of the CA is verified and its CN forwarded.
    const anonymous = await curl(vip, port, 'www.example.com', '/');
    assert.equal(anonymous.status, '200', anonymous.body);
    const anonHeaders = (JSON.parse(anonymous.body) as { headers: Obj }).headers;
    assert.equal(anonHeaders['x-forwarded-proto'], 'https');
    const withCert = await curl(vip, port, 'www.example.com', '/', [
      '--cert',
      client.certPath,
      '--key',
      client.keyPath,
    ]);
    assert.equal(withCert.status, '200', withCert.body);
    const headers = (JSON.parse(withCert.body) as { headers: Obj }).headers;
    assert.equal(headers['x-ssl-client-verify'], '0');
    assert.match(String(headers['x-ssl-client-cn']), /e2e-client/);

    // HTTP/2 through ALPN, HSTS on the answer.
    const h2 = await curl(vip, port, 'www.example.com', '/', ['--http2', '-D', '-']);
    assert.equal(h2.httpVersion, '2', h2.body);
    assert.match(h2.body, /^strict-transport-security: max-age=3600;\r?$/m);

    // Rotation: a new PKCS#12 secret, PUT on the listener; node clients keep requesting the whole time.
    const workerBefore = await haproxyWorkerPid(up.stateDir ?? '', lb.id);
    assert.ok(workerBefore !== undefined, 'the worker answers on its admin socket');
    const p12b = await storeSecret(pki.pkcs12(www2, [ca]));
    const results: (number | string)[] = [];
    let stop = false;
    const loop = (async () => {
      const deadline = Date.now() + 30_000;
      while (!stop && results.length < 400 && Date.now() < deadline) {
        results.push(await httpsGet(vip, port, 'www.example.com'));
      }
    })();
    await api.ok('PUT', `/listeners/${String(listener['id'])}`, {
      listener: { default_tls_container_ref: p12b },
    });
    await waitActive(lb.id);
    stop = true;
    await loop;
    assert.ok(results.length > 0, 'the load loop ran');
    console.log(`certificate rotation: ${results.length} HTTPS requests during the update`);
    assert.deepEqual(
      results.filter((r) => r !== 200),
      [],
      `failed requests during the rotation (${results.length} sent)`,
    );
    assert.equal((await servedCertificate(vip, port, 'www.example.com'))?.serial, www2.serial);
    // Committed through the runtime API: the same worker serves the new certificate (no reload).
    assert.equal(await haproxyWorkerPid(up.stateDir ?? '', lb.id), workerBefore);

    // MANDATORY: no certificate is refused; TLS 1.3 only: a TLS 1.2 client is refused, 1.3 passes.
    await api.ok('PUT', `/listeners/${String(listener['id'])}`, {
      listener: { client_authentication: 'MANDATORY', tls_versions: ['TLSv1.3'] },
    });
    await waitActive(lb.id);
    const refused = await curl(vip, port, 'www.example.com', '/');
    assert.notEqual(refused.status, '200', 'no client certificate must be refused under MANDATORY');
    const cert = ['--cert', client.certPath, '--key', client.keyPath];
    const tls12 = await curl(vip, port, 'www.example.com', '/', [...cert, '--tlsv1.2', '--tls-max', '1.2']);
    assert.notEqual(tls12.status, '200', 'TLS 1.2 must be refused by a TLSv1.3-only listener');
    const tls13 = await curl(vip, port, 'www.example.com', '/', [...cert, '--tlsv1.3']);
    assert.equal(tls13.status, '200', tls13.body);

    await api.deleteLoadBalancer(lb.id);
  },
);

test(
  'pool re-encryption via the API: the member certificate is verified against the pool CA',
  { skip, timeout: 120_000 },
  async () => {
    const api = up.api;
    const member = await listen(
      createHttpsServer(
        {
          cert: memberCert.certPem,
          key: memberCert.keyPem,
          ca: ca.certPem,
          requestCert: true,
          rejectUnauthorized: true,
        },
        (req, res) => {
          const peer = (
            req.socket as { getPeerCertificate?: () => { subject?: { CN?: string } } }
          ).getPeerCertificate?.();
          const body = JSON.stringify({ client: peer?.subject?.CN ?? null });
          res.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        },
      ),
    );
    const port = await freePort();
    const lb = await api.createLoadBalancer({ name: 'reencrypt-e2e' });
    const listener = (
      await api.ok('POST', '/listeners', {
        listener: { loadbalancer_id: lb.id, protocol: 'HTTP', protocol_port: port },
      })
    )['listener'] as Obj;
    await waitActive(lb.id);
    const pool = (
      await api.ok('POST', '/pools', {
        pool: {
          listener_id: listener['id'],
          protocol: 'HTTP',
          lb_algorithm: 'ROUND_ROBIN',
          tls_enabled: true,
          tls_container_ref: await storeContainer(client),
          ca_tls_container_ref: await storeSecret(ca.certPem),
        },
      })
    )['pool'] as Obj;
    await waitActive(lb.id);
    await api.ok('POST', `/pools/${String(pool['id'])}/members`, {
      member: { address: '127.0.0.1', protocol_port: member },
    });
    await waitActive(lb.id);
    // A new client connection per request (an idle keep-alive one would still be served by the previous
    // worker after a reload, as HAProxy drains gracefully).
    const get = (): Promise<{ status: number; body: string }> =>
      new Promise((resolve, reject) => {
        const req = httpRequest(
          {
            host: lb.vip_address,
            port,
            path: '/',
            agent: false,
            headers: { connection: 'close' },
            timeout: 5_000,
          },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
        req.end();
      });
    const ok = await get();
    assert.equal(ok.status, 200, ok.body);
    // The member required a client certificate: HAProxy presented the pool's.
    assert.deepEqual(JSON.parse(ok.body), { client: 'e2e-client' });

    // Another CA: the member's certificate no longer verifies, HAProxy answers 503.
    await api.ok('PUT', `/pools/${String(pool['id'])}`, {
      pool: { ca_tls_container_ref: await storeSecret(otherCa.certPem) },
    });
    await waitActive(lb.id);
    const wrong = await get();
    assert.equal(wrong.status, 503, wrong.body);
    await api.deleteLoadBalancer(lb.id);
  },
);
