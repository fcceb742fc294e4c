import type { Command } from 'commander';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { LOOKUPS, lookupId, lookupObject } from '../octavia-lookups.js';
import { showRow } from '../show-row.js';

/** `loadbalancer availabilityzoneprofile show` rows (python-octaviaclient AVAILABILITYZONEPROFILE_ROWS). */
export const AVAILABILITYZONEPROFILE_ROWS = [
  'id',
  'name',
  'provider_name',
  'availability_zone_data',
] as const;

/** `loadbalancer availabilityzoneprofile list` columns. */
export const AVAILABILITYZONEPROFILE_COLUMNS = ['id', 'name', 'provider_name'] as const;

function profilePath(id: string): string {
  return `/v2.0/lbaas/availabilityzoneprofiles/${encodeURIComponent(id)}`;
}

function profileShow(profile: Record<string, unknown>) {
  return {
    kind: 'show' as const,
    fields: AVAILABILITYZONEPROFILE_ROWS,
    values: showRow(profile, AVAILABILITYZONEPROFILE_ROWS),
  };
}

/** `--name`, `--provider` (→ provider_name) and `--availability-zone-data` of create and set. */
function profileBody(f: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (typeof f['provider'] === 'string') body['provider_name'] = f['provider'];
  if (typeof f['availabilityZoneData'] === 'string')
    body['availability_zone_data'] = f['availabilityZoneData'];
  return body;
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create an octavia availability zone profile', 'show')
    .requiredOption('--name <name>', 'New octavia availability zone profile name.')
    .requiredOption('--provider <provider name>', 'Provider name for the availability zone profile.')
    .requiredOption(
      '--availability-zone-data <availability_zone_data>',
      'The JSON string containing the availability zone metadata.',
    );
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const created = await client.request<{ availability_zone_profile: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/availabilityzoneprofiles',
      { body: { availability_zone_profile: profileBody(ctx.flags) } },
    );
    return profileShow(created.availability_zone_profile);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List availability zone profiles', 'list')
    .option('--name <name>', 'List availability zone profiles by profile name.')
    .option('--provider <provider_name>', 'List availability zone profiles according to their provider.');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const query = Object.entries(profileBody(ctx.flags)).map(([k, v]): [string, string] => [k, String(v)]);
    const profiles = await listAll(
      client,
      'load-balancer',
      '/v2.0/lbaas/availabilityzoneprofiles',
      'availability_zone_profiles',
      query,
    );
    return {
      kind: 'list',
      columns: AVAILABILITYZONEPROFILE_COLUMNS,
      rows: profiles.map((p) => showRow(p, AVAILABILITYZONEPROFILE_COLUMNS)),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(
    group,
    'show',
    'Show the details of a single availability zone profile',
    'show',
  ).argument('<availabilityzone_profile>', 'Name or UUID of the availability zone profile to show.');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return profileShow(await lookupObject(client, LOOKUPS.availabilityzoneprofile, value));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update an availability zone profile', 'none')
    .argument('<availabilityzone_profile>', 'Name or UUID of the availability zone profile to update.')
    .option('--name <name>', 'Set the name of the availability zone profile.')
    .option('--provider <provider_name>', 'Set the provider of the availability zone profile.')
    .option(
      '--availability-zone-data <availabilityzone_data>',
      'Set the availability zone data of the profile.',
    );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = profilePath(await lookupId(client, LOOKUPS.availabilityzoneprofile, value));
    await client.request('load-balancer', 'PUT', path, {
      body: { availability_zone_profile: profileBody(ctx.flags) },
    });
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete an availability zone profile', 'none').argument(
    '<availabilityzone_profile>',
    'Availability zone profile to delete (name or ID).',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = profilePath(await lookupId(client, LOOKUPS.availabilityzoneprofile, value));
    await client.request('load-balancer', 'DELETE', path);
  });
}

/** Adds `loadbalancer availabilityzoneprofile create|list|show|set|delete`. */
export function addAvailabilityZoneProfileCommands(lb: Command): void {
  const group = lb.command('availabilityzoneprofile').description('Octavia availability zone profiles');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addDelete(group);
}
