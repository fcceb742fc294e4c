import { Option, type Command } from 'commander';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, enabledField } from '../common-options.js';
import { LiteralOption } from '../literal-option.js';
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
  deleteAll,
  findNeutron,
  findNeutronId,
  listOutput,
  multiKeyValue,
  objectPath,
  same,
  showOutput,
  updateTagsForSet,
  type Field,
} from './neutron-common.js';

/** `port show` rows (openstackclient 6.0.0 over openstacksdk's Port: renamed binding columns, sorted). */
export const PORT_ROWS: readonly Field[] = [
  same('admin_state_up', FMT.adminState),
  same('allowed_address_pairs', FMT.listDict),
  ['binding_host_id', 'binding:host_id'],
  ['binding_profile', 'binding:profile', FMT.dict],
  ['binding_vif_details', 'binding:vif_details', FMT.dict],
  ['binding_vif_type', 'binding:vif_type'],
  ['binding_vnic_type', 'binding:vnic_type'],
  same('created_at'),
  same('data_plane_status'),
  same('description'),
  same('device_id'),
  same('device_owner'),
  same('device_profile'),
  same('dns_assignment', FMT.listDict),
  same('dns_domain'),
  same('dns_name'),
  same('extra_dhcp_opts', FMT.listDict),
  same('fixed_ips', FMT.listDict),
  same('id'),
  same('ip_allocation'),
  same('mac_address'),
  same('name'),
  same('network_id'),
  same('numa_affinity_policy'),
  same('port_security_enabled'),
  same('project_id'),
  same('propagate_uplink_status'),
  same('qos_network_policy_id'),
  same('qos_policy_id'),
  same('resource_request'),
  same('revision_number'),
  ['security_group_ids', 'security_groups', FMT.list],
  same('status'),
  same('tags', FMT.list),
  same('trunk_details'),
  same('updated_at'),
];

/**
 * `port list` columns. osc asks the server for these attributes only (`fields=`), by their SDK names:
 * `security_group_ids` is no server attribute, so its column is None, as with osc.
 */
export const PORT_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Name', 'name'],
  ['MAC Address', 'mac_address'],
  ['Fixed IP Addresses', 'fixed_ips', FMT.listDict],
  ['Status', 'status'],
];

/** `port list --long` columns. */
export const PORT_LONG_COLUMNS: readonly Field[] = [
  ...PORT_COLUMNS,
  ['Security Groups', 'security_group_ids', FMT.list],
  ['Device Owner', 'device_owner'],
  ['Tags', 'tags', FMT.list],
];

const FIXED_IP_METAVAR = 'subnet=<subnet>,ip-address=<ip-address>';

/** osc `_prepare_fixed_ips`: subnet names become `subnet_id`, `ip-address` becomes `ip_address`. */
async function fixedIps(
  client: ApiClient,
  specs: Record<string, string>[],
): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for (const spec of specs) {
    const ip: Record<string, string> = { ...spec };
    if (ip['subnet']) {
      ip['subnet_id'] = await findNeutronId(client, NEUTRON.subnet, ip['subnet']);
      delete ip['subnet'];
    }
    if ('ip-address' in ip) {
      ip['ip_address'] = ip['ip-address'] as string;
      delete ip['ip-address'];
    }
    out.push(ip);
  }
  return out;
}

/** osc `_get_attrs` (port) for the options our server knows. */
async function portAttrs(ctx: ActionContext, name: unknown): Promise<Record<string, unknown>> {
  const f = ctx.flags;
  const attrs: Record<string, unknown> = {};
  if (typeof f['description'] === 'string') attrs['description'] = f['description'];
  if (typeof f['device'] === 'string' && f['device'] !== '') attrs['device_id'] = f['device'];
  if (typeof f['deviceOwner'] === 'string') attrs['device_owner'] = f['deviceOwner'];
  Object.assign(attrs, enabledField(f));
  if (typeof f['host'] === 'string' && f['host'] !== '') attrs['binding:host_id'] = f['host'];
  if (typeof f['macAddress'] === 'string') attrs['mac_address'] = f['macAddress'];
  if (typeof name === 'string') attrs['name'] = name;
  if (typeof f['project'] === 'string')
    attrs['project_id'] = await resolveProject(await ctx.client(), f['project']);
  if (f['disablePortSecurity'] === true) attrs['port_security_enabled'] = false;
  if (f['enablePortSecurity'] === true) attrs['port_security_enabled'] = true;
  return attrs;
}

function addUpdatableOptions(cmd: Command, create: boolean): void {
  cmd
    .option('--description <description>', 'Description of this port')
    .option('--device <device-id>', 'Port device ID');
  if (create) cmd.option('--mac-address <mac-address>', 'MAC address of this port (admin only)');
  cmd
    .option(
      '--device-owner <device-owner>',
      'Device owner of this port. This is the entity that uses the port (for example, network:dhcp).',
    )
    .option('--host <host-id>', 'Allocate port on host <host-id> (ID only)');
}

function fixedIpOption(): Option {
  return new Option(
    `--fixed-ip <${FIXED_IP_METAVAR}>`,
    'Desired IP and/or subnet for this port (name or ID): subnet=<subnet>,ip-address=<ip-address> (repeat option to set multiple fixed IP addresses)',
  ).argParser(multiKeyValue([], ['subnet', 'ip-address']));
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a new port', 'show').requiredOption(
    '--network <network>',
    'Network this port belongs to (name or ID)',
  );
  addUpdatableOptions(cmd, true);
  cmd
    .addOption(fixedIpOption())
    .addOption(new LiteralOption('--no-fixed-ip', 'No IP or subnet for this port.').conflicts('fixedIp'));
  addEnableDisable(cmd, 'Enable port (default)', 'Disable port');
  cmd.option('--project <project>', "Owner's project (name or ID)").argument('<name>', 'Name of this port');
  addFlagPair(
    cmd,
    '--enable-port-security',
    'Enable port security for this port (Default)',
    '--disable-port-security',
    'Disable port security for this port',
  );
  addCreateTagOptions(cmd, 'port');
  onRun(cmd, async (ctx, name) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const networkId = await findNeutronId(client, NEUTRON.network, String(f['network']));
    const ips = Array.isArray(f['fixedIp'])
      ? await fixedIps(client, f['fixedIp'] as Record<string, string>[])
      : undefined;
    const attrs: Record<string, unknown> = { ...(await portAttrs(ctx, name)), network_id: networkId };
    if (f['enable'] !== true && f['disable'] !== true) attrs['admin_state_up'] = true;
    if (ips && ips.length > 0) attrs['fixed_ips'] = ips;
    else if (f['noFixedIp'] === true) attrs['fixed_ips'] = [];
    Object.assign(attrs, createTags(f));
    const created = await client.request<{ port: Record<string, unknown> }>(
      'network',
      'POST',
      NEUTRON.port.path,
      {
        body: { port: attrs },
      },
    );
    return showOutput(ctx, created.port, PORT_ROWS);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List ports', 'list')
    .option(
      '--device-owner <device-owner>',
      'List only ports with the specified device owner. This is the entity that uses the port (for example, network:dhcp).',
    )
    .option('--host <host-id>', 'List only ports bound to this host ID')
    .option('--network <network>', 'List only ports connected to this network (name or ID)')
    .option('--device-id <device-id>', 'List only ports with the specified device ID')
    .option('--mac-address <mac-address>', 'List only ports with this MAC address')
    .option('--long', 'List additional fields in output')
    .option('--project <project>', 'List ports according to their project (name or ID)')
    .option('--name <name>', 'List ports according to their name')
    .addOption(
      new Option(
        '--fixed-ip <subnet=<subnet>,ip-address=<ip-address>,ip-substring=<ip-substring>>',
        'Desired IP and/or subnet for filtering ports (name or ID): subnet=<subnet>,ip-address=<ip-address>,ip-substring=<ip-substring> (repeat option to set multiple fixed IP addresses)',
      ).argParser(multiKeyValue([], ['subnet', 'ip-address', 'ip-substring'])),
    );
  addTagFilterOptions(cmd, 'ports');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const columns = f['long'] === true ? PORT_LONG_COLUMNS : PORT_COLUMNS;
    const query: [string, string][] = columns.map(([, key]) => ['fields', key]);
    if (typeof f['deviceOwner'] === 'string') query.push(['device_owner', f['deviceOwner']]);
    if (typeof f['deviceId'] === 'string') query.push(['device_id', f['deviceId']]);
    if (typeof f['host'] === 'string' && f['host'] !== '') query.push(['binding:host_id', f['host']]);
    if (typeof f['network'] === 'string' && f['network'] !== '') {
      query.push(['network_id', await findNeutronId(client, NEUTRON.network, f['network'])]);
    }
    if (typeof f['macAddress'] === 'string' && f['macAddress'] !== '')
      query.push(['mac_address', f['macAddress']]);
    if (typeof f['project'] === 'string' && f['project'] !== '') {
      query.push(['project_id', await resolveProject(client, f['project'])]);
    }
    if (typeof f['name'] === 'string' && f['name'] !== '') query.push(['name', f['name']]);
    for (const spec of (f['fixedIp'] as Record<string, string>[] | undefined) ?? []) {
      if (spec['subnet']) {
        query.push(['fixed_ips', `subnet_id=${await findNeutronId(client, NEUTRON.subnet, spec['subnet'])}`]);
      }
      if ('ip-address' in spec) query.push(['fixed_ips', `ip_address=${spec['ip-address']}`]);
      if ('ip-substring' in spec) query.push(['fixed_ips', `ip_address_substr=${spec['ip-substring']}`]);
    }
    query.push(...tagFilterQuery(f));
    const ports = await listAll(client, 'network', NEUTRON.port.path, 'ports', query);
    return listOutput(ctx, ports, columns);
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Display port details', 'show').argument(
    '<port>',
    'Port to display (name or ID)',
  );
  onRun(cmd, async (ctx, value) =>
    showOutput(ctx, await findNeutron(await ctx.client(), NEUTRON.port, value), PORT_ROWS),
  );
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Set port properties', 'none');
  addUpdatableOptions(cmd, false);
  addEnableDisable(cmd, 'Enable port', 'Disable port');
  cmd
    .option('--name <name>', 'Set port name')
    .addOption(fixedIpOption())
    .addOption(
      new LiteralOption(
        '--no-fixed-ip',
        'Clear existing information of fixed IP addresses.Specify both --fixed-ip and --no-fixed-ip to overwrite the current fixed IP addresses.',
      ),
    )
    .argument('<port>', 'Port to modify (name or ID)');
  addFlagPair(
    cmd,
    '--enable-port-security',
    'Enable port security for this port',
    '--disable-port-security',
    'Disable port security for this port',
  );
  addSetTagOptions(cmd, 'port');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const ips = Array.isArray(f['fixedIp'])
      ? await fixedIps(client, f['fixedIp'] as Record<string, string>[])
      : undefined;
    const obj = await findNeutron(client, NEUTRON.port, value);
    const attrs = await portAttrs(ctx, f['name']);
    if (f['noFixedIp'] === true) attrs['fixed_ips'] = [];
    if (ips && ips.length > 0) {
      const current = Array.isArray(obj['fixed_ips']) ? (obj['fixed_ips'] as unknown[]) : [];
      attrs['fixed_ips'] = [...(f['noFixedIp'] === true ? [] : current), ...ips];
    }
    if (Object.keys(attrs).length > 0) {
      await client.request('network', 'PUT', objectPath(NEUTRON.port, String(obj['id'])), {
        body: { port: attrs },
      });
    }
    await updateTagsForSet(client, NEUTRON.port, obj, f);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete port(s)', 'none').argument(
    '<port...>',
    'Port(s) to delete (name or ID)',
  );
  onRun(cmd, (ctx, values) => deleteAll(ctx, NEUTRON.port, 'port', values as unknown as string[]));
}

/** `lbaas port create|list|show|set|delete` (openstackclient 6.0.0's `openstack port …`). */
export function addPortCommands(program: Command): void {
  const group = program.command('port').description('Neutron ports (openstack port …)');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addDelete(group);
}
