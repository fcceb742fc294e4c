import type { Command } from 'commander';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { LiteralOption } from '../literal-option.js';
import { resolveProject } from '../project-lookup.js';
import {
  addCreateTagOptions,
  addSetTagOptions,
  addTagFilterOptions,
  addUnsetTagOptions,
  createTags,
  tagFilterQuery,
} from '../tag-options.js';
import {
  FMT,
  NEUTRON,
  choiceOption,
  deleteAll,
  findNeutron,
  findNeutronId,
  listOutput,
  objectPath,
  same,
  showOneErrors,
  showOutput,
  updateTagsForSet,
  type Field,
} from './neutron-common.js';

const rows = (portDetails: Field): readonly Field[] => [
  same('created_at'),
  same('description'),
  same('dns_domain'),
  same('dns_name'),
  same('fixed_ip_address'),
  same('floating_ip_address'),
  same('floating_network_id'),
  same('id'),
  ['name', 'floating_ip_address'],
  portDetails,
  same('port_id'),
  same('project_id'),
  same('qos_policy_id'),
  same('revision_number'),
  same('router_id'),
  same('status'),
  same('subnet_id'),
  same('tags'),
  same('updated_at'),
];

/** `floating ip show` rows (openstacksdk's FloatingIP; `name` is the address; port_details as `k='v'`). */
export const FLOATING_IP_ROWS = rows(same('port_details', FMT.dictString));
/** `floating ip create` rows: the same, but osc formats nothing there (port_details stays a dict). */
export const FLOATING_IP_CREATE_ROWS = rows(same('port_details'));

/** `floating ip list` columns. */
export const FLOATING_IP_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Floating IP Address', 'floating_ip_address'],
  ['Fixed IP Address', 'fixed_ip_address'],
  ['Port', 'port_id'],
  ['Floating Network', 'floating_network_id'],
  ['Project', 'project_id'],
];

/** `floating ip list --long` columns (osc formats no cell here: Tags prints as a Python list). */
export const FLOATING_IP_LONG_COLUMNS: readonly Field[] = [
  ...FLOATING_IP_COLUMNS,
  ['Router', 'router_id'],
  ['Status', 'status'],
  ['Description', 'description'],
  ['Tags', 'tags'],
  ['DNS Name', 'dns_name'],
  ['DNS Domain', 'dns_domain'],
];

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create floating IP', 'show')
    .argument('<network>', 'Network to allocate floating IP from (name or ID)')
    .option('--subnet <subnet>', 'Subnet on which you want to create the floating IP (name or ID)')
    .option('--port <port>', 'Port to be associated with the floating IP (name or ID)')
    .option('--floating-ip-address <ip-address>', 'Floating IP address')
    .option('--fixed-ip-address <ip-address>', 'Fixed IP address mapped to the floating IP')
    .option('--description <description>', 'Set floating IP description')
    .option('--project <project>', "Owner's project (name or ID)");
  addCreateTagOptions(cmd, 'floating IP');
  onRun(cmd, (ctx, network) =>
    showOneErrors(async () => {
      const f = ctx.flags;
      const client = await ctx.client();
      const attrs: Record<string, unknown> = {
        floating_network_id: await findNeutronId(client, NEUTRON.network, network),
      };
      if (typeof f['subnet'] === 'string' && f['subnet'] !== '') {
        attrs['subnet_id'] = await findNeutronId(client, NEUTRON.subnet, f['subnet']);
      }
      if (typeof f['port'] === 'string' && f['port'] !== '') {
        attrs['port_id'] = await findNeutronId(client, NEUTRON.port, f['port']);
      }
      if (typeof f['floatingIpAddress'] === 'string' && f['floatingIpAddress'] !== '') {
        attrs['floating_ip_address'] = f['floatingIpAddress'];
      }
      if (typeof f['fixedIpAddress'] === 'string' && f['fixedIpAddress'] !== '') {
        attrs['fixed_ip_address'] = f['fixedIpAddress'];
      }
      if (typeof f['description'] === 'string') attrs['description'] = f['description'];
      if (typeof f['project'] === 'string' && f['project'] !== '') {
        attrs['project_id'] = await resolveProject(client, f['project']);
      }
      Object.assign(attrs, createTags(f));
      const created = await client.request<{ floatingip: Record<string, unknown> }>(
        'network',
        'POST',
        NEUTRON.floatingip.path,
        { body: { floatingip: attrs } },
      );
      return showOutput(ctx, created.floatingip, FLOATING_IP_CREATE_ROWS);
    }),
  );
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List floating IP(s)', 'list')
    .option('--network <network>', 'List floating IP(s) according to given network (name or ID)')
    .option('--port <port>', 'List floating IP(s) according to given port (name or ID)')
    .option('--fixed-ip-address <ip-address>', 'List floating IP(s) according to given fixed IP address')
    .option(
      '--floating-ip-address <ip-address>',
      'List floating IP(s) according to given floating IP address',
    )
    .option('--long', 'List additional fields in output')
    .addOption(
      choiceOption('--status <status>', "List floating IP(s) according to given status ('ACTIVE', 'DOWN')", [
        'ACTIVE',
        'DOWN',
      ]),
    )
    .option('--project <project>', 'List floating IP(s) according to given project (name or ID)');
  addTagFilterOptions(cmd, 'floating IP');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['network'] === 'string') {
      query.push(['floating_network_id', await findNeutronId(client, NEUTRON.network, f['network'])]);
    }
    if (typeof f['port'] === 'string')
      query.push(['port_id', await findNeutronId(client, NEUTRON.port, f['port'])]);
    if (typeof f['fixedIpAddress'] === 'string') query.push(['fixed_ip_address', f['fixedIpAddress']]);
    if (typeof f['floatingIpAddress'] === 'string')
      query.push(['floating_ip_address', f['floatingIpAddress']]);
    if (typeof f['status'] === 'string') query.push(['status', f['status']]);
    if (typeof f['project'] === 'string')
      query.push(['project_id', await resolveProject(client, f['project'])]);
    query.push(...tagFilterQuery(f));
    const fips = await listAll(client, 'network', NEUTRON.floatingip.path, 'floatingips', query);
    return listOutput(ctx, fips, f['long'] === true ? FLOATING_IP_LONG_COLUMNS : FLOATING_IP_COLUMNS);
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Display floating IP details', 'show').argument(
    '<floating-ip>',
    'Floating IP to display (IP address or ID)',
  );
  onRun(cmd, (ctx, value) =>
    showOneErrors(async () =>
      showOutput(ctx, await findNeutron(await ctx.client(), NEUTRON.floatingip, value), FLOATING_IP_ROWS),
    ),
  );
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Set floating IP Properties', 'none')
    .argument('<floating-ip>', 'Floating IP to modify (IP address or ID)')
    .option('--port <port>', 'Associate the floating IP with port (name or ID)')
    .option(
      '--fixed-ip-address <ip-address>',
      'Fixed IP of the port (required only if port has multiple IPs)',
    )
    .option('--description <description>', 'Set floating IP description')
    .addOption(new LiteralOption('--no-qos-policy', 'Remove the QoS policy attached to the floating IP'));
  addSetTagOptions(cmd, 'floating IP');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const obj = await findNeutron(client, NEUTRON.floatingip, value);
    const attrs: Record<string, unknown> = {};
    if (typeof f['port'] === 'string' && f['port'] !== '') {
      attrs['port_id'] = await findNeutronId(client, NEUTRON.port, f['port']);
    }
    if (typeof f['fixedIpAddress'] === 'string' && f['fixedIpAddress'] !== '') {
      attrs['fixed_ip_address'] = f['fixedIpAddress'];
    }
    if (typeof f['description'] === 'string' && f['description'] !== '')
      attrs['description'] = f['description'];
    if (f['noQosPolicy'] === true) attrs['qos_policy_id'] = null;
    if (Object.keys(attrs).length > 0) {
      await client.request('network', 'PUT', objectPath(NEUTRON.floatingip, String(obj['id'])), {
        body: { floatingip: attrs },
      });
    }
    await updateTagsForSet(client, NEUTRON.floatingip, obj, f);
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Unset floating IP Properties', 'none')
    .argument('<floating-ip>', 'Floating IP to disassociate (IP address or ID)')
    .option('--port', 'Disassociate any port associated with the floating IP')
    .option('--qos-policy', 'Remove the QoS policy attached to the floating IP');
  addUnsetTagOptions(cmd, 'floating IP');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const obj = await findNeutron(client, NEUTRON.floatingip, value);
    const attrs: Record<string, unknown> = {};
    if (f['port'] === true) attrs['port_id'] = null;
    if (f['qosPolicy'] === true) attrs['qos_policy_id'] = null;
    const path = objectPath(NEUTRON.floatingip, String(obj['id']));
    if (Object.keys(attrs).length > 0) {
      await client.request('network', 'PUT', path, { body: { floatingip: attrs } });
    }
    // osc `update_tags_for_unset`: current tags (none after --all-tag) minus the given ones, if changed.
    const current = Array.isArray(obj['tags']) ? (obj['tags'] as string[]) : [];
    const drop = new Set((f['tag'] as string[] | undefined) ?? []);
    const tags = f['allTag'] === true ? [] : current.filter((t) => !drop.has(t));
    if (tags.length !== current.length)
      await client.request('network', 'PUT', `${path}/tags`, { body: { tags } });
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete floating IP(s)', 'none').argument(
    '<floating-ip...>',
    'Floating IP(s) to delete (IP address or ID)',
  );
  onRun(cmd, (ctx, values) =>
    deleteAll(ctx, NEUTRON.floatingip, 'floating_ip', values as unknown as string[]),
  );
}

/** `lbaas floating ip create|list|show|set|unset|delete` (openstackclient 6.0.0's `openstack floating ip …`). */
export function addFloatingIpCommands(program: Command): void {
  const group = program
    .command('floating')
    .description('Neutron floating IPs (openstack floating ip …)')
    .command('ip')
    .description('Neutron floating IPs (openstack floating ip …)');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
