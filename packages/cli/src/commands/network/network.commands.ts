import type { Command } from 'commander';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, enabledField } from '../common-options.js';
import { resolveProject } from '../project-lookup.js';
import {
  addCreateTagOptions,
  addSetTagOptions,
  addTagFilterOptions,
  createTags,
  tagFilterQuery,
} from '../tag-options.js';
import {
  FMT,
  NEUTRON,
  addFlagPair,
  choiceOption,
  deleteAll,
  findNeutron,
  listOutput,
  objectPath,
  pyBool,
  same,
  showOneErrors,
  showOutput,
  updateTagsForSet,
  type Field,
} from './neutron-common.js';

/** `network show` rows (openstackclient 6.0.0 over openstacksdk's Network: every attribute, sorted). */
export const NETWORK_ROWS: readonly Field[] = [
  same('admin_state_up', FMT.adminState),
  same('availability_zone_hints', FMT.list),
  same('availability_zones', FMT.list),
  same('created_at'),
  same('description'),
  same('dns_domain'),
  same('id'),
  same('ipv4_address_scope'),
  same('ipv6_address_scope'),
  same('is_default'),
  ['is_vlan_transparent', 'vlan_transparent'],
  same('mtu'),
  same('name'),
  same('port_security_enabled'),
  same('project_id'),
  same('provider:network_type'),
  same('provider:physical_network'),
  same('provider:segmentation_id'),
  same('qos_policy_id'),
  same('revision_number'),
  same('router:external', FMT.routerExternal),
  same('segments'),
  same('shared'),
  same('status'),
  same('subnets', FMT.list),
  same('tags', FMT.list),
  same('updated_at'),
];

/** `network list` columns. */
export const NETWORK_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Name', 'name'],
  ['Subnets', 'subnets', FMT.list],
];

/** `network list --long` columns. */
export const NETWORK_LONG_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Name', 'name'],
  ['Status', 'status'],
  ['Project', 'project_id'],
  ['State', 'admin_state_up', FMT.adminState],
  ['Shared', 'shared'],
  ['Subnets', 'subnets', FMT.list],
  ['Network Type', 'provider:network_type'],
  ['Router Type', 'router:external', FMT.routerExternal],
  ['Availability Zones', 'availability_zones', FMT.list],
  ['Tags', 'tags', FMT.list],
];

const STATUSES = ['ACTIVE', 'BUILD', 'DOWN', 'ERROR'];

/** `--mtu` goes out as a number when it is one (argparse keeps a string; Neutron converts it). */
function mtuValue(value: string): number | string {
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** osc `_get_attrs_network` for the options our server knows. */
async function networkAttrs(
  ctx: ActionContext,
  name: unknown,
  create: boolean,
): Promise<Record<string, unknown>> {
  const f = ctx.flags;
  const attrs: Record<string, unknown> = {};
  if (typeof name === 'string') attrs['name'] = name;
  Object.assign(attrs, enabledField(f, 'admin_state_up', create ? true : undefined));
  if (f['share'] === true) attrs['shared'] = true;
  if (f['noShare'] === true) attrs['shared'] = false;
  if (f['enablePortSecurity'] === true) attrs['port_security_enabled'] = true;
  if (f['disablePortSecurity'] === true) attrs['port_security_enabled'] = false;
  if (typeof f['project'] === 'string')
    attrs['project_id'] = await resolveProject(await ctx.client(), f['project']);
  if (typeof f['description'] === 'string' && f['description'] !== '')
    attrs['description'] = f['description'];
  if (typeof f['mtu'] === 'string' && f['mtu'] !== '') attrs['mtu'] = mtuValue(f['mtu']);
  if (f['internal'] === true) attrs['router:external'] = false;
  if (f['external'] === true) attrs['router:external'] = true;
  return attrs;
}

function addCommonWriteOptions(cmd: Command, create: boolean): void {
  addFlagPair(
    cmd,
    '--enable-port-security',
    `Enable port security by default for ports created on this network${create ? ' (default)' : ''}`,
    '--disable-port-security',
    'Disable port security by default for ports created on this network',
  );
  addFlagPair(
    cmd,
    '--external',
    'Set this network as an external network (external-net extension required)',
    '--internal',
    `Set this network as an internal network${create ? ' (default)' : ''}`,
  );
}

function addCreate(program: Command): void {
  const cmd = apiCommand(program, 'create', 'Create new network', 'show').argument(
    '<name>',
    'New network name',
  );
  addFlagPair(
    cmd,
    '--share',
    'Share the network between projects',
    '--no-share',
    'Do not share the network between projects',
  );
  addEnableDisable(cmd, 'Enable network (default)', 'Disable network');
  cmd
    .option('--project <project>', "Owner's project (name or ID)")
    .option('--description <description>', 'Set network description')
    .option('--mtu <mtu>', 'Set network mtu');
  addCommonWriteOptions(cmd, true);
  addCreateTagOptions(cmd, 'network');
  onRun(cmd, (ctx, name) =>
    showOneErrors(async () => {
      const client = await ctx.client();
      const body = { ...(await networkAttrs(ctx, name, true)), ...createTags(ctx.flags) };
      const created = await client.request<{ network: Record<string, unknown> }>(
        'network',
        'POST',
        NEUTRON.network.path,
        {
          body: { network: body },
        },
      );
      return showOutput(ctx, created.network, NETWORK_ROWS);
    }),
  );
}

function addList(program: Command): void {
  const cmd = apiCommand(program, 'list', 'List networks', 'list');
  addFlagPair(cmd, '--external', 'List external networks', '--internal', 'List internal networks');
  cmd
    .option('--long', 'List additional fields in output')
    .option('--name <name>', 'List networks according to their name');
  addEnableDisable(cmd, 'List enabled networks', 'List disabled networks');
  cmd.option('--project <project>', 'List networks according to their project (name or ID)');
  addFlagPair(
    cmd,
    '--share',
    'List networks shared between projects',
    '--no-share',
    'List networks not shared between projects',
  );
  cmd.addOption(
    choiceOption(
      '--status <status>',
      "List networks according to their status ('ACTIVE', 'BUILD', 'DOWN', 'ERROR')",
      STATUSES,
    ),
  );
  addTagFilterOptions(cmd, 'networks');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (f['external'] === true) query.push(['router:external', 'True']);
    if (f['internal'] === true) query.push(['router:external', 'False']);
    if (typeof f['name'] === 'string') query.push(['name', f['name']]);
    const enabled = enabledField(f)['admin_state_up'];
    if (enabled !== undefined) query.push(['admin_state_up', pyBool(enabled)]);
    if (typeof f['project'] === 'string')
      query.push(['project_id', await resolveProject(client, f['project'])]);
    if (f['share'] === true) query.push(['shared', 'True']);
    if (f['noShare'] === true) query.push(['shared', 'False']);
    if (typeof f['status'] === 'string') query.push(['status', f['status']]);
    query.push(...tagFilterQuery(f));
    const networks = await listAll(client, 'network', NEUTRON.network.path, 'networks', query);
    return listOutput(ctx, networks, f['long'] === true ? NETWORK_LONG_COLUMNS : NETWORK_COLUMNS);
  });
}

function addShow(program: Command): void {
  const cmd = apiCommand(program, 'show', 'Show network details', 'show').argument(
    '<network>',
    'Network to display (name or ID)',
  );
  onRun(cmd, (ctx, value) =>
    showOneErrors(async () =>
      showOutput(ctx, await findNeutron(await ctx.client(), NEUTRON.network, value), NETWORK_ROWS),
    ),
  );
}

function addSet(program: Command): void {
  const cmd = apiCommand(program, 'set', 'Set network properties', 'none')
    .argument('<network>', 'Network to modify (name or ID)')
    .option('--name <name>', 'Set network name');
  addEnableDisable(cmd, 'Enable network', 'Disable network');
  addFlagPair(
    cmd,
    '--share',
    'Share the network between projects',
    '--no-share',
    'Do not share the network between projects',
  );
  cmd.option('--description <description', 'Set network description').option('--mtu <mtu', 'Set network mtu');
  addCommonWriteOptions(cmd, false);
  addSetTagOptions(cmd, 'network');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const obj = await findNeutron(client, NEUTRON.network, value);
    const attrs = await networkAttrs(ctx, ctx.flags['name'], false);
    if (Object.keys(attrs).length > 0) {
      await client.request('network', 'PUT', objectPath(NEUTRON.network, String(obj['id'])), {
        body: { network: attrs },
      });
    }
    await updateTagsForSet(client, NEUTRON.network, obj, ctx.flags);
  });
}

function addDelete(program: Command): void {
  const cmd = apiCommand(program, 'delete', 'Delete network(s)', 'none').argument(
    '<network...>',
    'Network(s) to delete (name or ID)',
  );
  onRun(cmd, (ctx, values) => deleteAll(ctx, NEUTRON.network, 'network', values as unknown as string[]));
}

/** `lbaas network create|list|show|set|delete` (openstackclient 6.0.0's `openstack network …`). */
export function addNetworkCommands(program: Command): void {
  const group = program.command('network').description('Neutron networks (openstack network …)');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addDelete(group);
}
