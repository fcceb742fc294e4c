// `lbaas agent list|show|set` against a real `lbaas server` with the agent driver: two fake agents register
// through the agent protocol (plain POST /agent/v1/agents), then the operator lists, shows and drains them.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasProcess } from '../support/lbaas-process.js';

type Obj = Record<string, unknown>;
let server: LbaasProcess;
let env: Record<string, string>;
const A = randomUUID();
const B = randomUUID();

async function register(id: string, host: string): Promise<void> {
  const res = await fetch(`${server.url}/agent/v1/agents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      agent: { id, host, base_dir: `/var/lib/lbaas/${host}`, maxconn: 1000, version: '0.1.0' },
    }),
  });
  assert.equal(res.status, 200, await res.text());
}

before(async () => {
  server = await LbaasProcess.start({ LBAAS_AUTH: 'noauth' });
  env = noauthEnv(server.url);
  await register(A, 'host-a');
  await register(B, 'host-b');
});
after(async () => {
  await server?.stop();
});

test('agent list, show and set --disable/--enable', async () => {
  const list = await lbaasJson<Obj[]>(['agent', 'list'], env);
  assert.deepEqual(
    list.map((a) => [a['ID'], a['Host'], a['Alive'], a['Admin State Up'], a['Load Balancers']]),
    [
      [A, 'host-a', true, true, 0],
      [B, 'host-b', true, true, 0],
    ],
  );
  const table = await lbaasOk(['agent', 'list'], env);
  assert.match(table, /\| ID +\| Host +\| Alive \| Admin State Up \| Load Balancers \|/);
  assert.match(table, new RegExp(`\\| ${A} \\| host-a \\| :-\\) +\\| UP +\\| +0 \\|`));

  const shown = await lbaasJson(['agent', 'show', A], env);
  assert.deepEqual(Object.keys(shown), [
    'admin_state_up',
    'alive',
    'base_dir',
    'created_at',
    'host',
    'id',
    'last_seen',
    'load_balancers',
    'maxconn',
    'version',
  ]);
  assert.deepEqual([shown['host'], shown['maxconn'], shown['load_balancers']], ['host-a', 1000, []]);
  assert.equal((await lbaasOk(['agent', 'show', 'host-b', '-f', 'value', '-c', 'id'], env)).trim(), B);

  await lbaasOk(['agent', 'set', '--disable', 'host-a'], env);
  const disabled = await lbaasOk(['agent', 'show', A, '-c', 'admin_state_up', '-c', 'alive'], env);
  assert.match(disabled, /\| admin_state_up \| DOWN +\|/);
  assert.match(disabled, /\| alive +\| :-\) +\|/);
  const values = await lbaasOk(['agent', 'list', '-f', 'value', '-c', 'Host', '-c', 'Admin State Up'], env);
  assert.equal(values, 'host-a False\nhost-b True\n');
  await lbaasOk(['agent', 'set', '--enable', A], env);
  assert.equal((await lbaasJson(['agent', 'show', A], env))['admin_state_up'], true);

  const missing = await runLbaas(['agent', 'show', 'nope'], env);
  assert.deepEqual([missing.status, missing.stderr], [1, 'No Agent found for nope\n']);
  const both = await runLbaas(['agent', 'set', '--enable', '--disable', A], env);
  assert.equal(both.status, 2);

  // Without a subcommand `lbaas agent` is still the agent service: it wants --server.
  const service = await runLbaas(['agent'], {});
  assert.equal(service.status, 2);
  assert.match(service.stderr, /required option '--server <url>' not specified/);
  const help = await lbaasOk(['agent', '--help'], {});
  assert.match(help, /--server <url>/);
  assert.match(help, /list \[options\]/);
  assert.match(help, /set \[options\] <agent>/);
});
