import type { Command } from 'commander';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { LOOKUPS, isUuidLike, lookupId, lookupObject } from '../octavia-lookups.js';
import { fetchObject } from '../octavia-wait.js';
import { showRow } from '../show-row.js';

/** `loadbalancer flavorprofile show` rows (python-octaviaclient FLAVORPROFILE_ROWS). */
export const FLAVORPROFILE_ROWS = ['id', 'name', 'provider_name', 'flavor_data'] as const;

/** `loadbalancer flavorprofile list` columns. */
export const FLAVORPROFILE_COLUMNS = ['id', 'name', 'provider_name'] as const;

function profilePath(id: string): string {
  return `/v2.0/lbaas/flavorprofiles/${encodeURIComponent(id)}`;
}

function profileShow(profile: Record<string, unknown>) {
  return { kind: 'show' as const, fields: FLAVORPROFILE_ROWS, values: showRow(profile, FLAVORPROFILE_ROWS) };
}

/** `--name`, `--provider` (→ provider_name) and `--flavor-data` of create and set. */
function profileBody(f: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (typeof f['provider'] === 'string') body['provider_name'] = f['provider'];
  if (typeof f['flavorData'] === 'string') body['flavor_data'] = f['flavorData'];
  return body;
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a octavia flavor profile', 'show')
    .requiredOption('--name <name>', 'New octavia flavor profile name.')
    .requiredOption('--provider <provider name>', 'Provider name for the flavor profile.')
    .requiredOption('--flavor-data <flavor_data>', 'The JSON string containing the flavor metadata.');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const created = await client.request<{ flavorprofile: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/flavorprofiles',
      { body: { flavorprofile: profileBody(ctx.flags) } },
    );
    return profileShow(created.flavorprofile);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List flavor profile', 'list')
    .option('--name <name>', 'List flavor profiles by flavor profile name.')
    .option('--provider <provider_name>', 'List flavor profiles according to their provider.');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const query = Object.entries(profileBody(ctx.flags)).map(([k, v]): [string, string] => [k, String(v)]);
    const profiles = await listAll(
      client,
      'load-balancer',
      '/v2.0/lbaas/flavorprofiles',
      'flavorprofiles',
      query,
    );
    return {
      kind: 'list',
      columns: FLAVORPROFILE_COLUMNS,
      rows: profiles.map((p) => showRow(p, FLAVORPROFILE_COLUMNS)),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details for a single flavor profile', 'show').argument(
    '<flavor_profile>',
    'Name or UUID of the flavor profile to show.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const direct = isUuidLike(value)
      ? await fetchObject(client, profilePath(value), 'flavorprofile')
      : undefined;
    return profileShow(direct ?? (await lookupObject(client, LOOKUPS.flavorprofile, value)));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a flavor profile', 'none')
    .argument('<flavor_profile>', 'Name or UUID of the flavor profile to update.')
    .option('--name <name>', 'Set the name of the flavor profile.')
    .option('--provider <provider_name>', 'Set the provider of the flavor profile.')
    .option('--flavor-data <flavor_data>', 'Set the flavor data of the flavor profile.');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = profilePath(await lookupId(client, LOOKUPS.flavorprofile, value));
    await client.request('load-balancer', 'PUT', path, { body: { flavorprofile: profileBody(ctx.flags) } });
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a flavor profile', 'none').argument(
    '<flavor_profile>',
    'Flavor profiles to delete (name or ID).',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    await client.request(
      'load-balancer',
      'DELETE',
      profilePath(await lookupId(client, LOOKUPS.flavorprofile, value)),
    );
  });
}

/** Adds `loadbalancer flavorprofile create|list|show|set|delete`. */
export function addFlavorProfileCommands(lb: Command): void {
  const group = lb.command('flavorprofile').description('Octavia flavor profiles');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addDelete(group);
}
