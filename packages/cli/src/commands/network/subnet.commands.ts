import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
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
  pyBool,
  repeatable,
  same,
  showOutput,
  updateTagsForSet,
  type Field,
} from './neutron-common.js';

/** `subnet show` rows (openstackclient 6.0.0 over openstacksdk's Subnet, hidden columns removed). */
export const SUBNET_ROWS: readonly Field[] = [
  same('allocation_pools', FMT.allocationPools),
  same('cidr'),
  same('created_at'),
  same('description'),
  same('dns_nameservers', FMT.list),
  same('dns_publish_fixed_ip'),
  same('enable_dhcp'),
  same('gateway_ip'),
  same('host_routes', FMT.hostRoutes),
  same('id'),
  same('ip_version'),
  same('ipv6_address_mode'),
  same('ipv6_ra_mode'),
  same('name'),
  same('network_id'),
  same('project_id'),
  same('revision_number'),
  same('segment_id'),
  same('service_types', FMT.list),
  same('subnetpool_id'),
  same('tags', FMT.list),
  same('updated_at'),
];

/** `subnet list` columns. */
export const SUBNET_COLUMNS: readonly Field[] = [
  ['ID', 'id'],
  ['Name', 'name'],
  ['Network', 'network_id'],
  ['Subnet', 'cidr'],
];

/** `subnet list --long` columns. */
export const SUBNET_LONG_COLUMNS: readonly Field[] = [
  ...SUBNET_COLUMNS,
  ['Project', 'project_id'],
  ['DHCP', 'enable_dhcp'],
  ['Name Servers', 'dns_nameservers', FMT.list],
  ['Allocation Pools', 'allocation_pools', FMT.allocationPools],
  ['Host Routes', 'host_routes', FMT.hostRoutes],
  ['IP Version', 'ip_version'],
  ['Gateway', 'gateway_ip'],
  ['Service Types', 'service_types', FMT.list],
  ['Tags', 'tags', FMT.list],
];

const POOL_METAVAR = 'start=<ip-address>,end=<ip-address>';
const ROUTE_METAVAR = 'destination=<subnet>,gateway=<ip-address>';

/** argparse `type=int, choices=[4, 6]`. */
function ipVersion(value: string): number {
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(n)) throw new CliError(`argument --ip-version: invalid int value: '${value}'`, 2);
  if (n !== 4 && n !== 6)
    throw new CliError(`argument --ip-version: invalid choice: ${n} (choose from 4, 6)`, 2);
  return n;
}

/** `--host-route destination=,gateway=` → the API's `{destination, nexthop}`. */
function toNexthop(routes: Record<string, string>[]): Record<string, string>[] {
  return routes.map(({ gateway, ...rest }) => (gateway === undefined ? rest : { ...rest, nexthop: gateway }));
}

function addCommonOptions(cmd: Command, create: boolean): void {
  cmd.addOption(
    new Option(
      `--allocation-pool <${POOL_METAVAR}>`,
      'Allocation pool IP addresses for this subnet e.g.: start=192.168.199.2,end=192.168.199.254 (repeat option to add multiple IP addresses)',
    ).argParser(multiKeyValue(['start', 'end'])),
  );
  if (!create) {
    cmd.addOption(
      new LiteralOption(
        '--no-allocation-pool',
        'Clear associated allocation-pools from the subnet. Specify both --allocation-pool and --no-allocation-pool to overwrite the current allocation pool information.',
      ),
    );
  }
  cmd.addOption(
    repeatable(
      '--dns-nameserver <dns-nameserver>',
      'DNS server for this subnet (repeat option to set multiple DNS servers)',
    ),
  );
  if (!create) {
    cmd.addOption(
      new LiteralOption(
        '--no-dns-nameservers',
        'Clear existing information of DNS Nameservers. Specify both --dns-nameserver and --no-dns-nameserver to overwrite the current DNS Nameserver information.',
      ),
    );
  }
  cmd.addOption(
    new Option(
      `--host-route <${ROUTE_METAVAR}>`,
      'Additional route for this subnet e.g.: destination=10.10.0.0/16,gateway=192.168.71.254 destination: destination subnet (in CIDR notation) gateway: nexthop IP address (repeat option to add multiple routes)',
    ).argParser(multiKeyValue(['destination', 'gateway'])),
  );
  if (!create) {
    cmd.addOption(
      new LiteralOption(
        '--no-host-route',
        'Clear associated host-routes from the subnet. Specify both --host-route and --no-host-route to overwrite the current host route information.',
      ),
    );
  }
}

/** osc `_get_attrs` (subnet) for the options our server knows. */
function subnetAttrs(ctx: ActionContext, create: boolean): Record<string, unknown> {
  const f = ctx.flags;
  const attrs: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') attrs['name'] = f['name'];
  if (typeof f['gateway'] === 'string') {
    const gateway = f['gateway'].toLowerCase();
    if (!create && gateway === 'auto') {
      throw new CliError(
        'Auto option is not available for Subnet Set. Valid options are <ip-address> or none',
      );
    }
    if (gateway !== 'auto') attrs['gateway_ip'] = gateway === 'none' ? null : gateway;
  }
  if (Array.isArray(f['allocationPool'])) attrs['allocation_pools'] = f['allocationPool'];
  if (f['dhcp'] === true) attrs['enable_dhcp'] = true;
  if (f['noDhcp'] === true) attrs['enable_dhcp'] = false;
  if (Array.isArray(f['dnsNameserver'])) attrs['dns_nameservers'] = f['dnsNameserver'];
  if (Array.isArray(f['hostRoute']))
    attrs['host_routes'] = toNexthop(f['hostRoute'] as Record<string, string>[]);
  if (typeof f['description'] === 'string') attrs['description'] = f['description'];
  return attrs;
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a subnet', 'show')
    .argument('<name>', 'New subnet name')
    .option('--project <project>', "Owner's project (name or ID)")
    .option(
      '--subnet-range <subnet-range>',
      'Subnet range in CIDR notation (required if --subnet-pool is not specified, optional otherwise)',
    );
  addFlagPair(cmd, '--dhcp', 'Enable DHCP (default)', '--no-dhcp', 'Disable DHCP');
  cmd
    .addOption(
      new Option(
        '--gateway <gateway>',
        "Specify a gateway for the subnet.  The three options are: <ip-address>: Specific IP address to use as the gateway, 'auto': Gateway address should automatically be chosen from within the subnet itself, 'none': This subnet will not use a gateway, e.g.: --gateway 192.168.9.1, --gateway auto, --gateway none (default is 'auto').",
      ).default('auto'),
    )
    .addOption(
      new Option(
        '--ip-version <{4,6}>',
        'IP version (default is 4).  Note that when subnet pool is specified, IP version is determined from the subnet pool and this option is ignored.',
      )
        .argParser(ipVersion)
        .default(4),
    )
    .requiredOption('--network <network>', 'Network this subnet belongs to (name or ID)')
    .option('--description <description>', 'Set subnet description');
  addCommonOptions(cmd, true);
  addCreateTagOptions(cmd, 'subnet');
  onRun(cmd, async (ctx, name) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const attrs: Record<string, unknown> = { name };
    if (typeof f['project'] === 'string') attrs['project_id'] = await resolveProject(client, f['project']);
    attrs['network_id'] = await findNeutronId(client, NEUTRON.network, String(f['network']));
    if (typeof f['subnetRange'] === 'string') attrs['cidr'] = f['subnetRange'];
    attrs['ip_version'] = f['ipVersion'];
    Object.assign(attrs, subnetAttrs(ctx, true), createTags(f));
    const created = await client.request<{ subnet: Record<string, unknown> }>(
      'network',
      'POST',
      NEUTRON.subnet.path,
      {
        body: { subnet: attrs },
      },
    );
    return showOutput(ctx, created.subnet, SUBNET_ROWS);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List subnets', 'list')
    .option('--long', 'List additional fields in output')
    .addOption(
      new Option(
        '--ip-version <ip-version>',
        'List only subnets of given IP version in output. Allowed values for IP version are 4 and 6.',
      ).argParser(ipVersion),
    );
  addFlagPair(
    cmd,
    '--dhcp',
    'List subnets which have DHCP enabled',
    '--no-dhcp',
    'List subnets which have DHCP disabled',
  );
  cmd
    .option('--project <project>', 'List only subnets which belong to a given project in output (name or ID)')
    .option('--network <network>', 'List only subnets which belong to a given network in output (name or ID)')
    .option('--gateway <gateway>', 'List only subnets of given gateway IP in output')
    .option('--name <name>', 'List only subnets of given name in output')
    .option(
      '--subnet-range <subnet-range>',
      'List only subnets of given subnet range (in CIDR notation) in output e.g.: --subnet-range 10.10.0.0/16',
    );
  addTagFilterOptions(cmd, 'subnets');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['ipVersion'] === 'number') query.push(['ip_version', String(f['ipVersion'])]);
    if (f['dhcp'] === true) query.push(['enable_dhcp', pyBool(true)]);
    if (f['noDhcp'] === true) query.push(['enable_dhcp', pyBool(false)]);
    if (typeof f['project'] === 'string')
      query.push(['project_id', await resolveProject(client, f['project'])]);
    if (typeof f['network'] === 'string') {
      query.push(['network_id', await findNeutronId(client, NEUTRON.network, f['network'])]);
    }
    if (typeof f['gateway'] === 'string' && f['gateway'] !== '') query.push(['gateway_ip', f['gateway']]);
    if (typeof f['name'] === 'string' && f['name'] !== '') query.push(['name', f['name']]);
    if (typeof f['subnetRange'] === 'string' && f['subnetRange'] !== '')
      query.push(['cidr', f['subnetRange']]);
    query.push(...tagFilterQuery(f));
    const subnets = await listAll(client, 'network', NEUTRON.subnet.path, 'subnets', query);
    return listOutput(ctx, subnets, f['long'] === true ? SUBNET_LONG_COLUMNS : SUBNET_COLUMNS);
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Display subnet details', 'show').argument(
    '<subnet>',
    'Subnet to display (name or ID)',
  );
  onRun(cmd, async (ctx, value) =>
    showOutput(ctx, await findNeutron(await ctx.client(), NEUTRON.subnet, value), SUBNET_ROWS),
  );
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Set subnet properties', 'none')
    .argument('<subnet>', 'Subnet to modify (name or ID)')
    .option('--name <name>', 'Updated name of the subnet');
  addFlagPair(cmd, '--dhcp', 'Enable DHCP', '--no-dhcp', 'Disable DHCP');
  cmd
    .option(
      '--gateway <gateway>',
      "Specify a gateway for the subnet. The options are: <ip-address>: Specific IP address to use as the gateway, 'none': This subnet will not use a gateway, e.g.: --gateway 192.168.9.1, --gateway none.",
    )
    .option('--description <description>', 'Set subnet description');
  addSetTagOptions(cmd, 'subnet');
  addCommonOptions(cmd, false);
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const obj = await findNeutron(client, NEUTRON.subnet, value);
    const attrs = subnetAttrs(ctx, false);
    // A list option adds to the current entries unless its --no-… option clears them first.
    const lists: [string, string][] = [
      ['dns_nameservers', 'noDnsNameservers'],
      ['host_routes', 'noHostRoute'],
      ['allocation_pools', 'noAllocationPool'],
    ];
    for (const [field, clear] of lists) {
      const current = Array.isArray(obj[field]) ? (obj[field] as unknown[]) : [];
      if (Array.isArray(attrs[field])) {
        if (f[clear] !== true) attrs[field] = [...(attrs[field] as unknown[]), ...current];
      } else if (f[clear] === true) {
        attrs[field] = [];
      }
    }
    if (Object.keys(attrs).length > 0) {
      await client.request('network', 'PUT', objectPath(NEUTRON.subnet, String(obj['id'])), {
        body: { subnet: attrs },
      });
    }
    await updateTagsForSet(client, NEUTRON.subnet, obj, f);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete subnet(s)', 'none').argument(
    '<subnet...>',
    'Subnet(s) to delete (name or ID)',
  );
  onRun(cmd, (ctx, values) => deleteAll(ctx, NEUTRON.subnet, 'subnet', values as unknown as string[]));
}

/** `lbaas subnet create|list|show|set|delete` (openstackclient 6.0.0's `openstack subnet …`). */
export function addSubnetCommands(program: Command): void {
  const group = program.command('subnet').description('Neutron subnets (openstack subnet …)');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addDelete(group);
}
