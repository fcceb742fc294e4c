import { Command, CommanderError } from 'commander';
import { addServerOptions, runServer } from './commands/server.command.js';

/** Builds the `lbaas` command tree. */
export function buildProgram(): Command {
  const program = new Command('lbaas')
    .description('Load Balancing as a Service, wire-compatible with OpenStack Octavia')
    .version('0.1.0')
    .exitOverride();
  addServerOptions(
    program.command('server').description('run the API server (Octavia v2, network subset, /healthz)'),
  ).action(async (flags: Record<string, string | undefined>) => {
    process.exitCode = await runServer(flags, { banner: false });
  });
  addServerOptions(
    program
      .command('up')
      .description(
        'run everything on this machine with demo-ready defaults (loopback VIPs, SQLite in ./.lbaas)',
      ),
  ).action(async (flags: Record<string, string | undefined>) => {
    process.exitCode = await runServer({ logLevel: 'warn', ...flags }, { banner: true });
  });
  return program;
}

/** Runs the CLI with argv; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
