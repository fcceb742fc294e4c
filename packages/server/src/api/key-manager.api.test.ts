import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { TestServer } from '../test-support/test-server.js';
import { createStore } from '../store/create-store.js';
import { memberOf, readerOf, withServer } from './api-fixtures.js';

const KM = '/key-manager/v1';
const P1 = memberOf('p1');
const P2 = memberOf('p2');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Body = Record<string, unknown>;

async function store(s: TestServer, body: Body, headers = P1): Promise<string> {
  const r = await s.json('POST', `${KM}/secrets`, body, headers);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const ref = String(r.body['secret_ref']);
  assert.match(ref, /^http:\/\/localhost(:\d+)?\/key-manager\/v1\/secrets\//);
  return ref;
}
const idOf = (ref: string): string => UUID.exec(ref)?.[0] ?? assert.fail(ref);

test('version documents: 300 with v1 at /key-manager, the v1 document at /key-manager/v1', async () => {
  await withServer(async (s) => {
    const root = await s.json('GET', '/key-manager');
    assert.equal(root.status, 300);
    const values = (root.body['versions'] as { values: Body[] }).values;
    assert.equal(values[0]?.['id'], 'v1');
    assert.equal(values[0]?.['status'], 'stable');
    const v1 = await s.json('GET', KM);
    assert.equal(v1.status, 200);
    assert.equal((v1.body['version'] as Body)['id'], 'v1');
  });
});

test('secrets: store, list, metadata, payload by Accept, delete', async () => {
  await withServer(async (s) => {
    const text = await store(s, { name: 'pw', payload: 'hunter2', payload_content_type: 'text/plain' });
    const bin = await store(s, {
      name: 'p12',
      payload: Buffer.from([0, 1, 2, 255]).toString('base64'),
      payload_content_type: 'application/octet-stream',
      payload_content_encoding: 'base64',
      secret_type: 'opaque',
      algorithm: 'aes',
      bit_length: 256,
      mode: 'cbc',
    });
    const meta = await s.json('GET', `${KM}/secrets/${idOf(text)}`, undefined, P1);
    assert.equal(meta.status, 200);
    assert.deepEqual(
      [meta.body['name'], meta.body['status'], meta.body['secret_type'], meta.body['secret_ref']],
      ['pw', 'ACTIVE', 'opaque', text],
    );
    assert.deepEqual(meta.body['content_types'], { default: 'text/plain' });
    assert.equal('payload' in meta.body, false);

    const p = await s.request('GET', `${KM}/secrets/${idOf(text)}/payload`, undefined, {
      ...P1,
      accept: 'text/plain',
    });
    assert.equal(p.statusCode, 200);
    assert.equal(p.body, 'hunter2');
    assert.match(String(p.headers['content-type']), /^text\/plain/);
    const b = await s.request('GET', `${KM}/secrets/${idOf(bin)}/payload`, undefined, {
      ...P1,
      accept: 'application/octet-stream',
    });
    assert.deepEqual([...b.rawPayload], [0, 1, 2, 255]);
    const wrong = await s.json('GET', `${KM}/secrets/${idOf(bin)}/payload`, undefined, {
      ...P1,
      accept: 'text/plain',
    });
    assert.equal(wrong.status, 406);
    // As Barbican: served as the requested type (text only when UTF-8), Accept-less = the stored type.
    const asBytes = await s.request('GET', `${KM}/secrets/${idOf(text)}/payload`, undefined, {
      ...P1,
      accept: 'application/octet-stream',
    });
    assert.deepEqual([asBytes.statusCode, asBytes.rawPayload.toString()], [200, 'hunter2']);
    const jsonAccept = await s.json('GET', `${KM}/secrets/${idOf(text)}/payload`, undefined, {
      ...P1,
      accept: 'application/json',
    });
    assert.equal(jsonAccept.status, 406);
    const noAccept = await s.request('GET', `${KM}/secrets/${idOf(bin)}/payload`, undefined, P1);
    assert.match(String(noAccept.headers['content-type']), /^application\/octet-stream/);

    const list = await s.json('GET', `${KM}/secrets?limit=1`, undefined, P1);
    assert.equal(list.body['total'], 2);
    assert.equal((list.body['secrets'] as Body[]).length, 1);
    assert.match(String(list.body['next']), /\/key-manager\/v1\/secrets\?limit=1&offset=1$/);
    const page2 = await s.json('GET', `${KM}/secrets?limit=1&offset=1`, undefined, P1);
    const names = [list, page2].map((r) => (r.body['secrets'] as Body[])[0]?.['name']);
    assert.deepEqual(names.sort(), ['p12', 'pw']);
    assert.match(String(page2.body['previous']), /offset=0$/);
    const byName = await s.json('GET', `${KM}/secrets?name=pw`, undefined, P1);
    assert.deepEqual(
      (byName.body['secrets'] as Body[]).map((x) => x['secret_ref']),
      [text],
    );

    assert.equal((await s.request('DELETE', `${KM}/secrets/${idOf(text)}`, undefined, P1)).statusCode, 204);
    const gone = await s.json('GET', `${KM}/secrets/${idOf(text)}`, undefined, P1);
    assert.deepEqual(gone, {
      status: 404,
      body: {
        code: 404,
        title: 'Not Found',
        description: 'Not Found. Sorry but your secret is in another castle.',
      },
    });
  });
});

test('secrets: validation in Barbican words, payload upload by PUT once', async () => {
  await withServer(async (s) => {
    const noType = await s.json('POST', `${KM}/secrets`, { payload: 'x' }, P1);
    assert.equal(noType.status, 400);
    assert.equal(noType.body['title'], 'Bad Request');
    assert.match(String(noType.body['description']), /payload_content_type/);
    const badType = await s.json(
      'POST',
      `${KM}/secrets`,
      { payload: 'x', payload_content_type: 'text/html' },
      P1,
    );
    assert.equal(badType.status, 400);
    const noEnc = await s.json(
      'POST',
      `${KM}/secrets`,
      { payload: 'eA==', payload_content_type: 'application/octet-stream' },
      P1,
    );
    assert.equal(noEnc.status, 400);
    const badSecretType = await s.json('POST', `${KM}/secrets`, { secret_type: 'nope' }, P1);
    assert.equal(badSecretType.status, 400);
    const badField = await s.json('POST', `${KM}/secrets`, { bit_length: 'many' }, P1);
    assert.equal(badField.status, 400);
    assert.match(String(badField.body['description']), /^Provided object does not match schema 'Secret'/);

    const ref = await store(s, { name: 'later' });
    const meta = await s.json('GET', `${KM}/secrets/${idOf(ref)}`, undefined, P1);
    assert.equal('content_types' in meta.body, false);
    const empty = await s.json('GET', `${KM}/secrets/${idOf(ref)}/payload`, undefined, P1);
    assert.equal(empty.status, 404);
    const put = await s.request('PUT', `${KM}/secrets/${idOf(ref)}`, 'late payload', {
      ...P1,
      'content-type': 'text/plain',
    });
    assert.equal(put.statusCode, 204);
    const again = await s.request('PUT', `${KM}/secrets/${idOf(ref)}`, 'again', {
      ...P1,
      'content-type': 'text/plain',
    });
    assert.equal(again.statusCode, 409);
    const json = await s.request('PUT', `${KM}/secrets/${idOf(ref)}`, '{}', {
      ...P1,
      'content-type': 'application/json',
    });
    assert.equal(json.statusCode, 415);
    const p = await s.request('GET', `${KM}/secrets/${idOf(ref)}/payload`, undefined, {
      ...P1,
      accept: 'text/plain',
    });
    assert.equal(p.body, 'late payload');
    // An Octavia path keeps its fault body.
    const octavia = await s.json('GET', '/load-balancer/v2/lbaas/loadbalancers/nope', undefined, P1);
    assert.equal(typeof octavia.body['faultstring'], 'string');
  });
});

test('project isolation: another project gets 403, lists only its own; readers read but cannot decrypt', async () => {
  await withServer(async (s) => {
    const ref = await store(s, { name: 'mine', payload: 's3cret', payload_content_type: 'text/plain' });
    const other = await s.json('GET', `${KM}/secrets/${idOf(ref)}`, undefined, P2);
    assert.equal(other.status, 403);
    assert.equal(other.body['title'], 'Forbidden');
    assert.equal((await s.json('GET', `${KM}/secrets/${idOf(ref)}/payload`, undefined, P2)).status, 403);
    assert.equal((await s.json('DELETE', `${KM}/secrets/${idOf(ref)}`, undefined, P2)).status, 403);
    assert.equal((await s.json('GET', `${KM}/secrets`, undefined, P2)).body['total'], 0);
    const reader = readerOf('p1');
    assert.equal((await s.json('GET', `${KM}/secrets/${idOf(ref)}`, undefined, reader)).status, 200);
    assert.equal((await s.json('GET', `${KM}/secrets/${idOf(ref)}/payload`, undefined, reader)).status, 403);
    assert.equal((await s.json('POST', `${KM}/secrets`, { name: 'r' }, reader)).status, 403);
    const admin = { 'x-project-id': 'p9', 'x-roles': 'admin' };
    assert.equal((await s.json('GET', `${KM}/secrets/${idOf(ref)}`, undefined, admin)).status, 200);
  });
});

test('containers: certificate and generic, refs validated, list/get/delete', async () => {
  await withServer(async (s) => {
    const cert = await store(s, {
      name: 'c',
      payload: 'CERT',
      payload_content_type: 'text/plain',
      secret_type: 'certificate',
    });
    const key = await store(s, {
      name: 'k',
      payload: 'KEY',
      payload_content_type: 'text/plain',
      secret_type: 'private',
    });
    const foreign = await store(s, { name: 'f', payload: 'X', payload_content_type: 'text/plain' }, P2);
    const created = await s.json(
      'POST',
      `${KM}/containers`,
      {
        name: 'tls',
        type: 'certificate',
        secret_refs: [
          { name: 'certificate', secret_ref: cert },
          { name: 'private_key', secret_ref: key },
        ],
      },
      P1,
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const cref = String(created.body['container_ref']);
    assert.match(cref, /\/key-manager\/v1\/containers\//);
    const got = await s.json('GET', `${KM}/containers/${idOf(cref)}`, undefined, P1);
    assert.deepEqual(
      [got.body['name'], got.body['type'], got.body['status'], got.body['container_ref']],
      ['tls', 'certificate', 'ACTIVE', cref],
    );
    assert.deepEqual(got.body['secret_refs'], [
      { name: 'certificate', secret_ref: cert },
      { name: 'private_key', secret_ref: key },
    ]);
    const generic = await s.json(
      'POST',
      `${KM}/containers`,
      { type: 'generic', secret_refs: [{ name: 'any', secret_ref: key }] },
      P1,
    );
    assert.equal(generic.status, 201);

    const badName = await s.json(
      'POST',
      `${KM}/containers`,
      {
        type: 'certificate',
        secret_refs: [
          { name: 'certificate', secret_ref: cert },
          { name: 'foo', secret_ref: key },
        ],
      },
      P1,
    );
    assert.equal(badName.status, 400);
    const badRef = await s.json(
      'POST',
      `${KM}/containers`,
      { type: 'generic', secret_refs: [{ name: 'a', secret_ref: 'http://x/nope' }] },
      P1,
    );
    assert.equal(badRef.status, 400);
    const missing = await s.json(
      'POST',
      `${KM}/containers`,
      {
        type: 'certificate',
        secret_refs: [
          { name: 'certificate', secret_ref: cert.replace(UUID, '00000000-0000-4000-8000-000000000000') },
        ],
      },
      P1,
    );
    assert.deepEqual(missing, {
      status: 404,
      body: {
        code: 404,
        title: 'Not Found',
        description: "Secret provided for 'certificate' doesn't exist.",
      },
    });
    const other = await s.json(
      'POST',
      `${KM}/containers`,
      { type: 'certificate', secret_refs: [{ name: 'certificate', secret_ref: foreign }] },
      P1,
    );
    assert.equal(other.status, 404);

    const list = await s.json('GET', `${KM}/containers`, undefined, P1);
    assert.equal(list.body['total'], 2);
    assert.equal((await s.json('GET', `${KM}/containers`, undefined, P2)).body['total'], 0);
    assert.equal((await s.json('GET', `${KM}/containers/${idOf(cref)}`, undefined, P2)).status, 403);
    assert.equal(
      (await s.request('DELETE', `${KM}/containers/${idOf(cref)}`, undefined, P1)).statusCode,
      204,
    );
    const gone = await s.json('GET', `${KM}/containers/${idOf(cref)}`, undefined, P1);
    assert.equal(gone.status, 404);
    assert.equal(gone.body['description'], 'Not Found. Sorry but your container is in another castle.');
  });
});

test('encrypted at rest: the stored row holds no plaintext and another key cannot decrypt it', async () => {
  const shared = await createStore({ kind: 'sqlite', path: ':memory:' });
  const plaintext = 'correct horse battery staple';
  const a = await TestServer.start({ store: shared, secretKey: randomBytes(32) });
  let id: string;
  try {
    id = idOf(await store(a, { name: 'x', payload: plaintext, payload_content_type: 'text/plain' }));
    const row = await shared.read((tx) => tx.secrets.get(id));
    const stored = JSON.stringify(row);
    assert.ok(row?.encrypted_payload, stored);
    assert.equal(stored.includes(plaintext), false);
    assert.equal(stored.includes(Buffer.from(plaintext).toString('base64')), false);
  } finally {
    await a.close();
  }
  const b = await TestServer.start({ store: shared, secretKey: randomBytes(32) });
  try {
    const r = await b.request('GET', `${KM}/secrets/${id}/payload`, undefined, {
      ...P1,
      accept: 'text/plain',
    });
    assert.equal(r.statusCode, 500);
    assert.equal(r.body.includes(plaintext), false);
  } finally {
    await b.close();
    await shared.close();
  }
});
