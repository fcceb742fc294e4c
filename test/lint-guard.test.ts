// Proves the layer rules of docs/architecture.md are enforced: lint flags forbidden imports per folder.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('core may not do I/O or depend on other packages', async () => {
  const msgs = await restricted(
    'packages/core/src/index.ts',
    "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  );
  assert.equal(msgs.length, 1);
  assert.match(msgs[0] ?? '', /no node:\* imports/);
});

test('services may not reach into the store or the HTTP layer', async () => {
  const msgs = await restricted(
    'packages/server/src/services/policy.ts',
    "import { createStore } from '../store/create-store.js';\nexport const x = createStore;\n",
  );
  assert.equal(msgs.length, 1);
  assert.match(msgs[0] ?? '', /services define ports/);
});

test('the API layer may not use the store directly', async () => {
  const msgs = await restricted(
    'packages/server/src/api/app.ts',
    "import { Kysely } from 'kysely';\nexport const x = Kysely;\n",
  );
  assert.equal(msgs.length, 1);
});

test('an allowed import passes', async () => {
  assert.deepEqual(
    await restricted(
      'packages/server/src/services/policy.ts',
      "import { DomainError } from '@lbaas/core';\nexport const x = DomainError;\n",
    ),
    [],
  );
});
