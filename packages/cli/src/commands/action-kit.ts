import type { Command } from 'commander';
import { CliError } from '../cli-error.js';
import type { ApiClient } from '../client/api-client.js';
import { createClient } from '../client/create-client.js';
import { addOutputOptions, outputOptionsFrom } from '../output/output-options.js';
import { formatList } from '../output/format-list.js';
import { formatShow } from '../output/format-show.js';

/** What an API command prints: a show table, a list, or plain text; nothing for set/delete. */
export type CommandOutput =
  | { kind: 'show'; fields: readonly string[]; values: readonly unknown[] }
  | { kind: 'list'; columns: readonly string[]; rows: readonly (readonly unknown[])[] }
  | { kind: 'text'; text: string };

/** What a command's run function gets. */
export interface ActionContext {
  /** The authenticated client, created on first use (so `--help` and client-side errors need no cloud). */
  client(): Promise<ApiClient>;
  /** This command's own options. */
  flags: Record<string, unknown>;
  stderr: NodeJS.WriteStream;
}

type Run = (ctx: ActionContext, ...positionals: string[]) => Promise<CommandOutput | void>;

/** Adds `name` under `parent`, with cliff's output options for `show`/`list` commands. */
export function apiCommand(
  parent: Command,
  name: string,
  description: string,
  kind: 'show' | 'list' | 'none',
): Command {
  const cmd = parent.command(name).description(description);
  if (kind !== 'none') addOutputOptions(cmd, kind);
  return cmd;
}

/** Prints a failure the way the openstack CLI does: one line, no stack unless --debug. */
export function reportFailure(err: unknown, stderr: NodeJS.WritableStream, debug: boolean): number {
  if (err instanceof CliError) {
    stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  stderr.write(`lbaas: ${message}\n`);
  if (debug && err instanceof Error && err.stack) stderr.write(`${err.stack}\n`);
  return 1;
}

/** Sets `cmd`'s action: runs `run`, prints its output in the chosen format, maps failures to exit codes. */
export function onRun(cmd: Command, run: Run): Command {
  return cmd.action(async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const positionals = args.slice(0, command.registeredArguments.length) as string[];
    const globals = command.optsWithGlobals();
    const debug = globals['debug'] === true;
    let client: Promise<ApiClient> | undefined;
    const ctx: ActionContext = {
      client: () => (client ??= createClient(globals, process.env, { stderr: process.stderr })),
      flags: command.opts(),
      stderr: process.stderr,
    };
    try {
      const output = await run(ctx, ...positionals);
      if (output) process.stdout.write(render(output, command.opts()));
    } catch (err) {
      process.exitCode = reportFailure(err, process.stderr, debug);
    }
  });
}

function render(output: CommandOutput, flags: Record<string, unknown>): string {
  if (output.kind === 'text') return output.text;
  const opts = outputOptionsFrom(flags);
  const env = {
    terminalWidth: process.stdout.isTTY ? process.stdout.columns : undefined,
    envMaxWidth: process.env['CLIFF_MAX_TERM_WIDTH'],
    envFitWidth: process.env['CLIFF_FIT_WIDTH'],
  };
  return output.kind === 'show'
    ? formatShow(output.fields, output.values, opts, env)
    : formatList(output.columns, output.rows, opts, env);
}
