import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { DesiredState } from '../plan/load-balancer-tree.js';
import { GOLDEN_SCENARIOS, TLS_GOLDEN_SCENARIOS } from './golden-scenarios-fixtures.js';
import { GOLDEN_ENV, GOLDEN_TLS_ENV } from './render-fixtures.js';
import { renderHaproxy, renderHaproxyConfig, type HaproxyRenderEnv } from './render-haproxy-config.js';
import type { RenderedFile } from './tls-material.js';

// Golden files pin the exact haproxy.cfg of each scenario; regenerate with LBAAS_UPDATE_GOLDEN=1 and
// review the diff (test/integration/haproxy-golden.test.ts runs `haproxy -c` on every golden/*.cfg file,
// test/integration/tls-termination.test.ts on golden/tls/*.cfg with real PEM files).
const dir = fileURLToPath(new URL('./golden/', import.meta.url));
const tlsDir = `${dir}tls/`;
const update = process.env['LBAAS_UPDATE_GOLDEN'] === '1';

/** The `<name>.files` golden of a TLS scenario: kind and name of each file, crt-list contents in full. */
export function describeFiles(files: readonly RenderedFile[]): string {
  return files
    .map((f) => {
      const head = `${f.kind} ${f.name}\n`;
      return f.kind === 'crt-list' ? `${head}${f.content.replace(/^/gm, '  ').replace(/ {2}$/, '')}` : head;
    })
    .join('');
}

function checkGolden(file: string, text: string): void {
  if (update) {
    mkdirSync(file.replace(/[^/]+$/, ''), { recursive: true });
    writeFileSync(file, text);
  }
  assert.ok(existsSync(file), `missing ${file}; run with LBAAS_UPDATE_GOLDEN=1`);
  assert.equal(text, readFileSync(file, 'utf8'));
}

for (const [name, state] of Object.entries(GOLDEN_SCENARIOS)) {
  test(`golden ${name}`, () => {
    checkGolden(`${dir}${name}.cfg`, renderHaproxyConfig(state, GOLDEN_ENV));
  });
}

for (const [name, state] of Object.entries(TLS_GOLDEN_SCENARIOS)) {
  test(`golden tls/${name}`, () => {
    const rendered = renderHaproxy(state, GOLDEN_TLS_ENV);
    checkGolden(`${tlsDir}${name}.cfg`, rendered.cfg);
    checkGolden(`${tlsDir}${name}.files`, describeFiles(rendered.files));
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
  const tlsFiles = readdirSync(tlsDir).filter((f) => f.endsWith('.cfg') || f.endsWith('.files'));
  assert.deepEqual(
    tlsFiles.sort(),
    Object.keys(TLS_GOLDEN_SCENARIOS)
      .flatMap((n) => [`${n}.cfg`, `${n}.files`])
      .sort(),
  );
});

function shuffled(state: DesiredState): DesiredState {
  return {
    ...state,
    listeners: [...state.listeners].reverse(),
    pools: [...state.pools].reverse(),
    members: [...state.members].reverse(),
    healthMonitors: [...state.healthMonitors].reverse(),
    l7Policies: [...state.l7Policies].reverse(),
    l7Rules: [...state.l7Rules].reverse(),
  };
}

test('rendering is deterministic whatever the input order', () => {
  const all: [DesiredState, HaproxyRenderEnv][] = [
    ...Object.values(GOLDEN_SCENARIOS).map((s): [DesiredState, HaproxyRenderEnv] => [s, GOLDEN_ENV]),
    ...Object.values(TLS_GOLDEN_SCENARIOS).map((s): [DesiredState, HaproxyRenderEnv] => [s, GOLDEN_TLS_ENV]),
  ];
  for (const [state, env] of all) {
    assert.deepEqual(renderHaproxy(shuffled(state), env), renderHaproxy(state, env));
  }
});
