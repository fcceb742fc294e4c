import { CachedTokenSource, keystonePasswordLogin, type AgentTokenSource } from '@lbaas/agent';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import type { AgentFlags } from './agent.command.js';
import { startAgent } from './agent-runtime.js';
import { networkModeChoice } from './network-mode-flags.js';

/**
 * Keystone credentials of the agent: the password from --password-file (LBAAS_AGENT_PASSWORD_FILE) or
 * LBAAS_AGENT_PASSWORD. Without either the agent sends no token (a server with --auth noauth).
 */
function tokenSource(flags: AgentFlags): AgentTokenSource | undefined {
  let password = process.env.LBAAS_AGENT_PASSWORD || undefined;
  if (flags.passwordFile) password = readFileSync(flags.passwordFile, 'utf8').split('\n')[0]?.trim();
  if (!password) return undefined;
  return new CachedTokenSource(
    keystonePasswordLogin({
      serverUrl: flags.server,
      authUrl: flags.authUrl,
      username: flags.username,
      password,
      projectName: flags.project,
    }),
  );
}

/** The `lbaas agent` service: runs until SIGINT/SIGTERM (loaded only when the service starts). */
export async function runAgentService(flags: AgentFlags): Promise<void> {
  let network;
  try {
    network = networkModeChoice(flags, process.getuid?.());
  } catch (err) {
    process.stderr.write(`lbaas: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
    return;
  }
  const logger = pino({ level: flags.logLevel });
  const tokens = tokenSource(flags);
  const agent = await startAgent({
    serverUrl: flags.server,
    stateDir: flags.stateDir,
    haproxyPath: flags.haproxy,
    network,
    logger,
    tokens,
  });
  logger.info(
    {
      agentId: agent.agentId,
      baseDir: agent.baseDir,
      auth: tokens ? `keystone as ${flags.username}` : 'none',
      networkMode: network.mode,
      ...(tokens && flags.authUrl ? { authUrl: flags.authUrl } : {}),
    },
    'agent started',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  // HAProxy processes are left running on purpose: the data plane outlives the agent.
  await agent.stop();
}
