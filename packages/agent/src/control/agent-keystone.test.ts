import assert from 'node:assert/strict';
import { test } from 'node:test';
// The real server in-process with keystone auth, over real HTTP (only this test depends on the server).
import { AGENT_PASSWORD, withKeystone } from '../../../server/src/api/identity-fixtures.js';
import { AgentController } from './agent-controller.js';
import { testControllerOptions } from './fake-applier-fixtures.js';
import { keystonePasswordLogin } from './keystone-password-login.js';
import { CachedTokenSource } from './token-source.js';

const AGENT_ID = '6a0c8f3e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';

test('agent under keystone auth: logs in as lbaas-agent, registers, re-authenticates after revocation; no token → 401', () =>
  withKeystone(
    async (server) => {
      const url = await server.handle.app.listen({ host: '127.0.0.1', port: 0 });
      const anonymous = await fetch(`${url}/agent/v1/agents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          agent: { id: AGENT_ID, host: 'h', base_dir: '/var/lib/x', maxconn: 10, version: '1' },
        }),
      });
      assert.equal(anonymous.status, 401);
      assert.deepEqual(await anonymous.json(), {
        error: {
          code: 401,
          title: 'Unauthorized',
          message: 'The request you have made requires authentication.',
        },
      });

      let logins = 0;
      const login = keystonePasswordLogin({
        serverUrl: url,
        username: 'lbaas-agent',
        password: AGENT_PASSWORD,
        projectName: 'service',
      });
      const controller = new AgentController(
        testControllerOptions(url, AGENT_ID, {
          tokens: new CachedTokenSource((signal) => {
            logins += 1;
            return login(signal);
          }),
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
        assert.equal(logins, 1);
        // Revoke every token of the agent user: the next request is a 401, the agent logs in again.
        await server.handle.store.write(async (tx) => {
          const user = (await tx.identity.users.list({ name: 'lbaas-agent' }))[0];
          assert.ok(user);
          await tx.identity.tokens.removeWhere({ user_id: user.id });
        });
        const revokedAt = new Date().toISOString();
        const deadline = Date.now() + 10_000;
        for (;;) {
          const agent = await server.handle.store.read((tx) => tx.agents.get(AGENT_ID));
          if (logins >= 2 && agent && agent.last_seen > revokedAt) break;
          if (Date.now() > deadline) assert.fail(`no heartbeat after revocation (logins ${logins})`);
          await new Promise((r) => setTimeout(r, 20));
        }
      } finally {
        await controller.stop();
      }
    },
    { driver: 'agent', driverTimeoutMs: 10_000 },
  ));
