import { Option, type Command } from 'commander';
import { apiCommand, onRun } from '../action-kit.js';
import { showRow } from '../show-row.js';

/** `loadbalancer provider list` columns. */
export const PROVIDER_COLUMNS = ['name', 'description'] as const;

/** `loadbalancer provider capability list` columns (`type` is added client-side). */
export const PROVIDER_CAPABILITY_COLUMNS = ['type', 'name', 'description'] as const;

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List all providers', 'list');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const body = await client.request<{ providers?: Record<string, unknown>[] }>(
      'load-balancer',
      'GET',
      '/v2.0/lbaas/providers',
    );
    return {
      kind: 'list',
      columns: PROVIDER_COLUMNS,
      rows: (body.providers ?? []).map((p) => showRow(p, PROVIDER_COLUMNS)),
    };
  });
}

function addCapabilityList(group: Command): void {
  const capability = group.command('capability').description('Provider driver capabilities');
  const cmd = apiCommand(capability, 'list', "List specified provider driver's capabilities.", 'list')
    .argument('<provider_name>', 'Name of the provider driver.')
    .addOption(new Option('--flavor', 'Get capabilities for flavor only.'))
    .addOption(
      new Option('--availability-zone', 'Get capabilities for availability zone only.').conflicts('flavor'),
    );
  onRun(cmd, async (ctx, provider) => {
    const client = await ctx.client();
    const base = `/v2.0/lbaas/providers/${encodeURIComponent(provider)}`;
    const kinds: [string, string][] = [];
    if (ctx.flags['availabilityZone'] !== true) kinds.push(['flavor', 'flavor_capabilities']);
    if (ctx.flags['flavor'] !== true) kinds.push(['availability_zone', 'availability_zone_capabilities']);
    const rows: unknown[][] = [];
    for (const [type, key] of kinds) {
      const body = await client.request<Record<string, Record<string, unknown>[] | undefined>>(
        'load-balancer',
        'GET',
        `${base}/${key}`,
      );
      for (const cap of body[key] ?? []) rows.push(showRow({ ...cap, type }, PROVIDER_CAPABILITY_COLUMNS));
    }
    return { kind: 'list', columns: PROVIDER_CAPABILITY_COLUMNS, rows };
  });
}

/** Adds `loadbalancer provider list` and `loadbalancer provider capability list`. */
export function addProviderCommands(lb: Command): void {
  const group = lb.command('provider').description('Octavia provider drivers');
  addList(group);
  addCapabilityList(group);
}
