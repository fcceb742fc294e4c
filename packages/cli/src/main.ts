import { Command, CommanderError } from 'commander';
import { addAgentCommand } from './commands/agent.command.js';
import { addNetworkModeOptions, networkModeChoice } from './commands/network-mode-flags.js';
import { addServerOptions, runServer } from './commands/server.command.js';

/** Builds the `lbaas` command tree. */
export function buildProgram(): Command {
  const program = new Command('lbaas')
    .description('Load Balancing as a Service, wire-compatible with OpenStack Octavia')
    .version('0.1.0')
    .exitOverride();
  addServerOptions(
    program
      .command('server')
      .description('run the API server (Octavia v2, network subset, agent protocol, /healthz)'),
  ).action(async (flags: Record<string, string | undefined>) => {
    process.exitCode = await runServer(flags, { banner: false, embedAgent: false, demo: false });
  });
  addNetworkModeOptions(
    addServerOptions(
      program
        .command('up')
        .description(
          'run server + agent in one process: loopback VIPs by default, SQLite in ./.lbaas, real HAProxy per load balancer',
        ),
    ),
  )
    .option(
      '--demo',
      'also start two local HTTP backends and a load balancer over them, and print a curl to try',
      false,
    )
    .option('--haproxy <path>', 'haproxy binary (default: haproxy on PATH)', undefined)
    .action(async (flags: Record<string, string | boolean | undefined>) => {
      const { demo, haproxy, networkMode, vipInterface, ...server } = flags;
      let network;
      try {
        network = networkModeChoice({ networkMode, vipInterface }, process.getuid?.());
      } catch (err) {
        process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exitCode = 2;
        return;
      }
      process.exitCode = await runServer(
        { logLevel: 'warn', driver: 'agent', ...(server as Record<string, string | undefined>) },
        {
          banner: true,
          embedAgent: true,
          demo: demo === true,
          haproxyPath: typeof haproxy === 'string' ? haproxy : undefined,
          network,
        },
      );
    });
  addAgentCommand(program);
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
