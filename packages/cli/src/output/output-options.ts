import { InvalidArgumentError, Option, type Command } from 'commander';
import { pyInt } from './py-int.js';

export type OutputFormat = 'table' | 'json' | 'yaml' | 'value' | 'csv' | 'shell';

/** cliff's display options, parsed from the command line. */
export interface OutputOptions {
  format: OutputFormat;
  /** `-c/--column`, repeatable; empty = all columns. */
  columns: string[];
  noindent: boolean;
  /**
   * `--max-width`: 0 = not given (then env CLIFF_MAX_TERM_WIDTH applies, as cliff's default); < 0 = no limit
   * (an explicit `--max-width 0` is stored as -1 so that it still overrides the environment).
   */
  maxWidth: number;
  fitWidth: boolean;
  printEmpty: boolean;
  quote: 'all' | 'minimal' | 'none' | 'nonnumeric';
  prefix: string;
  sortColumns: string[];
  sortAscending: boolean;
}

const FORMATS = {
  list: ['csv', 'json', 'table', 'value', 'yaml'],
  show: ['json', 'shell', 'table', 'value', 'yaml'],
};
const QUOTE_MODES = ['all', 'minimal', 'none', 'nonnumeric'];

function usageError(message: string): InvalidArgumentError {
  const err = new InvalidArgumentError(message);
  err.exitCode = 2;
  return err;
}

function choiceOption(flags: string, help: string, choices: readonly string[]): Option {
  return new Option(flags, help).choices(choices).argParser((value: string) => {
    if (choices.includes(value)) return value;
    throw usageError(`invalid choice: '${value}' (choose from ${choices.map((c) => `'${c}'`).join(', ')})`);
  });
}

function repeatable(flags: string, help: string): Option {
  return new Option(flags, help).argParser((value: string, previous: string[] | undefined) => [
    ...(previous ?? []),
    value,
  ]);
}

function integerOption(flags: string, help: string): Option {
  return new Option(flags, help).argParser((value: string) => {
    const parsed = pyInt(value);
    if (parsed === undefined) throw usageError(`invalid int value: '${value}'`);
    return parsed;
  });
}

/**
 * Registers cliff's output options of a `Lister` (`kind` 'list') or `ShowOne` ('show') on `cmd`, with cliff's
 * help texts and groups; bad values are usage errors with exit code 2, as with argparse.
 */
export function addOutputOptions(cmd: Command, kind: 'list' | 'show'): Command {
  const group = (heading: string, ...options: Option[]): void => {
    for (const option of options) cmd.addOption(option.helpGroup(heading));
  };
  group(
    'output formatters:',
    choiceOption('-f, --format <format>', 'the output format, defaults to table', FORMATS[kind]),
    repeatable(
      '-c, --column <COLUMN>',
      'specify the column(s) to include, can be repeated to show multiple columns',
    ),
  );
  if (kind === 'list') {
    group(
      'output formatters:',
      repeatable(
        '--sort-column <SORT_COLUMN>',
        'specify the column(s) to sort the data (columns specified first have a priority, ' +
          'non-existing columns are ignored), can be repeated',
      ),
      new Option('--sort-ascending', 'sort the column(s) in ascending order'),
      new Option('--sort-descending', 'sort the column(s) in descending order'),
    );
    group(
      'CSV Formatter:',
      choiceOption('--quote <quote>', 'when to include quotes, defaults to nonnumeric', QUOTE_MODES),
    );
    cmd.hook('preAction', (self) => {
      const flags = self.opts();
      if (flags['sortAscending'] === true && flags['sortDescending'] === true) {
        self.error('error: argument --sort-descending: not allowed with argument --sort-ascending', {
          exitCode: 2,
          code: 'commander.conflictingOption',
        });
      }
    });
  }
  group('json formatter:', new Option('--noindent', 'whether to disable indenting the JSON'));
  if (kind === 'show') {
    group('shell formatter:', new Option('--prefix <PREFIX>', 'add a prefix to all variable names'));
  }
  group(
    'table formatter:',
    integerOption(
      '--max-width <integer>',
      'Maximum display width, <1 to disable. You can also use the CLIFF_MAX_TERM_WIDTH environment ' +
        'variable, but the parameter takes precedence.',
    ),
    new Option(
      '--fit-width',
      'Fit the table to the display width. Implied if --max-width greater than 0. Set the environment ' +
        'variable CLIFF_FIT_WIDTH=1 to always enable',
    ),
    new Option('--print-empty', 'Print empty table if there is no data to show.'),
  );
  return cmd;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** Reads the options `addOutputOptions` registered back from commander's parsed flags, with cliff's defaults. */
export function outputOptionsFrom(flags: Record<string, unknown>): OutputOptions {
  const maxWidth = flags['maxWidth'];
  return {
    format: (flags['format'] as OutputFormat | undefined) ?? 'table',
    columns: strings(flags['column']),
    noindent: flags['noindent'] === true,
    maxWidth: typeof maxWidth === 'number' ? maxWidth || -1 : 0,
    fitWidth: flags['fitWidth'] === true,
    printEmpty: flags['printEmpty'] === true,
    quote: (flags['quote'] as OutputOptions['quote'] | undefined) ?? 'nonnumeric',
    prefix: typeof flags['prefix'] === 'string' ? flags['prefix'] : '',
    sortColumns: strings(flags['sortColumn']),
    sortAscending: flags['sortDescending'] !== true,
  };
}
