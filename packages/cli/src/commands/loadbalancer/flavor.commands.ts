import type { Command } from 'commander';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { addEnableDisable, enabledField } from '../common-options.js';
import { LOOKUPS, lookupId } from '../octavia-lookups.js';

import { showByNameOrId } from '../octavia-object.js';
import { showRow } from '../show-row.js';

/** `loadbalancer flavor show` rows (python-octaviaclient FLAVOR_ROWS). */
export const FLAVOR_ROWS = ['id', 'name', 'flavor_profile_id', 'enabled', 'description'] as const;

/** `loadbalancer flavor list` columns. */
export const FLAVOR_COLUMNS = ['id', 'name', 'flavor_profile_id', 'enabled'] as const;

function flavorPath(id: string): string {
  return `/v2.0/lbaas/flavors/${encodeURIComponent(id)}`;
}

function flavorShow(flavor: Record<string, unknown>) {
  return { kind: 'show' as const, fields: FLAVOR_ROWS, values: showRow(flavor, FLAVOR_ROWS) };
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a octavia flavor', 'show')
    .requiredOption('--name <name>', 'New flavor name.')
    .requiredOption('--flavorprofile <flavor_profile>', 'Flavor profile to add the flavor to (name or ID).')
    .option('--description <description>', 'Set flavor description.');
  addEnableDisable(cmd, 'Enable flavor.', 'Disable flavor.');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const body: Record<string, unknown> = {
      name: f['name'],
      flavor_profile_id: await lookupId(client, LOOKUPS.flavorprofile, String(f['flavorprofile'])),
    };
    if (typeof f['description'] === 'string') body['description'] = f['description'];
    Object.assign(body, enabledField(f, 'enabled'));
    const created = await client.request<{ flavor: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/flavors',
      {
        body: { flavor: body },
      },
    );
    return flavorShow(created.flavor);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List flavor', 'list')
    .option('--name <name>', 'List flavors according to their name.')
    .option('--flavorprofile <flavor_profile>', 'List flavors according to their flavor profile.');
  addEnableDisable(cmd, 'List enabled flavors.', 'List disabled flavors.');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['name'] === 'string') query.push(['name', f['name']]);
    if (typeof f['flavorprofile'] === 'string') {
      query.push(['flavor_profile_id', await lookupId(client, LOOKUPS.flavorprofile, f['flavorprofile'])]);
    }
    const enabled = enabledField(f, 'enabled')['enabled'];
    if (enabled !== undefined) query.push(['enabled', enabled ? 'True' : 'False']);
    const flavors = await listAll(client, 'load-balancer', '/v2.0/lbaas/flavors', 'flavors', query);
    return { kind: 'list', columns: FLAVOR_COLUMNS, rows: flavors.map((fl) => showRow(fl, FLAVOR_COLUMNS)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details for a single flavor', 'show').argument(
    '<flavor>',
    'Name or UUID of the flavor.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return flavorShow(await showByNameOrId(client, value, LOOKUPS.flavor, flavorPath, 'flavor'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a flavor', 'none')
    .argument('<flavor>', 'Name or UUID of the flavor to update.')
    .option('--name <name>', 'Set the name of the flavor.')
    .option('--description <description>', 'Set the description of the flavor.');
  addEnableDisable(cmd, 'Enable flavor.', 'Disable flavor.');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const path = flavorPath(await lookupId(client, LOOKUPS.flavor, value));
    const body: Record<string, unknown> = {};
    if (typeof f['name'] === 'string') body['name'] = f['name'];
    if (typeof f['description'] === 'string') body['description'] = f['description'];
    Object.assign(body, enabledField(f, 'enabled'));
    await client.request('load-balancer', 'PUT', path, { body: { flavor: body } });
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear flavor settings', 'none')
    .argument('<flavor>', 'Flavor to update (name or ID).')
    .option('--description', 'Clear the flavor description.');
  onRun(cmd, async (ctx, value) => {
    if (ctx.flags['description'] !== true) return;
    const client = await ctx.client();
    const path = flavorPath(await lookupId(client, LOOKUPS.flavor, value));
    await client.request('load-balancer', 'PUT', path, { body: { flavor: { description: null } } });
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a flavor', 'none').argument(
    '<flavor>',
    'Flavor to delete (name or ID).',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    await client.request(
      'load-balancer',
      'DELETE',
      flavorPath(await lookupId(client, LOOKUPS.flavor, value)),
    );
  });
}

/** Adds `loadbalancer flavor create|list|show|set|unset|delete`. */
export function addFlavorCommands(lb: Command): void {
  const group = lb.command('flavor').description('Octavia flavors');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
