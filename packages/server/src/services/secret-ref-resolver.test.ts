import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { DomainError } from '@lbaas/core';
import { createStore } from '../store/create-store.js';
import type { AuthContext } from './auth-context.js';
import { SecretContainerService } from './secret-container.service.js';
import { SecretCipher } from './secret-crypto.js';
import { SecretRefResolver } from './secret-ref-resolver.js';
import { SecretService } from './secret.service.js';

const BASE = 'http://lbaas.example:9876';
const p1: AuthContext = { projectId: 'p1', roles: ['member'] };
const p2: AuthContext = { projectId: 'p2', roles: ['member'] };
const admin: AuthContext = { projectId: 'admin', roles: ['admin'] };

async function setup() {
  const store = await createStore({ kind: 'sqlite', path: ':memory:' });
  const deps = {
    store,
    clock: { nowIso: () => new Date().toISOString().slice(0, 19), nowMs: () => Date.now() },
    ids: { uuid: () => randomUUID() },
    cipher: new SecretCipher(randomBytes(32)),
  };
  const secrets = new SecretService(deps);
  const containers = new SecretContainerService(deps);
  const text = async (payload: string, ctx = p1) => {
    const id = await secrets.create(ctx, { payload, payload_content_type: 'text/plain' });
    return `${BASE}/key-manager/v1/secrets/${id}`;
  };
  return { store, deps, secrets, containers, text };
}

const isRefused = (ref: string) => (e: unknown) =>
  e instanceof DomainError && e.kind === 'invalid' && e.message === `Could not retrieve certificate: ${ref}`;

test('containerIn returns the PEM parts; secretIn the payload', async () => {
  const { store, deps, containers, text } = await setup();
  try {
    const cert = await text('-----BEGIN CERTIFICATE-----\nAAA\n-----END CERTIFICATE-----\n');
    const key = await text('-----BEGIN PRIVATE KEY-----\nBBB\n-----END PRIVATE KEY-----\n');
    const inter = await text('-----BEGIN CERTIFICATE-----\nCCC\n-----END CERTIFICATE-----\n');
    const pass = await text('pw');
    const cid = await containers.create(p1, {
      type: 'certificate',
      secret_refs: [
        { name: 'certificate', secret_ref: cert },
        { name: 'private_key', secret_ref: key },
        { name: 'intermediates', secret_ref: inter },
        { name: 'private_key_passphrase', secret_ref: pass },
      ],
    });
    const ref = `${BASE}/key-manager/v1/containers/${cid}`;
    const resolver = new SecretRefResolver(deps, [BASE]);
    const tls = await store.read((tx) => resolver.containerIn(tx, p1, ref));
    assert.match(tls.certificate, /AAA/);
    assert.match(tls.private_key ?? '', /BBB/);
    assert.match(tls.intermediates ?? '', /CCC/);
    assert.equal(tls.private_key_passphrase, 'pw');
    assert.match((await store.read((tx) => resolver.containerIn(tx, admin, ref))).certificate, /AAA/);
    const one = await store.read((tx) => resolver.secretIn(tx, p1, pass));
    assert.equal(one.payload.bytes.toString(), 'pw');

    // Another project, a foreign host, a malformed ref, a missing object, the wrong kind: 400 each.
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p2, ref)),
      isRefused(ref),
    );
    await assert.rejects(
      store.read((tx) => resolver.secretIn(tx, p2, pass)),
      isRefused(pass),
    );
    const foreign = ref.replace(BASE, 'http://evil.example');
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, foreign)),
      isRefused(foreign),
    );
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, 'not a ref')),
      isRefused('not a ref'),
    );
    const missing = `${BASE}/key-manager/v1/containers/${randomUUID()}`;
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, missing)),
      isRefused(missing),
    );
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, pass)),
      isRefused(pass),
    );
    await assert.rejects(
      store.read((tx) => resolver.secretIn(tx, p1, ref)),
      isRefused(ref),
    );
    // Without configured public URLs any host is accepted, the path shape still checked.
    assert.match(
      (await store.read((tx) => new SecretRefResolver(deps).containerIn(tx, p1, foreign))).certificate,
      /AAA/,
    );
  } finally {
    await store.close();
  }
});

test('a generic container or one whose certificate secret was deleted does not resolve', async () => {
  const { store, deps, secrets, containers, text } = await setup();
  try {
    const cert = await text('CERT');
    const generic = await containers.create(p1, {
      type: 'generic',
      secret_refs: [{ name: 'certificate', secret_ref: cert }],
    });
    const gref = `${BASE}/key-manager/v1/containers/${generic}`;
    const resolver = new SecretRefResolver(deps);
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, gref)),
      isRefused(gref),
    );
    const cid = await containers.create(p1, {
      type: 'certificate',
      secret_refs: [{ name: 'certificate', secret_ref: cert }],
    });
    const cref = `${BASE}/key-manager/v1/containers/${cid}`;
    assert.equal((await store.read((tx) => resolver.containerIn(tx, p1, cref))).private_key, undefined);
    await secrets.remove(p1, cert.split('/').pop() ?? '');
    await assert.rejects(
      store.read((tx) => resolver.containerIn(tx, p1, cref)),
      isRefused(cref),
    );
  } finally {
    await store.close();
  }
});
