import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, addWaitOptions, enabledField, intArg } from '../common-options.js';
import { LOOKUPS, isUuidLike, lookupId, memberLookup } from '../octavia-lookups.js';
import { fetchObject, lbPath, parentLoadBalancerId, showObject, waitActiveIfAsked } from '../octavia-wait.js';
import { deleteObject, tagsAt, updateObject } from '../octavia-object.js';
import { showRow } from '../show-row.js';
import {
  addCreateTagOptions,
  addSetTagOptions,
  addTagFilterOptions,
  addUnsetTagOptions,
  createTags,
  setTags,
  tagFilterQuery,
  unsetTags,
} from '../tag-options.js';
import { checkPortRange, unsetBody } from './listener.commands.js';

import { poolId, poolPath } from './pool.commands.js';

/** `loadbalancer member show` rows (python-octaviaclient MEMBER_ROWS, with the newer vnic_type). */
export const MEMBER_ROWS = [
  'address',
  'admin_state_up',
  'created_at',
  'id',
  'name',
  'operating_status',
  'project_id',
  'protocol_port',
  'provisioning_status',
  'subnet_id',
  'updated_at',
  'weight',
  'monitor_port',
  'monitor_address',
  'backup',
  'tags',
  'vnic_type',
] as const;

/** `loadbalancer member list` columns (MEMBER_COLUMNS). */
export const MEMBER_COLUMNS = [
  'id',
  'name',
  'project_id',
  'provisioning_status',
  'address',
  'protocol_port',
  'operating_status',
  'weight',
] as const;

const MIN_WEIGHT = 0;
const MAX_WEIGHT = 256;

/** The show output of a member (vnic_type defaults to `normal` like octaviaclient). */
export function memberShow(member: Record<string, unknown>) {
  const data = member['vnic_type'] ? member : { ...member, vnic_type: 'normal' };
  return { kind: 'show' as const, fields: MEMBER_ROWS, values: showRow(data, MEMBER_ROWS, { tags: 'flat' }) };
}

/** The API path of one member of a pool. */
export function memberPath(pool: string, member: string): string {
  return `${poolPath(pool)}/members/${encodeURIComponent(member)}`;
}

/** The pool id and member id a `<pool> <member>` pair names (the member is looked up inside the pool). */
async function memberIds(client: ApiClient, pool: string, member: string): Promise<[string, string]> {
  const pid = await poolId(client, pool);
  return [pid, await lookupId(client, memberLookup(pid), member)];
}

/** octaviaclient `check_member_attrs`: the protocol port and weight ranges. */
function checkMember(body: Record<string, unknown>): void {
  if (typeof body['protocol_port'] === 'number') checkPortRange(body['protocol_port'], 'protocol-port');
  const weight = body['weight'];
  if (typeof weight === 'number' && (weight < MIN_WEIGHT || weight > MAX_WEIGHT)) {
    throw new CliError(
      `Invalid input for field/attribute 'weight', Value: '${weight}'. Value must be between ${MIN_WEIGHT} and ${MAX_WEIGHT}.`,
    );
  }
}

/** Body fields shared by create and set (octaviaclient `get_member_attrs`). */
function memberFields(ctx: ActionContext): Record<string, unknown> {
  const f = ctx.flags;
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (f['enableBackup'] === true) body['backup'] = true;
  if (f['disableBackup'] === true) body['backup'] = false;
  if (typeof f['weight'] === 'number') body['weight'] = f['weight'];
  if (typeof f['monitorPort'] === 'number') body['monitor_port'] = f['monitorPort'];
  if (typeof f['monitorAddress'] === 'string') body['monitor_address'] = f['monitorAddress'];
  Object.assign(body, enabledField(f));
  return body;
}

function addBackupOptions(cmd: Command): void {
  cmd
    .addOption(new Option('--disable-backup', 'Disable member backup (default).'))
    .addOption(new Option('--enable-backup', 'Enable member backup.').conflicts('disableBackup'));
}

const MONITOR_PORT_HELP = 'An alternate protocol port used for health monitoring a backend member.';
const MONITOR_ADDRESS_HELP = 'An alternate IP address used for health monitoring a backend member.';

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Creating a member in a pool', 'show')
    .argument('<pool>', 'ID or name of the pool to create the member for.')
    .option('--name <name>', 'Name of the member.');
  addBackupOptions(cmd);
  cmd
    .addOption(
      new Option(
        '--weight <weight>',
        'The weight of a member determines the portion of requests or connections it services compared to the ' +
          'other members of the pool.',
      ).argParser(intArg('--weight')),
    )
    .addOption(
      new Option(
        '--address <ip_address>',
        'The IP address of the backend member server.',
      ).makeOptionMandatory(),
    )
    .option('--subnet-id <subnet_id>', 'The subnet ID the member service is accessible from.')
    .addOption(
      new Option(
        '--protocol-port <protocol_port>',
        'The protocol port number the backend member server is listening on.',
      )
        .argParser(intArg('--protocol-port'))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--monitor-port <monitor_port>', MONITOR_PORT_HELP).argParser(intArg('--monitor-port')),
    )
    .option('--monitor-address <monitor_address>', MONITOR_ADDRESS_HELP);
  addEnableDisable(cmd, 'Enable member (default).', 'Disable member.');
  addWaitOptions(cmd);
  cmd.option('--request-sriov', 'Request that the member port be created using an SR-IOV VF.');
  addCreateTagOptions(cmd, 'member');
  onRun(cmd, async (ctx, pool) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const pid = await poolId(client, pool);
    const body: Record<string, unknown> = { address: f['address'], protocol_port: f['protocolPort'] };
    Object.assign(body, memberFields(ctx));
    if (typeof f['subnetId'] === 'string')
      body['subnet_id'] = await lookupId(client, LOOKUPS.subnet, f['subnetId']);
    if (f['requestSriov'] === true) body['request_sriov'] = true;
    Object.assign(body, createTags(f));
    checkMember(body);
    const created = await client.request<{ member: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      `${poolPath(pid)}/members`,
      { body: { member: body } },
    );
    let member = created.member;
    if (f['wait'] === true) {
      const parent = parentLoadBalancerId(await showObject(client, poolPath(pid), 'pool'));
      if (parent)
        await waitActiveIfAsked(ctx, client, lbPath(parent), 'loadbalancer', `load balancer ${parent}`);
      member = await showObject(client, memberPath(pid, String(member['id'])), 'member');
    }
    return memberShow(member);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List members in a pool', 'list').argument(
    '<pool>',
    'Pool name or ID to list the members of.',
  );
  addTagFilterOptions(cmd, 'member');
  onRun(cmd, async (ctx, pool) => {
    const client = await ctx.client();
    const pid = await poolId(client, pool);
    const members = await listAll(
      client,
      'load-balancer',
      `${poolPath(pid)}/members`,
      'members',
      tagFilterQuery(ctx.flags),
    );
    return { kind: 'list', columns: MEMBER_COLUMNS, rows: members.map((m) => showRow(m, MEMBER_COLUMNS)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Shows details of a single Member', 'show')
    .argument('<pool>', 'Pool name or ID to show the members of.')
    .argument('<member>', 'Name or ID of the member to show.');
  onRun(cmd, async (ctx, pool, member) => {
    const client = await ctx.client();
    const direct =
      isUuidLike(pool) && isUuidLike(member)
        ? await fetchObject(client, memberPath(pool, member), 'member')
        : undefined;
    if (direct) return memberShow(direct);
    const [pid, mid] = await memberIds(client, pool, member);
    return memberShow(await showObject(client, memberPath(pid, mid), 'member'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a member', 'none')
    .argument('<pool>', 'Pool that the member to update belongs to (name or ID).')
    .argument('<member>', 'Name or ID of the member to update.')
    .option('--name <name>', 'Set the name of the member.');
  addBackupOptions(cmd);
  cmd
    .addOption(
      new Option('--weight <weight>', 'Set the weight of member in the pool.').argParser(intArg('--weight')),
    )
    .addOption(
      new Option('--monitor-port <monitor_port>', MONITOR_PORT_HELP).argParser(intArg('--monitor-port')),
    )
    .option('--monitor-address <monitor_address>', MONITOR_ADDRESS_HELP);
  addEnableDisable(cmd, 'Set the admin_state_up to True.', 'Set the admin_state_up to False.');
  addWaitOptions(cmd);
  addSetTagOptions(cmd, 'member');
  onRun(cmd, async (ctx, pool, member) => {
    const client = await ctx.client();
    const [pid, mid] = await memberIds(client, pool, member);
    const path = memberPath(pid, mid);
    const body = memberFields(ctx);
    checkMember(body);
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'member')));
    await updateObject(ctx, client, path, 'member', body, `member ${member}`);
  });
}

const UNSET_FIELDS: [string, string, string][] = [
  ['--backup', 'Clear the backup member flag.', 'backup'],
  ['--monitor-address', 'Clear the member monitor address.', 'monitor_address'],
  ['--monitor-port', 'Clear the member monitor port.', 'monitor_port'],
  ['--name', 'Clear the member name.', 'name'],
  ['--weight', 'Reset the member weight to the API default.', 'weight'],
];

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear member settings', 'none')
    .argument('<pool>', 'Pool that the member to update belongs to (name or ID).')
    .argument('<member>', 'Member to modify (name or ID).');
  for (const [flag, help] of UNSET_FIELDS) cmd.option(flag, help);
  addWaitOptions(cmd);
  addUnsetTagOptions(cmd, 'member');
  onRun(cmd, async (ctx, pool, member) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = unsetBody(f, UNSET_FIELDS);
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const [pid, mid] = await memberIds(client, pool, member);
    const path = memberPath(pid, mid);
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'member')));
    await updateObject(ctx, client, path, 'member', body, `member ${member}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a member from a pool', 'none')
    .argument('<pool>', 'Pool name or ID to delete the member from.')
    .argument('<member>', 'Name or ID of the member to be deleted.');
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, pool, member) => {
    const client = await ctx.client();
    const path = memberPath(...(await memberIds(client, pool, member)));
    await deleteObject(ctx, client, path, 'member', `member ${member}`);
  });
}

/** Adds `member create|list|show|set|unset|delete` to the `loadbalancer` group. */
export function addMemberCommands(lb: Command): void {
  const group = lb.command('member').description('Octavia pool members');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
