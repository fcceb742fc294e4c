import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, addWaitOptions, enabledField, upperChoice } from '../common-options.js';
import { listAll } from '../../client/list-all.js';
import { pythonJson } from '../../output/python-json.js';
import { LOOKUPS, isUuidLike, lookupId } from '../octavia-lookups.js';
import { lbPath, showObject, waitActiveIfAsked } from '../octavia-wait.js';
import { resolveProject } from '../project-lookup.js';
import { deleteObject, showByNameOrId, tagsAt, updateObject } from '../octavia-object.js';
import { showRow } from '../show-row.js';
import {
  addCreateTagOptions,
  addSetTagOptions,
  addTagFilterOptions,
  addUnsetTagOptions,
  collect,
  createTags,
  setTags,
  tagFilterQuery,
  unsetTags,
} from '../tag-options.js';

/** `loadbalancer show` rows (python-octaviaclient LOAD_BALANCER_ROWS). */
export const LOAD_BALANCER_ROWS = [
  'admin_state_up',
  'availability_zone',
  'created_at',
  'description',
  'flavor_id',
  'id',
  'listeners',
  'name',
  'operating_status',
  'pools',
  'project_id',
  'provider',
  'provisioning_status',
  'updated_at',
  'vip_address',
  'vip_network_id',
  'vip_port_id',
  'vip_qos_policy_id',
  'vip_subnet_id',
  'vip_vnic_type',
  'vip_sg_ids',
  'tags',
  'additional_vips',
] as const;

/** `loadbalancer list` columns. */
export const LOAD_BALANCER_COLUMNS = [
  'id',
  'name',
  'project_id',
  'vip_address',
  'provisioning_status',
  'operating_status',
  'provider',
] as const;

/** Stats rows of load balancers, listeners and amphorae. */
export const STATS_ROWS = [
  'active_connections',
  'bytes_in',
  'bytes_out',
  'request_errors',
  'total_connections',
] as const;

const PROVISIONING_STATUS = [
  'ACTIVE',
  'DELETED',
  'ERROR',
  'PENDING_CREATE',
  'PENDING_UPDATE',
  'PENDING_DELETE',
];
const OPERATING_STATUS = ['ONLINE', 'DRAINING', 'OFFLINE', 'DEGRADED', 'ERROR', 'NO_MONITOR'];
const LB_FORMATTERS = { listeners: 'ids', pools: 'ids', l7policies: 'ids', tags: 'flat' } as const;

/** The show output of a load balancer (vip_vnic_type defaults to `normal` like octaviaclient). */
export function loadBalancerShow(lb: Record<string, unknown>) {
  const data = lb['vip_vnic_type'] ? lb : { ...lb, vip_vnic_type: 'normal' };
  return {
    kind: 'show' as const,
    fields: LOAD_BALANCER_ROWS,
    values: showRow(data, LOAD_BALANCER_ROWS, LB_FORMATTERS),
  };
}

/** The id of the load balancer a `<load_balancer>` argument names. */
export async function loadBalancerId(ctx: ActionContext, value: string): Promise<string> {
  return lookupId(await ctx.client(), LOOKUPS.loadbalancer, value);
}

/** `none`/`null`/`void` clear the QoS policy; anything else is looked up (octaviaclient). */
async function qosPolicy(ctx: ActionContext, value: string): Promise<string | null> {
  if (['none', 'null', 'void'].includes(value.toLowerCase())) return null;
  return isUuidLike(value) ? value : lookupId(await ctx.client(), LOOKUPS.qosPolicy, value);
}

async function additionalVips(ctx: ActionContext, specs: string[]): Promise<Record<string, string>[]> {
  const vips: Record<string, string>[] = [];
  for (const spec of specs) {
    const vip: Record<string, string> = {};
    for (const part of spec.split(',')) {
      const [k, v, ...rest] = part.split('=');
      if (k === undefined || v === undefined || rest.length > 0) {
        throw new CliError(
          `Invalid --additional-vip '${spec}': expected subnet-id=<name-or-uuid>[,ip-address=<ip>]`,
        );
      }
      vip[k.replace(/-/g, '_')] = v;
    }
    if (!('subnet_id' in vip)) throw new CliError('Additional VIPs must include a subnet-id.');
    vip['subnet_id'] = await lookupId(await ctx.client(), LOOKUPS.subnet, vip['subnet_id'] as string);
    vips.push(vip);
  }
  return vips;
}

/** Body fields shared by create and set. */
async function commonFields(ctx: ActionContext): Promise<Record<string, unknown>> {
  const f = ctx.flags;
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (typeof f['description'] === 'string') body['description'] = f['description'];
  if (typeof f['vipQosPolicyId'] === 'string')
    body['vip_qos_policy_id'] = await qosPolicy(ctx, f['vipQosPolicyId']);
  if (Array.isArray(f['vipSgId'])) body['vip_sg_ids'] = f['vipSgId'];
  return body;
}

function addCreate(lb: Command): void {
  const cmd = apiCommand(lb, 'create', 'Create a load balancer', 'show')
    .option('--name <name>', 'New load balancer name.')
    .option('--description <description>', 'Set load balancer description.')
    .option('--vip-address <vip_address>', 'Set the VIP IP Address.')
    .option('--vip-port-id <vip_port_id>', 'Set Port for the load balancer (name or ID).')
    .option('--vip-subnet-id <vip_subnet_id>', 'Set subnet for the load balancer (name or ID).')
    .option('--vip-network-id <vip_network_id>', 'Set network for the load balancer (name or ID).')
    .option('--vip-qos-policy-id <vip_qos_policy_id>', "Set QoS policy ID for VIP port. Unset with 'None'.")
    .addOption(
      new Option(
        '--additional-vip <subnet-id=<name-or-uuid>[,ip-address=<ip>]>',
        'Expose an additional VIP on the load balancer. This parameter can be provided more than once.',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--vip-sg-id <vip_sg_id>',
        'Set a Custom Security Group for VIP port. This parameter can be provided more than once.',
      ).argParser(collect),
    )
    .option('--project <project>', 'Project for the load balancer (name or ID).')
    .option('--provider <provider>', 'Provider name for the load balancer.')
    .option('--availability-zone <availability_zone>', 'Availability zone for the load balancer.');
  addEnableDisable(cmd, 'Enable load balancer (default).', 'Disable load balancer.');
  cmd.option('--flavor <flavor>', 'The name or ID of the flavor for the load balancer.');
  addWaitOptions(cmd);
  addCreateTagOptions(cmd, 'load balancer');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    if (!f['vipSubnetId'] && !f['vipNetworkId'] && !f['vipPortId']) {
      throw new CliError(
        'Missing required argument: Requires one of --vip-subnet-id, --vip-network-id or --vip-port-id',
      );
    }
    if (f['vipNetworkId'] && f['vipPortId']) {
      throw new CliError('Argument error: --vip-port-id can not be used with --vip-network-id');
    }
    const client = await ctx.client();
    const body: Record<string, unknown> = await commonFields(ctx);
    if (typeof f['vipAddress'] === 'string') body['vip_address'] = f['vipAddress'];
    if (typeof f['vipPortId'] === 'string')
      body['vip_port_id'] = await lookupId(client, LOOKUPS.port, f['vipPortId']);
    if (typeof f['vipSubnetId'] === 'string') {
      body['vip_subnet_id'] = await lookupId(client, LOOKUPS.subnet, f['vipSubnetId']);
    }
    if (typeof f['vipNetworkId'] === 'string') {
      body['vip_network_id'] = await lookupId(client, LOOKUPS.network, f['vipNetworkId']);
    }
    if (Array.isArray(f['additionalVip']))
      body['additional_vips'] = await additionalVips(ctx, f['additionalVip']);
    if (typeof f['project'] === 'string') body['project_id'] = await resolveProject(client, f['project']);
    if (typeof f['provider'] === 'string') body['provider'] = f['provider'];
    if (typeof f['availabilityZone'] === 'string') body['availability_zone'] = f['availabilityZone'];
    if (typeof f['flavor'] === 'string')
      body['flavor_id'] = await lookupId(client, LOOKUPS.flavor, f['flavor']);
    Object.assign(body, enabledField(f, 'admin_state_up', true), createTags(f));
    const created = await client.request<{ loadbalancer: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/loadbalancers',
      { body: { loadbalancer: body } },
    );
    let lb = created.loadbalancer;
    if (f['wait'] === true) {
      const path = lbPath(String(lb['id']));
      await waitActiveIfAsked(
        ctx,
        client,
        path,
        'loadbalancer',
        `load balancer ${String(lb['name'] || lb['id'])}`,
      );
      lb = await showObject(client, path, 'loadbalancer');
    }
    return loadBalancerShow(lb);
  });
}

function addList(lb: Command): void {
  const cmd = apiCommand(lb, 'list', 'List load balancers', 'list').option(
    '--name <name>',
    'List load balancers according to their name.',
  );
  addEnableDisable(cmd, 'List enabled load balancers.', 'List disabled load balancers.');
  cmd
    .option('--project <project-id>', 'List load balancers according to their project (name or ID).')
    .option(
      '--vip-network-id <vip_network_id>',
      'List load balancers according to their VIP network (name or ID).',
    )
    .option(
      '--vip-subnet-id <vip_subnet_id>',
      'List load balancers according to their VIP subnet (name or ID).',
    )
    .option(
      '--vip-qos-policy-id <vip_qos_policy_id>',
      'List load balancers according to their VIP Qos policy (name or ID).',
    )
    .option('--vip-port-id <vip_port_id>', 'List load balancers according to their VIP port (name or ID).')
    .addOption(
      upperChoice(
        `--provisioning-status <{${PROVISIONING_STATUS.join(',')}}>`,
        'List load balancers according to their provisioning status.',
        PROVISIONING_STATUS,
      ),
    )
    .addOption(
      upperChoice(
        `--operating-status <{${OPERATING_STATUS.join(',')}}>`,
        'List load balancers according to their operating status.',
        OPERATING_STATUS,
      ),
    )
    .option('--provider <provider>', 'List load balancers according to their provider.')
    .option('--flavor <flavor>', 'List load balancers according to their flavor.')
    .option(
      '--availability-zone <availability_zone>',
      'List load balancers according to their availability zone.',
    );
  addTagFilterOptions(cmd, 'load balancer');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['name'] === 'string') query.push(['name', f['name']]);
    const enabled = enabledField(f)['admin_state_up'];
    if (enabled !== undefined) query.push(['admin_state_up', enabled ? 'True' : 'False']);
    if (typeof f['project'] === 'string')
      query.push(['project_id', await resolveProject(client, f['project'])]);
    const lookups: [string, string, (typeof LOOKUPS)[keyof typeof LOOKUPS]][] = [
      ['vipNetworkId', 'vip_network_id', LOOKUPS.network],
      ['vipSubnetId', 'vip_subnet_id', LOOKUPS.subnet],
      ['vipPortId', 'vip_port_id', LOOKUPS.port],
    ];
    for (const [flag, param, lookup] of lookups) {
      if (typeof f[flag] === 'string') query.push([param, await lookupId(client, lookup, f[flag])]);
    }
    if (typeof f['vipQosPolicyId'] === 'string') {
      query.push(['vip_qos_policy_id', String(await qosPolicy(ctx, f['vipQosPolicyId']))]);
    }
    for (const [flag, param] of [
      ['provisioningStatus', 'provisioning_status'],
      ['operatingStatus', 'operating_status'],
      ['provider', 'provider'],
      ['availabilityZone', 'availability_zone'],
    ] as const) {
      if (typeof f[flag] === 'string') query.push([param, f[flag]]);
    }
    if (typeof f['flavor'] === 'string')
      query.push(['flavor_id', await lookupId(client, LOOKUPS.flavor, f['flavor'])]);
    query.push(...tagFilterQuery(f));
    const lbs = await listAll(client, 'load-balancer', '/v2.0/lbaas/loadbalancers', 'loadbalancers', query);
    return {
      kind: 'list',
      columns: LOAD_BALANCER_COLUMNS,
      rows: lbs.map((lb) => showRow(lb, LOAD_BALANCER_COLUMNS)),
    };
  });
}

function addShow(lb: Command): void {
  const cmd = apiCommand(lb, 'show', 'Show the details for a single load balancer', 'show').argument(
    '<load_balancer>',
    'Name or UUID of the load balancer.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return loadBalancerShow(
      await showByNameOrId(client, value, LOOKUPS.loadbalancer, lbPath, 'loadbalancer'),
    );
  });
}

function addSet(lb: Command): void {
  const cmd = apiCommand(lb, 'set', 'Update a load balancer', 'none')
    .argument('<load_balancer>', 'Name or UUID of the load balancer to update.')
    .option('--name <name>', 'Set load balancer name.')
    .option('--description <description>', 'Set load balancer description.')
    .option('--vip-qos-policy-id <vip_qos_policy_id>', "Set QoS policy ID for VIP port. Unset with 'None'.")
    .addOption(
      new Option(
        '--vip-sg-id <vip_sg_id>',
        'Set a Custom Security Group for VIP port. This parameter can be provided more than once.',
      ).argParser(collect),
    );
  addEnableDisable(cmd, 'Enable load balancer.', 'Disable load balancer.');
  addWaitOptions(cmd);
  addSetTagOptions(cmd, 'load balancer');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const id = await lookupId(client, LOOKUPS.loadbalancer, value);
    const path = lbPath(id);
    const body = { ...(await commonFields(ctx)), ...enabledField(ctx.flags) };
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'loadbalancer')));
    await updateObject(ctx, client, path, 'loadbalancer', body, `load balancer ${value}`);
  });
}

function addUnset(lb: Command): void {
  const cmd = apiCommand(lb, 'unset', 'Clear load balancer settings', 'none')
    .argument('<load_balancer>', 'Name or UUID of the load balancer to update.')
    .option('--name', 'Clear the load balancer name.')
    .option('--description', 'Clear the load balancer description.')
    .option('--vip-qos-policy-id', 'Clear the load balancer QoS policy.')
    .option('--vip-sg-id', 'Clear the Custom Security Groups.');
  addWaitOptions(cmd);
  addUnsetTagOptions(cmd, 'load balancer');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = {};
    for (const [flag, field] of [
      ['name', 'name'],
      ['description', 'description'],
      ['vipQosPolicyId', 'vip_qos_policy_id'],
      ['vipSgId', 'vip_sg_ids'],
    ] as const) {
      if (f[flag] === true) body[field] = null;
    }
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = lbPath(await lookupId(client, LOOKUPS.loadbalancer, value));
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'loadbalancer')));
    await updateObject(ctx, client, path, 'loadbalancer', body, `load balancer ${value}`);
  });
}

function addDelete(lb: Command): void {
  const cmd = apiCommand(lb, 'delete', 'Delete a load balancer', 'none')
    .argument('<load_balancer>', 'Load balancers to delete (name or ID).')
    .option('--cascade', 'Cascade the delete to all child elements of the load balancer.');
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = lbPath(await lookupId(client, LOOKUPS.loadbalancer, value));
    const query: [string, string][] = ctx.flags['cascade'] === true ? [['cascade', 'True']] : [];
    await deleteObject(ctx, client, path, 'loadbalancer', `load balancer ${value}`, query);
  });
}

function addFailover(lb: Command): void {
  const cmd = apiCommand(lb, 'failover', 'Trigger load balancer failover', 'none').argument(
    '<load_balancer>',
    'Name or UUID of the load balancer.',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = lbPath(await lookupId(client, LOOKUPS.loadbalancer, value));
    await client.request('load-balancer', 'PUT', `${path}/failover`);
    await waitActiveIfAsked(ctx, client, path, 'loadbalancer', `load balancer ${value}`);
  });
}

function addStatsAndStatus(lb: Command): void {
  const stats = lb.command('stats').description('Load balancer statistics');
  const statsShow = apiCommand(
    stats,
    'show',
    'Shows the current statistics for a load balancer',
    'show',
  ).argument('<load_balancer>', 'Name or UUID of the load balancer.');
  onRun(statsShow, async (ctx, value) => {
    const client = await ctx.client();
    const path = lbPath(await lookupId(client, LOOKUPS.loadbalancer, value));
    const body = await client.request<{ stats: Record<string, unknown> }>(
      'load-balancer',
      'GET',
      `${path}/stats`,
    );
    return { kind: 'show', fields: STATS_ROWS, values: showRow(body.stats, STATS_ROWS) };
  });
  const status = lb.command('status').description('Load balancer status tree');
  const statusShow = apiCommand(
    status,
    'show',
    'Display load balancer status tree in json format',
    'none',
  ).argument('<load_balancer>', 'Name or UUID of the load balancer.');
  onRun(statusShow, async (ctx, value) => {
    const client = await ctx.client();
    const path = lbPath(await lookupId(client, LOOKUPS.loadbalancer, value));
    const body = await client.request<{ statuses?: unknown }>('load-balancer', 'GET', `${path}/status`);
    return { kind: 'text', text: `${pythonJson(body.statuses ?? {}, 4)}\n` };
  });
}

/** Adds `create|list|show|set|unset|delete|failover|stats show|status show` to the `loadbalancer` group. */
export function addLoadBalancerCommands(lb: Command): void {
  addCreate(lb);
  addList(lb);
  addShow(lb);
  addSet(lb);
  addUnset(lb);
  addDelete(lb);
  addFailover(lb);
  addStatsAndStatus(lb);
}
