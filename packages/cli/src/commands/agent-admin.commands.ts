import type { Command } from 'commander';
import type { ApiClient } from '../client/api-client.js';
import { CliError } from '../cli-error.js';
import { apiCommand, onRun } from './action-kit.js';
import { addEnableDisable, enabledField } from './common-options.js';
import { FMT, listOutput, same, showOutput, type CellFormat, type Field } from './network/neutron-common.js';

type Agent = Record<string, unknown>;

/** osc's network-agent AliveColumn: `:-)` when alive, `XXX` when not (tables only). */
const alive: CellFormat = (v) => ({ human: v ? ':-)' : 'XXX', machine: v });

/** The number of load balancers placed on an agent (list column). */
const count: CellFormat = (v) => {
  const n = Array.isArray(v) ? v.length : 0;
  return { human: n, machine: n };
};

/** `agent show` rows: every attribute, sorted, like `openstack network agent show`. */
export const AGENT_ROWS: readonly Field[] = [
  same('admin_state_up', FMT.adminState),
  same('alive', alive),
  same('base_dir'),
  same('created_at'),
  same('host'),
  same('id'),
  same('last_seen'),
  same('load_balancers', FMT.list),
  same('maxconn'),
  same('version'),
];

/** `agent list` columns (`openstack network agent list` style: `:-)`/`XXX`, UP/DOWN). */
export const AGENT_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Host', 'host'],
  ['Alive', 'alive', alive],
  ['Admin State Up', 'admin_state_up', FMT.adminState],
  ['Load Balancers', 'load_balancers', count],
];

/** An agent by id, else by host (one match; the messages follow openstacksdk's `find`). */
async function findAgent(client: ApiClient, value: string): Promise<Agent> {
  const direct = await client.requestOptional<{ agent: Agent }>(
    'agent',
    'GET',
    `/agents/${encodeURIComponent(value)}`,
  );
  if (direct?.agent) return direct.agent;
  const { agents } = await client.request<{ agents: Agent[] }>('agent', 'GET', '/agents');
  const matches = agents.filter((a) => a['id'] === value || a['host'] === value);
  if (matches.length > 1) throw new CliError(`More than one Agent exists with the host '${value}'.`);
  if (matches[0]) return matches[0];
  throw new CliError(`No Agent found for ${value}`);
}

/**
 * `lbaas agent list|show|set`: the operators' view of the HAProxy agents (admin only), under the
 * `lbaas agent` command that, without a subcommand, runs the agent itself.
 */
export function addAgentAdminCommands(agentCmd: Command): void {
  const list = apiCommand(agentCmd, 'list', 'List agents (admin)', 'list');
  onRun(list, async (ctx) => {
    const { agents } = await (await ctx.client()).request<{ agents: Agent[] }>('agent', 'GET', '/agents');
    return listOutput(ctx, agents, AGENT_COLUMNS);
  });

  const show = apiCommand(agentCmd, 'show', 'Display agent details (admin)', 'show').argument(
    '<agent>',
    'Agent to display (ID or host)',
  );
  onRun(show, async (ctx, value) => showOutput(ctx, await findAgent(await ctx.client(), value), AGENT_ROWS));

  const set = apiCommand(agentCmd, 'set', 'Set agent properties (admin)', 'none').argument(
    '<agent>',
    'Agent to modify (ID or host)',
  );
  addEnableDisable(
    set,
    'Enable agent: it gets new load balancers again',
    'Disable (drain) agent: it gets no new load balancers and keeps running the ones it has',
  );
  onRun(set, async (ctx, value) => {
    const attrs = enabledField(ctx.flags);
    if (Object.keys(attrs).length === 0) return;
    const client = await ctx.client();
    const agent = await findAgent(client, value);
    await client.request('agent', 'PUT', `/agents/${encodeURIComponent(String(agent['id']))}`, {
      body: { agent: attrs },
    });
  });
}
