import assert from 'node:assert/strict';
import { test } from 'node:test';
// Two real servers in-process over real HTTP (only the agent's keystone tests depend on the server):
// server 1 is the Keystone, server 2 validates tokens at it (`keystone: { url }`).
import { AGENT_PASSWORD, withKeystone } from '../../../server/src/api/identity-fixtures.js';
import { TestServer } from '../../../server/src/test-support/test-server.js';
import { AgentController } from './agent-controller.js';
import { testControllerOptions } from './fake-applier-fixtures.js';
import { identityV3, keystonePasswordLogin } from './keystone-password-login.js';
import { CachedTokenSource } from './token-source.js';

const AGENT_ID = '7b1d9f4a-2e3b-4d5c-8f9a-1b2c3d4e5f60';

test('identityV3: --auth-url with or without /v3 (and trailing slashes); default is the server’s /identity/v3', () => {
  assert.equal(identityV3({ serverUrl: 'http://s:9876/' }), 'http://s:9876/identity/v3');
  assert.equal(identityV3({ serverUrl: 'x', authUrl: 'http://k:5000/v3/' }), 'http://k:5000/v3');
  assert.equal(identityV3({ serverUrl: 'x', authUrl: 'http://k:5000' }), 'http://k:5000/v3');
  assert.equal(identityV3({ serverUrl: 'x', authUrl: 'http://k/identity' }), 'http://k/identity/v3');
});

test('agent against a server with an external Keystone: logs in at --auth-url, registers at the server', () =>
  withKeystone(async (keystone) => {
    const keystoneUrl = await keystone.handle.app.listen({ host: '127.0.0.1', port: 0 });
    // lbaas-agent (admin on project service) doubles as server 2's service user here.
    const server = await TestServer.start({
      config: {
        auth: 'keystone',
        driver: 'agent',
        driverTimeoutMs: 10_000,
        keystone: {
          url: `${keystoneUrl}/identity/v3`,
          username: 'lbaas-agent',
          password: AGENT_PASSWORD,
          projectName: 'service',
          userDomainName: 'Default',
          projectDomainName: 'Default',
          cacheTtlS: 30,
        },
      },
    });
    const serverUrl = await server.handle.app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AgentController(
      testControllerOptions(serverUrl, AGENT_ID, {
        tokens: new CachedTokenSource(
          keystonePasswordLogin({
            serverUrl,
            authUrl: `${keystoneUrl}/identity`,
            username: 'lbaas-agent',
            password: AGENT_PASSWORD,
            projectName: 'service',
          }),
        ),
      }),
    );
    controller.start();
    try {
      await controller.registered;
      const agents = await server.handle.store.read((tx) => tx.agents.list());
      assert.deepEqual(
        agents.map((a) => a.id),
        [AGENT_ID],
      );
    } finally {
      await controller.stop();
      await server.close();
    }
  }));
