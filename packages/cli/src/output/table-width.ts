import { CliError } from '../cli-error.js';
import type { OutputOptions } from './output-options.js';
import { pyInt } from './py-int.js';
import { pyRepr } from './py-repr.js';

/** Where cliff takes its width settings from besides the flags: the terminal and its environment. */
export interface OutputEnv {
  /** The terminal's width, only when stdout is a TTY. */
  terminalWidth?: number | undefined;
  /** `CLIFF_MAX_TERM_WIDTH`: the default of `--max-width`. */
  envMaxWidth?: string | undefined;
  /** `CLIFF_FIT_WIDTH`: `1` turns `--fit-width` on by default. */
  envFitWidth?: string | undefined;
}

/** The resolved table width settings: cliff's `max_width`, `fit_width` and the terminal width. */
export interface TableWidth {
  maxWidth: number;
  fitWidth: boolean;
  terminalWidth: number | undefined;
}

function envInt(text: string): number {
  const value = pyInt(text);
  if (value === undefined) throw new CliError(`invalid literal for int() with base 10: ${pyRepr(text)}`);
  return value;
}

/** Combines the flags with cliff's environment defaults (an explicit flag wins; `maxWidth` 0 means unset). */
export function tableWidth(opts: OutputOptions, env: OutputEnv = {}): TableWidth {
  return {
    maxWidth: opts.maxWidth !== 0 ? opts.maxWidth : envInt(env.envMaxWidth ?? '0'),
    fitWidth: opts.fitWidth || envInt(env.envFitWidth ?? '0') !== 0,
    terminalWidth: env.terminalWidth,
  };
}
