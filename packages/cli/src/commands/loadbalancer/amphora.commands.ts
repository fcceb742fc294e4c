import type { Command } from 'commander';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addWaitOptions, upperChoice } from '../common-options.js';
import { LOOKUPS, lookupId, type Lookup } from '../octavia-lookups.js';
import { lbPath, showObject, waitActiveIfAsked, waitDeletedIfAsked } from '../octavia-wait.js';
import { showRow } from '../show-row.js';
import { STATS_ROWS } from './load-balancer.commands.js';

/** `loadbalancer amphora show` rows (python-octaviaclient AMPHORA_ROWS). */
export const AMPHORA_ROWS = [
  'id',
  'loadbalancer_id',
  'compute_id',
  'lb_network_ip',
  'vrrp_ip',
  'ha_ip',
  'vrrp_port_id',
  'ha_port_id',
  'cert_expiration',
  'cert_busy',
  'role',
  'status',
  'vrrp_interface',
  'vrrp_id',
  'vrrp_priority',
  'cached_zone',
  'created_at',
  'updated_at',
  'image_id',
  'compute_flavor',
] as const;

/** `loadbalancer amphora list` columns. */
export const AMPHORA_COLUMNS = ['id', 'loadbalancer_id', 'status', 'role', 'lb_network_ip', 'ha_ip'] as const;

/** `loadbalancer amphora list --long` columns. */
export const AMPHORA_COLUMNS_LONG = [...AMPHORA_COLUMNS, 'compute_id', 'cached_zone', 'image_id'] as const;

const AMPHORAE = '/v2.0/octavia/amphorae';
const AMPHORA_LOOKUP: Lookup = {
  service: 'load-balancer',
  path: AMPHORAE,
  collection: 'amphorae',
  label: 'amphorae',
};
const ROLES = ['BACKUP', 'MASTER', 'STANDALONE'];
const STATUSES = [
  'ALLOCATED',
  'BOOTING',
  'DELETED',
  'ERROR',
  'FAILOVER_STOPPED',
  'PENDING_CREATE',
  'PENDING_DELETE',
  'READY',
];

function amphoraPath(id: string): string {
  return `${AMPHORAE}/${encodeURIComponent(id)}`;
}

/** With --wait after configure/failover: the amphora's load balancer becomes ACTIVE (or the amphora goes). */
async function waitForAmphoraLb(
  ctx: ActionContext,
  client: ApiClient,
  amphora: Record<string, unknown>,
  gone: boolean,
): Promise<void> {
  const lbId = amphora['loadbalancer_id'];
  const path = amphoraPath(String(amphora['id']));
  if (typeof lbId === 'string' && lbId !== '') {
    await waitActiveIfAsked(ctx, client, lbPath(lbId), 'loadbalancer', `load balancer ${lbId}`);
  } else if (gone) {
    await waitDeletedIfAsked(ctx, client, path, 'amphora', `amphora ${String(amphora['id'])}`);
  }
}

function addList(group: Command): void {
  const statusHelp = 'Filter by amphora provisioning status.';
  const cmd = apiCommand(group, 'list', 'List amphorae', 'list')
    .option('--loadbalancer <loadbalancer>', 'Filter by load balancer (name or ID).')
    .option('--compute-id <compute-id>', 'Filter by compute ID.')
    .addOption(upperChoice(`--role <{${ROLES.join(',')}}>`, 'Filter by role.', ROLES))
    .addOption(upperChoice(`--status <{${STATUSES.join(',')}}>`, statusHelp, STATUSES))
    .addOption(
      upperChoice(`--provisioning-status <{${STATUSES.join(',')}}>`, statusHelp, STATUSES).hideHelp(),
    )
    .option('--long', 'Show additional fields.');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['loadbalancer'] === 'string') {
      query.push(['loadbalancer_id', await lookupId(client, LOOKUPS.loadbalancer, f['loadbalancer'])]);
    }
    if (typeof f['computeId'] === 'string') query.push(['compute_id', f['computeId']]);
    if (typeof f['role'] === 'string') query.push(['role', f['role']]);
    const status = f['provisioningStatus'] ?? f['status'];
    if (typeof status === 'string') query.push(['status', status]);
    const columns = f['long'] === true ? AMPHORA_COLUMNS_LONG : AMPHORA_COLUMNS;
    const amphorae = await listAll(client, 'load-balancer', AMPHORAE, 'amphorae', query);
    return { kind: 'list', columns, rows: amphorae.map((a) => showRow(a, columns)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single amphora', 'show').argument(
    '<amphora-id>',
    'UUID of the amphora.',
  );
  onRun(cmd, async (ctx, id) => {
    const amphora = await showObject(await ctx.client(), amphoraPath(id), 'amphora');
    return { kind: 'show', fields: AMPHORA_ROWS, values: showRow(amphora, AMPHORA_ROWS) };
  });
}

function addConfigure(group: Command): void {
  const cmd = apiCommand(group, 'configure', 'Update the amphora agent configuration', 'none').argument(
    '<amphora-id>',
    'UUID of the amphora to configure.',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const id = await lookupId(client, AMPHORA_LOOKUP, value);
    await client.request('load-balancer', 'PUT', `${amphoraPath(id)}/config`);
    if (ctx.flags['wait'] === true) {
      await waitForAmphoraLb(ctx, client, await showObject(client, amphoraPath(id), 'amphora'), false);
    }
  });
}

function addFailover(group: Command): void {
  const cmd = apiCommand(group, 'failover', 'Force failover an amphora', 'none').argument(
    '<amphora-id>',
    'UUID of the amphora.',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const id = await lookupId(client, AMPHORA_LOOKUP, value);
    const amphora = await showObject(client, amphoraPath(id), 'amphora');
    await client.request('load-balancer', 'PUT', `${amphoraPath(id)}/failover`);
    await waitForAmphoraLb(ctx, client, amphora, true);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a amphora', 'none').argument(
    '<amphora-id>',
    'UUID of the amphora to delete.',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, id) => {
    const client = await ctx.client();
    await client.request('load-balancer', 'DELETE', amphoraPath(id));
    await waitDeletedIfAsked(ctx, client, amphoraPath(id), 'amphora', `amphora ${id}`, 'status');
  });
}

function addStats(group: Command): void {
  const stats = group.command('stats').description('Amphora statistics');
  const cmd = apiCommand(stats, 'show', 'Shows the current statistics for an amphora.', 'show')
    .option('--listener <listener>', 'Filter by listener (name or ID).')
    .argument('<amphora-id>', 'UUID of the amphora.');
  onRun(cmd, async (ctx, id) => {
    const client = await ctx.client();
    const listener = ctx.flags['listener'];
    const listenerId =
      typeof listener === 'string' ? await lookupId(client, LOOKUPS.listener, listener) : undefined;
    const body = await client.request<{ amphora_stats?: Record<string, unknown>[] }>(
      'load-balancer',
      'GET',
      `${amphoraPath(id)}/stats`,
    );
    const totals: Record<string, number> = Object.fromEntries(STATS_ROWS.map((k) => [k, 0]));
    for (const entry of body.amphora_stats ?? []) {
      if (listenerId !== undefined && entry['listener_id'] !== listenerId) continue;
      for (const key of STATS_ROWS) totals[key] = (totals[key] ?? 0) + Number(entry[key] ?? 0);
    }
    return { kind: 'show', fields: STATS_ROWS, values: showRow(totals, STATS_ROWS) };
  });
}

/** Adds `loadbalancer amphora list|show|configure|failover|delete|stats show`. */
export function addAmphoraCommands(lb: Command): void {
  const group = lb.command('amphora').description('Octavia amphorae (admin)');
  addList(group);
  addShow(group);
  addConfigure(group);
  addFailover(group);
  addDelete(group);
  addStats(group);
}
