import { Command, CommanderError } from 'commander';
import { addGlobalOptions } from './client/global-options.js';
import { reportFailure } from './commands/action-kit.js';
import { addAgentCommand } from './commands/agent.command.js';
import { addCompletionCommand } from './commands/completion.command.js';
import { addLoadBalancerGroup } from './commands/loadbalancer/loadbalancer-group.js';
import { addFloatingIpCommands } from './commands/network/floating-ip.commands.js';
import { addNetworkCommands } from './commands/network/network.commands.js';
import { addPortCommands } from './commands/network/port.commands.js';
import { addSubnetCommands } from './commands/network/subnet.commands.js';
import { addNetworkModeOptions } from './commands/network-mode-options.js';
import { addServerOptions } from './commands/server-options.js';

/** Builds the `lbaas` command tree. */
export function buildProgram(): Command {
  const program = new Command('lbaas')
    .description('Load Balancing as a Service, wire-compatible with OpenStack Octavia')
    .version('0.1.0')
    .exitOverride()
    .showHelpAfterError('(add --help for usage)');
  addGlobalOptions(program);
  addLoadBalancerGroup(program);
  addNetworkCommands(program);
  addSubnetCommands(program);
  addPortCommands(program);
  addFloatingIpCommands(program);
  addServerOptions(
    program
      .command('server')
      .description('run the API server (Octavia v2, network subset, agent protocol, /healthz)'),
  ).action(async (flags: Record<string, string | undefined>) => {
    // The services load the server and agent packages only when they run: resource commands start fast.
    const { runServer } = await import('./commands/server.command.js');
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
      const { networkModeChoice } = await import('./commands/network-mode-flags.js');
      const { runServer } = await import('./commands/server.command.js');
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
  addCompletionCommand(program);
  return program;
}

/** Runs the CLI with argv; resolves with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // Usage errors exit 2 like argparse; --help and --version exit 0.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    return reportFailure(err, process.stderr, argv.includes('--debug'));
  }
}
