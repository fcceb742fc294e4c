import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../cli-error.js';
import { formatList } from './format-list.js';
import { formatShow } from './format-show.js';
import type { OutputOptions } from './output-options.js';
import { pyStr } from './py-str.js';
import { pythonJson } from './python-json.js';

const opts: OutputOptions = {
  format: 'value',
  columns: [],
  noindent: false,
  maxWidth: 0,
  fitWidth: false,
  printEmpty: false,
  quote: 'nonnumeric',
  prefix: '',
  sortColumns: [],
  sortAscending: true,
};

// Expected strings are Python 3.11's str() / json.dumps() of the same values.
test('pyStr is Python str()', () => {
  assert.equal(pyStr('a'), 'a');
  assert.equal(pyStr(undefined), '');
  assert.equal(pyStr(null), 'None');
  assert.equal(pyStr(true), 'True');
  assert.equal(pyStr(3), '3');
  assert.equal(pyStr(0.1), '0.1');
  assert.equal(pyStr(1e-5), '1e-05');
  assert.equal(pyStr(2 ** 60), '1.152921504606847e+18');
  assert.equal(
    pyStr(['a', "it's", 'x"y', 'é', '\u200b', '\x7f', '😀', null, [1.5, false]]),
    `['a', "it's", 'x"y', 'é', '\\u200b', '\\x7f', '😀', None, [1.5, False]]`,
  );
  assert.equal(pyStr({ k: 'v', n: { t: true } }), "{'k': 'v', 'n': {'t': True}}");
  assert.equal(pyStr(['both \' and "']), `['both \\' and "']`);
});

test('pythonJson is json.dumps, as octaviaclient prints with indent=4', () => {
  assert.equal(
    pythonJson({ a: [1, 'é'], b: {} }, 4),
    '{\n    "a": [\n        1,\n        "\\u00e9"\n    ],\n    "b": {}\n}',
  );
  assert.equal(pythonJson({ a: [], b: '😀' }), '{"a": [], "b": "\\ud83d\\ude00"}');
  assert.equal(
    pythonJson(
      new Map([
        ['2', 1],
        ['1', 2],
      ]),
    ),
    '{"2": 1, "1": 2}',
  );
});

test('undefined values print as empty strings', () => {
  assert.equal(formatList(['a', 'b'], [[undefined, 'x']], opts), ' x\n');
  assert.equal(formatShow(['a'], [undefined], { ...opts, format: 'json' }), '{\n  "a": ""\n}\n');
});

test('a format the command kind lacks is a usage error', () => {
  assert.throws(
    () => formatList(['a'], [], { ...opts, format: 'shell' }),
    (e: unknown) => e instanceof CliError && e.exitCode === 2,
  );
  assert.throws(
    () => formatShow(['a'], [1], { ...opts, format: 'csv' }),
    (e: unknown) => e instanceof CliError && e.exitCode === 2,
  );
});

test('a bad CLIFF_MAX_TERM_WIDTH fails like int() does', () => {
  assert.throws(() => formatList(['a'], [['x']], { ...opts, format: 'table' }, { envMaxWidth: 'wide' }), {
    message: "invalid literal for int() with base 10: 'wide'",
  });
});
