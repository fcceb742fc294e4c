import assert from 'node:assert/strict';
import { StoreConflictError } from '../services/store-conflict-error.js';
import { forEachDialect } from './test-dialects.js';

const T = '2024-03-01T12:00:00';
const user = (id: string, name: string, domain = 'default') => ({
  id,
  name,
  domain_id: domain,
  password_hash: 'scrypt$x',
  enabled: true,
  default_project_id: null,
  description: null,
  email: null,
  created_at: T,
});

forEachDialect('identity: domains, projects, users round-trip; names unique per domain', async (store) => {
  await store.write(async (tx) => {
    await tx.identity.domains.insert({
      id: 'default',
      name: 'Default',
      description: '',
      enabled: true,
      created_at: T,
    });
    await tx.identity.domains.insert({
      id: 'd2',
      name: 'Other',
      description: 'x',
      enabled: false,
      created_at: T,
    });
    await tx.identity.projects.insert({
      id: 'p1',
      name: 'admin',
      domain_id: 'default',
      description: '',
      enabled: true,
      created_at: T,
    });
    await tx.identity.projects.insert({
      id: 'p2',
      name: 'admin',
      domain_id: 'd2',
      description: 'd',
      enabled: false,
      created_at: T,
    });
    await tx.identity.users.insert(user('u1', 'alice'));
    await tx.identity.users.insert(user('u2', 'alice', 'd2'));
  });
  assert.deepEqual(await store.read((tx) => tx.identity.domains.get('d2')), {
    id: 'd2',
    name: 'Other',
    description: 'x',
    enabled: false,
    created_at: T,
  });
  assert.deepEqual(
    (await store.read((tx) => tx.identity.projects.list({ name: 'admin' }))).map((p) => [p.id, p.enabled]),
    [
      ['p1', true],
      ['p2', false],
    ],
  );
  assert.deepEqual(
    (await store.read((tx) => tx.identity.users.list({ name: 'alice', domain_id: 'd2' }))).map((u) => u.id),
    ['u2'],
  );
  assert.deepEqual(await store.read((tx) => tx.identity.users.get('u1')), user('u1', 'alice'));
  await assert.rejects(
    store.write((tx) => tx.identity.users.insert(user('u3', 'alice'))),
    StoreConflictError,
  );
  await assert.rejects(
    store.write((tx) =>
      tx.identity.projects.insert({
        id: 'p3',
        name: 'admin',
        domain_id: 'default',
        description: '',
        enabled: true,
        created_at: T,
      }),
    ),
    StoreConflictError,
  );
  assert.equal(
    await store.write((tx) => tx.identity.users.update({ ...user('u1', 'bob'), enabled: false })),
    true,
  );
  assert.equal((await store.read((tx) => tx.identity.users.get('u1')))?.name, 'bob');
  assert.equal(await store.write((tx) => tx.identity.projects.remove('p2')), true);
  assert.equal(await store.write((tx) => tx.identity.projects.remove('p2')), false);
});

forEachDialect('identity: roles, idempotent assignments, tokens with big expiry and purge', async (store) => {
  await store.write(async (tx) => {
    await tx.identity.roles.insert({ id: 'r1', name: 'admin', description: null, created_at: T });
    await tx.identity.roles.insert({ id: 'r2', name: 'member', description: 'm', created_at: T });
    await tx.identity.roleAssignments.add({ user_id: 'u1', project_id: 'p1', role_id: 'r1' });
    await tx.identity.roleAssignments.add({ user_id: 'u1', project_id: 'p1', role_id: 'r1' });
    await tx.identity.roleAssignments.add({ user_id: 'u1', project_id: 'p2', role_id: 'r2' });
    await tx.identity.roleAssignments.add({ user_id: 'u2', project_id: 'p1', role_id: 'r2' });
  });
  await assert.rejects(
    store.write((tx) =>
      tx.identity.roles.insert({ id: 'r3', name: 'admin', description: null, created_at: T }),
    ),
    StoreConflictError,
  );
  assert.equal((await store.read((tx) => tx.identity.roleAssignments.list())).length, 3);
  assert.deepEqual(
    await store.read((tx) => tx.identity.roleAssignments.list({ user_id: 'u1', project_id: 'p1' })),
    [{ user_id: 'u1', project_id: 'p1', role_id: 'r1' }],
  );
  assert.equal(await store.write((tx) => tx.identity.roleAssignments.removeWhere({ role_id: 'r2' })), 2);
  assert.equal(
    await store.write((tx) =>
      tx.identity.roleAssignments.remove({ user_id: 'u1', project_id: 'p1', role_id: 'r1' }),
    ),
    true,
  );

  const now = Date.UTC(2030, 0, 1);
  const token = (hash: string, user: string, expires: number) => ({
    hash,
    user_id: user,
    project_id: 'p1',
    issued_at_ms: now - 1000,
    expires_at_ms: expires,
  });
  await store.write(async (tx) => {
    await tx.identity.tokens.insert(token('h1', 'u1', now + 3_600_000));
    await tx.identity.tokens.insert(token('h2', 'u1', now - 1));
    await tx.identity.tokens.insert(token('h3', 'u2', now + 1));
  });
  assert.deepEqual(
    await store.read((tx) => tx.identity.tokens.get('h1')),
    token('h1', 'u1', now + 3_600_000),
  );
  assert.equal(await store.write((tx) => tx.identity.tokens.purgeExpired(now)), 1);
  assert.equal(await store.write((tx) => tx.identity.tokens.removeWhere({ user_id: 'u2' })), 1);
  assert.equal(await store.write((tx) => tx.identity.tokens.remove('h1')), true);
  assert.equal(await store.read((tx) => tx.identity.tokens.get('h1')), undefined);
});
