import type { Command } from 'commander';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { addEnableDisable, enabledField } from '../common-options.js';
import { LOOKUPS, lookupId, lookupObject } from '../octavia-lookups.js';
import { showRow } from '../show-row.js';

/** `loadbalancer availabilityzone show` rows (python-octaviaclient AVAILABILITYZONE_ROWS). */
export const AVAILABILITYZONE_ROWS = [
  'name',
  'availability_zone_profile_id',
  'enabled',
  'description',
] as const;

/** `loadbalancer availabilityzone list` columns. */
export const AVAILABILITYZONE_COLUMNS = ['name', 'availability_zone_profile_id', 'enabled'] as const;

function azPath(name: string): string {
  return `/v2.0/lbaas/availabilityzones/${encodeURIComponent(name)}`;
}

/** The path of the availability zone an argument names (looked up by name only). */
async function resolveAzPath(client: ApiClient, value: string): Promise<string> {
  return azPath(await lookupId(client, LOOKUPS.availabilityzone, value));
}

function azShow(az: Record<string, unknown>) {
  return { kind: 'show' as const, fields: AVAILABILITYZONE_ROWS, values: showRow(az, AVAILABILITYZONE_ROWS) };
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create an octavia availability zone', 'show')
    .requiredOption('--name <name>', 'New availability zone name.')
    .requiredOption(
      '--availabilityzoneprofile <availabilityzone_profile>',
      'Availability zone profile to add the AZ to (name or ID).',
    )
    .option('--description <description>', 'Set the availability zone description.');
  addEnableDisable(cmd, 'Enable the availability zone.', 'Disable the availability zone.');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const body: Record<string, unknown> = {
      name: f['name'],
      availability_zone_profile_id: await lookupId(
        client,
        LOOKUPS.availabilityzoneprofile,
        String(f['availabilityzoneprofile']),
      ),
    };
    if (typeof f['description'] === 'string') body['description'] = f['description'];
    Object.assign(body, enabledField(f, 'enabled'));
    const created = await client.request<{ availability_zone: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/availabilityzones',
      { body: { availability_zone: body } },
    );
    return azShow(created.availability_zone);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List availability zones', 'list')
    .option('--name <name>', 'List availability zones according to their name.')
    .option(
      '--availabilityzoneprofile <availabilityzone_profile>',
      'List availability zones according to their AZ profile.',
    );
  addEnableDisable(cmd, 'List enabled availability zones.', 'List disabled availability zones.');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['name'] === 'string') query.push(['name', f['name']]);
    if (typeof f['availabilityzoneprofile'] === 'string') {
      const profileId = await lookupId(client, LOOKUPS.availabilityzoneprofile, f['availabilityzoneprofile']);
      query.push(['availability_zone_profile_id', profileId]);
    }
    const enabled = enabledField(f, 'enabled')['enabled'];
    if (enabled !== undefined) query.push(['enabled', enabled ? 'True' : 'False']);
    const zones = await listAll(
      client,
      'load-balancer',
      '/v2.0/lbaas/availabilityzones',
      'availability_zones',
      query,
    );
    return {
      kind: 'list',
      columns: AVAILABILITYZONE_COLUMNS,
      rows: zones.map((z) => showRow(z, AVAILABILITYZONE_COLUMNS)),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details for a single availability zone', 'show').argument(
    '<availabilityzone>',
    'Name of the availability zone.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return azShow(await lookupObject(client, LOOKUPS.availabilityzone, value));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update an availability zone', 'none')
    .argument('<availabilityzone>', 'Name of the availability zone to update.')
    .option('--description <description>', 'Set the description of the availability zone.');
  addEnableDisable(cmd, 'Enable the availability zone.', 'Disable the availability zone.');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const path = await resolveAzPath(client, value);
    const body: Record<string, unknown> = {};
    if (typeof f['description'] === 'string') body['description'] = f['description'];
    Object.assign(body, enabledField(f, 'enabled'));
    await client.request('load-balancer', 'PUT', path, { body: { availability_zone: body } });
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear availability zone settings', 'none')
    .argument('<availabilityzone>', 'Name of the availability zone to update.')
    .option('--description', 'Clear the availability zone description.');
  onRun(cmd, async (ctx, value) => {
    if (ctx.flags['description'] !== true) return;
    const client = await ctx.client();
    const path = await resolveAzPath(client, value);
    await client.request('load-balancer', 'PUT', path, {
      body: { availability_zone: { description: null } },
    });
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete an availability zone', 'none').argument(
    '<availabilityzone>',
    'Name of the availability zone to delete.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    await client.request('load-balancer', 'DELETE', await resolveAzPath(client, value));
  });
}

/** Adds `loadbalancer availabilityzone create|list|show|set|unset|delete` (zones are named, not numbered). */
export function addAvailabilityZoneCommands(lb: Command): void {
  const group = lb.command('availabilityzone').description('Octavia availability zones');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
