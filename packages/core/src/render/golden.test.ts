import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { GOLDEN_SCENARIOS } from './golden-scenarios-fixtures.js';
import { GOLDEN_ENV } from './render-fixtures.js';
import { renderHaproxyConfig } from './render-haproxy-config.js';

// Golden files pin the exact haproxy.cfg of each scenario; regenerate with LBAAS_UPDATE_GOLDEN=1 and
// review the diff (test/integration/haproxy-golden.test.ts runs `haproxy -c` on every file).
const dir = fileURLToPath(new URL('./golden/', import.meta.url));
const update = process.env['LBAAS_UPDATE_GOLDEN'] === '1';

for (const [name, state] of Object.entries(GOLDEN_SCENARIOS)) {
  test(`golden ${name}`, () => {
    const rendered = renderHaproxyConfig(state, GOLDEN_ENV);
    const file = `${dir}${name}.cfg`;
    if (update) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, rendered);
    }
    assert.ok(existsSync(file), `missing ${file}; run with LBAAS_UPDATE_GOLDEN=1`);
    assert.equal(rendered, readFileSync(file, 'utf8'));
  });
}

test('every golden file belongs to a scenario', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cfg'));
  assert.deepEqual(
    files.sort(),
    Object.keys(GOLDEN_SCENARIOS)
      .map((n) => `${n}.cfg`)
      .sort(),
  );
});

test('rendering is deterministic whatever the input order', () => {
  for (const state of Object.values(GOLDEN_SCENARIOS)) {
    const shuffled = {
      ...state,
      listeners: [...state.listeners].reverse(),
      pools: [...state.pools].reverse(),
      members: [...state.members].reverse(),
      healthMonitors: [...state.healthMonitors].reverse(),
      l7Policies: [...state.l7Policies].reverse(),
      l7Rules: [...state.l7Rules].reverse(),
    };
    assert.equal(renderHaproxyConfig(shuffled, GOLDEN_ENV), renderHaproxyConfig(state, GOLDEN_ENV));
  }
});
