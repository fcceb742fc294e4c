import assert from 'node:assert/strict';
import type { SecretContainerRecord, SecretRecord } from '../services/key-manager-ports.js';
import { forEachDialect } from './test-dialects.js';

function secret(id: string, over: Partial<SecretRecord> = {}): SecretRecord {
  return {
    id,
    project_id: 'p1',
    creator_id: 'u1',
    name: 'n',
    secret_type: 'opaque',
    algorithm: null,
    bit_length: null,
    mode: null,
    expiration: null,
    content_type: null,
    encrypted_payload: null,
    created_at: `2026-01-01T00:00:00.00${id.slice(-1)}`,
    updated_at: '2026-01-01T00:00:00.000',
    ...over,
  };
}

forEachDialect(
  'secrets: insert, get, paged project list with name filter, payload set once, remove',
  async (store) => {
    await store.write(async (tx) => {
      await tx.secrets.insert(secret('s1', { bit_length: 256, algorithm: 'aes' }));
      await tx.secrets.insert(secret('s2', { name: 'other' }));
      await tx.secrets.insert(secret('s3'));
      await tx.secrets.insert(secret('s4', { project_id: 'p2' }));
    });
    await store.read(async (tx) => {
      assert.deepEqual(await tx.secrets.get('s1'), secret('s1', { bit_length: 256, algorithm: 'aes' }));
      assert.equal(await tx.secrets.get('nope'), undefined);
      const all = await tx.secrets.list('p1', { offset: 0, limit: 10 });
      assert.deepEqual([all.total, all.items.map((s) => s.id)], [3, ['s1', 's2', 's3']]);
      const page = await tx.secrets.list('p1', { offset: 1, limit: 1 });
      assert.deepEqual([page.total, page.items.map((s) => s.id)], [3, ['s2']]);
      const named = await tx.secrets.list('p1', { offset: 0, limit: 10, name: 'n' });
      assert.deepEqual([named.total, named.items.map((s) => s.id)], [2, ['s1', 's3']]);
    });
    await store.write(async (tx) => {
      assert.equal(
        await tx.secrets.setPayload('s1', 'text/plain', 'v1.a.b.c', '2026-01-02T00:00:00.000'),
        true,
      );
      assert.equal(
        await tx.secrets.setPayload('s1', 'text/plain', 'v1.x.y.z', '2026-01-03T00:00:00.000'),
        false,
      );
      assert.equal(
        await tx.secrets.setPayload('nope', 'text/plain', 'v1.x.y.z', '2026-01-03T00:00:00.000'),
        false,
      );
    });
    const s1 = await store.read((tx) => tx.secrets.get('s1'));
    assert.deepEqual(
      [s1?.content_type, s1?.encrypted_payload, s1?.updated_at],
      ['text/plain', 'v1.a.b.c', '2026-01-02T00:00:00.000'],
    );
    assert.equal(await store.write((tx) => tx.secrets.remove('s1')), true);
    assert.equal(await store.write((tx) => tx.secrets.remove('s1')), false);
  },
);

forEachDialect('secret containers: insert, get with refs, project list, remove', async (store) => {
  const c: SecretContainerRecord = {
    id: 'c1',
    project_id: 'p1',
    creator_id: null,
    name: 'tls',
    type: 'certificate',
    secret_refs: [
      { name: 'certificate', secret_id: 's1' },
      { name: 'private_key', secret_id: 's2' },
    ],
    created_at: '2026-01-01T00:00:00.000',
    updated_at: '2026-01-01T00:00:00.000',
  };
  await store.write(async (tx) => {
    await tx.secretContainers.insert(c);
    await tx.secretContainers.insert({ ...c, id: 'c2', project_id: 'p2', secret_refs: [] });
  });
  await store.read(async (tx) => {
    assert.deepEqual(await tx.secretContainers.get('c1'), c);
    const list = await tx.secretContainers.list('p1', { offset: 0, limit: 10 });
    assert.deepEqual([list.total, list.items.map((x) => x.id)], [1, ['c1']]);
  });
  assert.equal(await store.write((tx) => tx.secretContainers.remove('c1')), true);
  assert.equal(await store.read((tx) => tx.secretContainers.get('c1')), undefined);
});
