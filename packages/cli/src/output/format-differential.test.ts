import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { CliError } from '../cli-error.js';
import { formatList } from './format-list.js';
import { formatShow } from './format-show.js';
import type { OutputOptions } from './output-options.js';
import type { OutputEnv } from './table-width.js';

interface Case {
  name: string;
  kind: 'list' | 'show';
  names: string[];
  data: unknown[];
  opts: OutputOptions;
  env: OutputEnv;
  stdout?: string;
  error?: string;
}

// Rendered by cliff 4.0.0 itself: see fixtures/make-expected.py.
const { cases } = JSON.parse(readFileSync(new URL('./fixtures/expected.json', import.meta.url), 'utf8')) as {
  cases: Case[];
};

function render(c: Case): string {
  return c.kind === 'list'
    ? formatList(c.names, c.data as unknown[][], c.opts, c.env)
    : formatShow(c.names, c.data, c.opts, c.env);
}

for (const c of cases) {
  test(`matches cliff: ${c.name}`, () => {
    if (c.error !== undefined) {
      assert.throws(
        () => render(c),
        (err: unknown) => err instanceof CliError && err.message === c.error && err.exitCode === 1,
      );
    } else assert.equal(render(c), c.stdout);
  });
}
