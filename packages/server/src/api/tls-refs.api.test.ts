import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  skipWithoutTlsTools,
  testPki,
  type TestCa,
  type TestCert,
  type TestPki,
} from '../../../agent/src/test-support/tls-test-kit.js';
import type { TestServer } from '../test-support/test-server.js';
import {
  activeLb,
  API,
  defaultSubnetId,
  expectFault,
  memberOf,
  str,
  withServer,
  type Wire,
} from './api-fixtures.js';

// Octavia's key-manager checks of TLS refs on listeners and pools (_validate_tls_refs,
// _validate_client_ca_and_crl_refs), against real certificates made with openssl.

const skip = skipWithoutTlsTools();
const KM = '/key-manager/v1';
const P1 = memberOf('p1');
const P2 = memberOf('p2');

let pki: TestPki;
let ca: TestCa;
let otherCa: TestCa;
let www: TestCert;
let api: TestCert;
let client: TestCert;
before(() => {
  if (skip) return;
  pki = testPki();
  ca = pki.ca('refs-ca');
  otherCa = pki.ca('refs-other-ca');
  www = ca.issue('refs-www', { cn: 'www.example.com' });
  api = ca.issue('refs-api', { cn: 'api.example.com' });
  client = ca.issue('refs-client', { client: true });
});
after(() => pki?.remove());

async function secret(s: TestServer, payload: string | Buffer, headers = P1): Promise<string> {
  const body: Wire =
    typeof payload === 'string'
      ? { payload, payload_content_type: 'text/plain' }
      : {
          payload: payload.toString('base64'),
          payload_content_type: 'application/octet-stream',
          payload_content_encoding: 'base64',
        };
  const r = await s.json('POST', `${KM}/secrets`, body, headers);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return str(r.body, 'secret_ref');
}

async function container(s: TestServer, cert: TestCert, key: TestCert = cert, headers = P1): Promise<string> {
  const r = await s.json(
    'POST',
    `${KM}/containers`,
    {
      type: 'certificate',
      secret_refs: [
        { name: 'certificate', secret_ref: await secret(s, cert.certPem, headers) },
        { name: 'private_key', secret_ref: await secret(s, key.keyPem, headers) },
      ],
    },
    headers,
  );
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return str(r.body, 'container_ref');
}

/** An Octavia fault whose faultstring matches (for texts that end in a library's error detail). */
function expectFaultLike(res: { status: number; body: Wire }, status: number, faultstring: RegExp): void {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body['faultcode'], 'Client');
  assert.match(String(res.body['faultstring']), faultstring);
}

function https(lbId: string, extra: Wire): Wire {
  return { listener: { loadbalancer_id: lbId, protocol: 'TERMINATED_HTTPS', protocol_port: 443, ...extra } };
}

test('listener certificate refs: containers and PKCS#12 secrets pass, anything else is a 400', { skip }, () =>
  withServer(async (s) => {
    const lbId = await activeLb(s, {}, P1);
    const good = await container(s, www);
    const mismatched = await container(s, www, api);
    const foreign = await container(s, api, api, P2);
    const p12 = await secret(s, pki.pkcs12(www, [ca]));
    const text = await secret(s, 'not a bundle');
    const missing = good.replace(/[0-9a-f]{12}$/, '000000000000');

    // Bad refs are reported together, SNI refs first and the default last, as a Python list.
    expectFault(
      await s.json(
        'POST',
        `${API}/listeners`,
        https(lbId, {
          default_tls_container_ref: missing,
          sni_container_refs: [good, mismatched, foreign],
        }),
        P1,
      ),
      400,
      `Could not retrieve certificate: ['${mismatched}', '${foreign}', '${missing}']`,
    );
    expectFaultLike(
      await s.json('POST', `${API}/listeners`, https(lbId, { default_tls_container_ref: text }), P1),
      400,
      /^The PKCS12 bundle is unreadable\. Please check the PKCS12 bundle validity\. In addition, make sure it does not require a pass phrase\. Error: /,
    );
    const created = await s.json(
      'POST',
      `${API}/listeners`,
      https(lbId, {
        default_tls_container_ref: p12,
        sni_container_refs: [good],
      }),
      P1,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const listener = created.body['listener'] as Wire;
    assert.equal(listener['default_tls_container_ref'], p12);
    await s.settle();

    // A PUT checks the refs it sets; nothing is stored when they are refused.
    const id = str(listener, 'id');
    expectFault(
      await s.json('PUT', `${API}/listeners/${id}`, { listener: { default_tls_container_ref: foreign } }, P1),
      400,
      `Could not retrieve certificate: ['${foreign}']`,
    );
    const shown = await s.json('GET', `${API}/listeners/${id}`, undefined, P1);
    assert.equal((shown.body['listener'] as Wire)['default_tls_container_ref'], p12);
    const put = await s.json(
      'PUT',
      `${API}/listeners/${id}`,
      { listener: { default_tls_container_ref: good } },
      P1,
    );
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }),
);

test('listener client CA and CRL refs: x509 PEM, a CRL signed by that CA', { skip }, () =>
  withServer(async (s) => {
    const lbId = await activeLb(s, {}, P1);
    const cert = await container(s, www);
    const caRef = await secret(s, ca.certPem);
    const crlRef = await secret(s, ca.crl([client]));
    const otherCrl = await secret(s, otherCa.crl([]));
    const junk = await secret(s, 'hello');
    const base = { default_tls_container_ref: cert, client_authentication: 'MANDATORY' };
    expectFaultLike(
      await s.json(
        'POST',
        `${API}/listeners`,
        https(lbId, { ...base, client_ca_tls_container_ref: junk }),
        P1,
      ),
      400,
      /^Validation failure: The client authentication CA certificate is invalid\. It must be a valid x509 PEM format certificate\. Error: /,
    );
    expectFaultLike(
      await s.json(
        'POST',
        `${API}/listeners`,
        https(lbId, {
          ...base,
          client_ca_tls_container_ref: caRef,
          client_crl_container_ref: junk,
        }),
        P1,
      ),
      400,
      /^Validation failure: The client authentication certificate revocation list is invalid\. It must be a valid x509 PEM format certificate revocation list\. Error: /,
    );
    expectFault(
      await s.json(
        'POST',
        `${API}/listeners`,
        https(lbId, {
          ...base,
          client_ca_tls_container_ref: caRef,
          client_crl_container_ref: otherCrl,
        }),
        P1,
      ),
      400,
      'Validation failure: The CRL specified is not valid for client certificate authority reference supplied.',
    );
    const foreignCa = await secret(s, ca.certPem, P2);
    expectFault(
      await s.json(
        'POST',
        `${API}/listeners`,
        https(lbId, { ...base, client_ca_tls_container_ref: foreignCa }),
        P1,
      ),
      400,
      `Could not retrieve certificate: ['${foreignCa}']`,
    );
    const ok = await s.json(
      'POST',
      `${API}/listeners`,
      https(lbId, {
        ...base,
        client_ca_tls_container_ref: caRef,
        client_crl_container_ref: crlRef,
      }),
      P1,
    );
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  }),
);

test('pool TLS refs: client certificate, CA and CRL are checked like the listener ones', { skip }, () =>
  withServer(async (s) => {
    const lbId = await activeLb(s, {}, P1);
    const bad = await container(s, www, api);
    const pool = (extra: Wire): Wire => ({
      pool: {
        loadbalancer_id: lbId,
        protocol: 'HTTP',
        lb_algorithm: 'ROUND_ROBIN',
        tls_enabled: true,
        ...extra,
      },
    });
    expectFault(
      await s.json('POST', `${API}/pools`, pool({ tls_container_ref: bad }), P1),
      400,
      `Could not retrieve certificate: ['${bad}']`,
    );
    const junk = await secret(s, 'junk');
    expectFaultLike(
      await s.json('POST', `${API}/pools`, pool({ ca_tls_container_ref: junk }), P1),
      400,
      /^Validation failure: The client authentication CA certificate is invalid\./,
    );
    const good = await s.json(
      'POST',
      `${API}/pools`,
      pool({
        tls_container_ref: await container(s, client),
        ca_tls_container_ref: await secret(s, ca.certPem),
        crl_container_ref: await secret(s, ca.crl([])),
      }),
      P1,
    );
    assert.equal(good.status, 201, JSON.stringify(good.body));
    await s.settle();
    const id = str(good.body['pool'] as Wire, 'id');
    expectFault(
      await s.json('PUT', `${API}/pools/${id}`, { pool: { tls_container_ref: bad } }, P1),
      400,
      `Could not retrieve certificate: ['${bad}']`,
    );
  }),
);

test(
  'graph create checks the TLS refs of its listeners and pools; nothing is created on a 400',
  { skip },
  () =>
    withServer(async (s) => {
      const subnet = await defaultSubnetId(s);
      const bad = await container(s, www, api);
      const good = await container(s, www);
      const graph = (ref: string): Wire => ({
        loadbalancer: {
          vip_subnet_id: subnet,
          listeners: [
            {
              protocol: 'TERMINATED_HTTPS',
              protocol_port: 443,
              default_tls_container_ref: ref,
              default_pool: {
                name: 'p1',
                protocol: 'HTTP',
                lb_algorithm: 'ROUND_ROBIN',
                tls_enabled: true,
                tls_container_ref: ref,
              },
            },
          ],
        },
      });
      expectFault(
        await s.json('POST', `${API}/loadbalancers`, graph(bad), P1),
        400,
        `Could not retrieve certificate: ['${bad}']`,
      );
      const listed = await s.json('GET', `${API}/loadbalancers`, undefined, P1);
      assert.deepEqual(listed.body['loadbalancers'], []);
      const created = await s.json('POST', `${API}/loadbalancers`, graph(good), P1);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }),
);
