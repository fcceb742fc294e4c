import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Command, CommanderError } from 'commander';
import { addOutputOptions, outputOptionsFrom, type OutputOptions } from './output-options.js';

function parse(kind: 'list' | 'show', args: string[]): OutputOptions {
  let flags: Record<string, unknown> = {};
  const cmd = addOutputOptions(new Command('x').exitOverride(), kind).action(
    (opts: Record<string, unknown>) => {
      flags = opts;
    },
  );
  cmd.configureOutput({ writeErr: () => undefined });
  cmd.parse(args, { from: 'user' });
  return outputOptionsFrom(flags);
}

function usageExit(kind: 'list' | 'show', args: string[]): number {
  try {
    parse(kind, args);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    throw err;
  }
  return 0;
}

test('defaults are cliff defaults', () => {
  assert.deepEqual(parse('list', []), {
    format: 'table',
    columns: [],
    noindent: false,
    maxWidth: 0,
    fitWidth: false,
    printEmpty: false,
    quote: 'nonnumeric',
    prefix: '',
    sortColumns: [],
    sortAscending: true,
  });
});

test('list options parse, -c and --sort-column repeat', () => {
  const opts = parse('list', [
    ...['-f', 'csv', '-c', 'id', '--column', 'name', '--sort-column', 'b', '--sort-column', 'a'],
    ...[
      '--sort-descending',
      '--quote',
      'all',
      '--noindent',
      '--max-width',
      '40',
      '--fit-width',
      '--print-empty',
    ],
  ]);
  assert.deepEqual(opts, {
    format: 'csv',
    columns: ['id', 'name'],
    noindent: true,
    maxWidth: 40,
    fitWidth: true,
    printEmpty: true,
    quote: 'all',
    prefix: '',
    sortColumns: ['b', 'a'],
    sortAscending: false,
  });
});

test('show options parse; an explicit --max-width 0 is kept apart from "not given"', () => {
  const opts = parse('show', ['-f', 'shell', '--prefix', 'lb_', '--max-width', '0']);
  assert.equal(opts.format, 'shell');
  assert.equal(opts.prefix, 'lb_');
  assert.equal(opts.maxWidth, -1);
});

test('formats differ between list and show, like the cliff formatter entry points', () => {
  assert.equal(usageExit('list', ['-f', 'shell']), 2);
  assert.equal(usageExit('show', ['-f', 'csv']), 2);
  assert.equal(usageExit('show', ['--quote', 'all']), 1);
  assert.equal(usageExit('list', ['--prefix', 'x']), 1);
  assert.equal(usageExit('list', ['--quote', 'some']), 2);
  assert.equal(usageExit('list', ['--max-width', 'wide']), 2);
  assert.equal(usageExit('list', ['--sort-ascending', '--sort-descending']), 2);
  assert.equal(parse('list', ['--max-width', ' 1_0 ']).maxWidth, 10);
});

test('help lists the options under cliff group titles', () => {
  const list = addOutputOptions(new Command('list'), 'list').helpInformation();
  const show = addOutputOptions(new Command('show'), 'show').helpInformation();
  for (const heading of ['output formatters:', 'CSV Formatter:', 'json formatter:', 'table formatter:']) {
    assert.ok(list.includes(heading), heading);
  }
  assert.ok(show.includes('shell formatter:') && !show.includes('CSV Formatter:'));
  assert.match(list, /--sort-column <SORT_COLUMN>/);
  assert.match(show, /--prefix <PREFIX>/);
  assert.match(list, /-f, --format <format>/);
});
