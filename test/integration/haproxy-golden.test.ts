import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  GOLDEN_RUN_DIR,
  desired,
  listener,
  policy,
  pool,
  rule,
  uuid,
} from '../../packages/core/src/render/render-fixtures.js';
import { fuzzCases } from '../../packages/core/src/render/render-fuzz-fixtures.js';
import { renderHaproxyConfig } from '../../packages/core/src/render/render-haproxy-config.js';

// `haproxy -c` on every golden file and on a bounded sample of fuzz cases the renderer accepted: the
// golden files pin the text, this proves HAProxy 2.6 parses it the way the renderer meant.

const goldenDir = fileURLToPath(new URL('../../packages/core/src/render/golden/', import.meta.url));
const MAX_FUZZ_CHECKS = 30;

function haproxyInstalled(): boolean {
  const r = spawnSync('haproxy', ['-v'], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

const installed = haproxyInstalled();
const skip = installed ? false : 'haproxy not installed (apt-get install haproxy)';
if (!installed && process.env['CI'] !== undefined) {
  test('haproxy is installed in CI', () => {
    assert.fail('haproxy not installed (apt-get install haproxy)');
  });
}

const work = mkdtempSync(join(tmpdir(), 'lbaas-haproxy-c-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `haproxy -c` on `text`; returns exit status and output for the assertion message. */
function check(name: string, text: string): { status: number | null; output: string } {
  const file = join(work, `${name}.cfg`);
  writeFileSync(file, text);
  const r = spawnSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const goldenFiles = readdirSync(goldenDir)
  .filter((f) => f.endsWith('.cfg'))
  .sort();

test('golden files exist', () => {
  assert.ok(goldenFiles.length >= 12, `only ${goldenFiles.length} golden files`);
});

for (const file of goldenFiles) {
  test(`haproxy -c accepts golden ${file}`, { skip }, () => {
    const runDir = join(work, file.replace(/\.cfg$/, ''));
    const text = readFileSync(join(goldenDir, file), 'utf8').split(GOLDEN_RUN_DIR).join(runDir);
    const { status, output } = check(file.replace(/\.cfg$/, ''), text);
    assert.equal(status, 0, output);
    // The only expected warning is the server-state file that the agent writes before the first reload.
    const warnings = output
      .split('\n')
      .filter((l) => l.includes('[WARNING]') && !l.includes('server state file'));
    assert.deepEqual(warnings, []);
  });
}

test('haproxy -c accepts a sample of fuzzed values the renderer let through', { skip }, () => {
  let checked = 0;
  for (const c of fuzzCases(0x1bac5, 600)) {
    if (checked >= MAX_FUZZ_CHECKS) break;
    let text: string;
    try {
      text = renderHaproxyConfig(c.state, c.env);
    } catch {
      continue;
    }
    // Header values are constants in the output; spend the budget on the quoted fields.
    if (c.field === 'header_value') continue;
    const { status, output } = check(`fuzz-${checked}`, text);
    assert.equal(status, 0, `${c.field}=${JSON.stringify(c.value)}\n${output}\n${text}`);
    checked++;
  }
  assert.ok(checked > 0);
});

test(
  'haproxy -c accepts the largest L7 policies the API allows (50 rules, 255-character values)',
  { skip },
  () => {
    const worst = '$"\\#%'.repeat(51);
    const rules = Array.from({ length: 50 }, (_, i) =>
      rule(i + 1, 1 + (i % 3), {
        type: 'HEADER',
        compare_type: 'EQUAL_TO',
        key: `X-${'$'.repeat(252)}`,
        value: worst,
        invert: true,
      }),
    );
    // Policy 1 owns 17 rules; give it all 50 so the action line is as long as it gets.
    const all = rules.map((r) => ({ ...r, l7policy_id: uuid('y', 2) }));
    const state = desired({
      listeners: [listener(1)],
      pools: [pool(1), pool(2)],
      l7Policies: [
        policy(1, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
        policy(2, {
          action: 'REDIRECT_TO_URL',
          redirect_url: `https://x.example/${'%'.repeat(237)}`,
          redirect_http_code: 308,
        }),
      ],
      l7Rules: [rule(99, 1), ...all],
    });
    const runDir = join(work, 'l7-max');
    const text = renderHaproxyConfig(state, { runDir, maxconn: 1000 });
    const { status, output } = check('l7-max', text);
    assert.equal(status, 0, output);
    assert.deepEqual(
      output.split('\n').filter((l) => l.includes('[WARNING]') && !l.includes('server state file')),
      [],
    );
  },
);
