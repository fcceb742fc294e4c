import { Option, type Command } from 'commander';
import { CliError } from '../cli-error.js';

/** The default `--timeout` of `--wait`, in seconds. */
export const DEFAULT_WAIT_TIMEOUT_S = 300;

/** `--enable` / `--disable` (mutually exclusive) with osc's help texts. */
export function addEnableDisable(cmd: Command, enableHelp: string, disableHelp: string): Command {
  return cmd
    .addOption(new Option('--enable', enableHelp))
    .addOption(new Option('--disable', disableHelp).conflicts('enable'));
}

/** `admin_state_up` (or another field) from --enable/--disable; `createDefault` for creates (true). */
export function enabledField(
  flags: Record<string, unknown>,
  field = 'admin_state_up',
  createDefault?: boolean,
): Record<string, boolean> {
  if (flags['disable'] === true) return { [field]: false };
  if (flags['enable'] === true) return { [field]: true };
  return createDefault === undefined ? {} : { [field]: createDefault };
}

/** `--wait` and `--timeout` (lbaas extra: osc waits forever). */
export function addWaitOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--wait', 'Wait for action to complete.'))
    .addOption(
      new Option(
        '--timeout <seconds>',
        `With --wait: give up after this many seconds (default ${DEFAULT_WAIT_TIMEOUT_S}).`,
      )
        .argParser((v) => positiveNumber(v, '--timeout'))
        .default(DEFAULT_WAIT_TIMEOUT_S),
    );
}

/** Parses a positive number or fails with a usage error. */
function positiveNumber(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new CliError(`${flag}: '${value}' is not a positive number`, 2);
  return n;
}

/** Parses an integer argument like argparse's `type=int`. */
export function intArg(flag: string, min?: number, max?: number): (value: string) => number {
  return (value: string) => {
    const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isInteger(n)) throw new CliError(`argument ${flag}: invalid int value: '${value}'`, 2);
    if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
      throw new CliError(`argument ${flag}: invalid choice: ${n} (choose from ${min}..${max})`, 2);
    }
    return n;
  };
}

/** A choice option whose value is upper-cased first, like octaviaclient's `type=lambda s: s.upper()`. */
export function upperChoice(flags: string, help: string, choices: readonly string[]): Option {
  return new Option(flags, help).argParser((v) => {
    const up = v.toUpperCase();
    if (!choices.includes(up)) {
      throw new CliError(
        `argument ${flags.split(' ')[0]}: invalid choice: '${up}' (choose from ${choices.map((c) => `'${c}'`).join(', ')})`,
        2,
      );
    }
    return up;
  });
}

/** Python's repr of a number argparse parsed with `type=int` or `type=float` (`2` → `2.0` for floats). */
function pyNumberRepr(n: number, type: 'int' | 'float'): string {
  return type === 'float' && Number.isInteger(n) && Math.abs(n) < 1e16 ? n.toFixed(1) : String(n);
}

/**
 * argparse's `type=int` (or `float`) with `choices=[…]` (e.g. `range(1, 10)`): the parsed value, or argparse's
 * usage error (`invalid int value: 'x'`, `invalid choice: 10 (choose from 1, 2, …)`).
 */
export function numberChoice(
  flag: string,
  choices: readonly number[],
  type: 'int' | 'float' = 'int',
): (value: string) => number {
  const syntax = type === 'int' ? /^\s*[+-]?\d+\s*$/ : /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
  return (value: string) => {
    if (!syntax.test(value)) throw new CliError(`argument ${flag}: invalid ${type} value: '${value}'`, 2);
    const n = Number(value);
    if (!choices.includes(n)) {
      const allowed = choices.map((c) => pyNumberRepr(c, type)).join(', ');
      throw new CliError(
        `argument ${flag}: invalid choice: ${pyNumberRepr(n, type)} (choose from ${allowed})`,
        2,
      );
    }
    return n;
  };
}
