import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { composeServer } from '../main.js';
import { testConfig } from '../test-support/test-server.js';
import { passwordAuth } from '../api/identity-fixtures.js';

async function start(stateDir: string, env: { adminPassword?: string } = {}) {
  return composeServer(testConfig({ auth: 'keystone', stateDir, port: 0, ...env }));
}

test('bootstrap: first start generates admin/agent passwords and clouds.yaml (0600); a restart keeps them', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'lbaas-boot-'));
  try {
    const first = await start(stateDir);
    const password = readFileSync(join(stateDir, 'admin-password'), 'utf8').trim();
    const agentPassword = readFileSync(join(stateDir, 'agent-password'), 'utf8').trim();
    assert.match(password, /^[A-Za-z0-9_-]{32}$/);
    assert.match(agentPassword, /^[A-Za-z0-9_-]{32}$/);
    for (const f of ['admin-password', 'agent-password', 'clouds.yaml']) {
      assert.equal(statSync(join(stateDir, f)).mode & 0o777, 0o600, f);
    }
    const clouds = readFileSync(join(stateDir, 'clouds.yaml'), 'utf8');
    assert.equal(
      clouds,
      [
        'clouds:',
        '  lbaas:',
        '    auth:',
        `      auth_url: "${first.url ?? ''}/identity/v3"`,
        '      username: "admin"',
        `      password: "${password}"`,
        '      project_name: "admin"',
        '      user_domain_name: "Default"',
        '      project_domain_name: "Default"',
        '    region_name: "RegionOne"',
        '    identity_api_version: 3',
        '    interface: "public"',
        '',
      ].join('\n'),
    );
    assert.equal(first.identity?.cloudsYamlPath, join(stateDir, 'clouds.yaml'));
    const rows = async (h: typeof first) =>
      h.store.read(async (tx) => ({
        domains: (await tx.identity.domains.list()).map((d) => d.id),
        projects: (await tx.identity.projects.list()).map((p) => `${p.name}:${p.id}`),
        users: (await tx.identity.users.list()).map((u) => `${u.name}:${u.id}:${u.password_hash ?? ''}`),
        roles: (await tx.identity.roles.list()).map((r) => `${r.name}:${r.id}`),
        assignments: (await tx.identity.roleAssignments.list()).length,
      }));
    const before = await rows(first);
    assert.deepEqual(before.domains, ['default']);
    assert.equal(before.roles.length, 9);
    assert.equal(before.assignments, 2);
    await first.close();

    const second = await start(stateDir);
    try {
      assert.deepEqual(await rows(second), before);
      assert.equal(readFileSync(join(stateDir, 'admin-password'), 'utf8').trim(), password);
      assert.equal(readFileSync(join(stateDir, 'agent-password'), 'utf8').trim(), agentPassword);
      const res = await second.app.inject({
        method: 'POST',
        url: '/identity/v3/auth/tokens',
        payload: passwordAuth('admin', password, 'admin') as object,
      });
      assert.equal(res.statusCode, 201);
      const agent = await second.app.inject({
        method: 'POST',
        url: '/identity/v3/auth/tokens',
        payload: passwordAuth('lbaas-agent', agentPassword, 'service') as object,
      });
      assert.equal(agent.statusCode, 201);
      const minted = await second.identity?.agentToken();
      assert.ok(minted);
      const check = await second.app.inject({
        method: 'GET',
        url: '/agent/v1/agents/5f0c8f3e-1d2a-4c3b-9e8f-0a1b2c3d4e5f/assignments',
        headers: { 'x-auth-token': minted.token },
      });
      assert.equal(check.statusCode, 404); // authenticated (not 401); the agent is just not registered
    } finally {
      await second.close();
    }

    // An explicitly configured password replaces the stored one (a reset), and only then.
    const third = await start(stateDir, { adminPassword: 'reset-pw' });
    try {
      const res = await third.app.inject({
        method: 'POST',
        url: '/identity/v3/auth/tokens',
        payload: passwordAuth('admin', 'reset-pw', 'admin') as object,
      });
      assert.equal(res.statusCode, 201);
    } finally {
      await third.close();
    }
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
