import type { Command } from 'commander';
import { CliError } from '../../cli-error.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { isUuidLike } from '../octavia-lookups.js';
import { fetchObject } from '../octavia-wait.js';
import { resolveProject } from '../project-lookup.js';
import { showRow } from '../show-row.js';

/** `loadbalancer quota show|set|defaults show` rows (the deprecated spellings octaviaclient reads). */
export const QUOTA_ROWS = [
  'load_balancer',
  'listener',
  'pool',
  'health_monitor',
  'member',
  'l7policy',
  'l7rule',
] as const;

/** `loadbalancer quota list` columns. */
export const QUOTA_COLUMNS = ['project_id', ...QUOTA_ROWS] as const;

/** The quota options of `set`/`unset`: flag, commander attribute, body field of `set`, what it limits. */
const QUOTA_OPTIONS = [
  ['--healthmonitor', 'healthmonitor', 'health_monitor', 'health monitor'],
  ['--listener', 'listener', 'listener', 'listener'],
  ['--loadbalancer', 'loadbalancer', 'load_balancer', 'load balancer'],
  ['--member', 'member', 'member', 'member'],
  ['--pool', 'pool', 'pool', 'pool'],
  ['--l7policy', 'l7policy', 'l7policy', 'l7policy'],
  ['--l7rule', 'l7rule', 'l7rule', 'l7rule'],
] as const;

function quotaPath(projectId: string): string {
  return `/v2.0/lbaas/quotas/${encodeURIComponent(projectId)}`;
}

function quotaShow(quota: Record<string, unknown>) {
  return { kind: 'show' as const, fields: QUOTA_ROWS, values: showRow(quota, QUOTA_ROWS) };
}

/** Python's `int(value)` (octaviaclient converts the limits only when building the body). */
function pyInt(value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value))
    throw new CliError(`invalid literal for int() with base 10: '${value}'`);
  return Number(value);
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List quotas', 'list').option(
    '--project <project-id>',
    'Name or UUID of the project.',
  );
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const project = ctx.flags['project'];
    const query: [string, string][] =
      typeof project === 'string' ? [['project_id', await resolveProject(client, project)]] : [];
    const quotas = await listAll(client, 'load-balancer', '/v2.0/lbaas/quotas', 'quotas', query);
    return { kind: 'list', columns: QUOTA_COLUMNS, rows: quotas.map((q) => showRow(q, QUOTA_COLUMNS)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the quota details for a project', 'show').argument(
    '<project>',
    'Name or UUID of the project.',
  );
  onRun(cmd, async (ctx, project) => {
    const client = await ctx.client();
    const direct = isUuidLike(project) ? await fetchObject(client, quotaPath(project), 'quota') : undefined;
    if (direct) return quotaShow(direct);
    const body = await client.request<{ quota?: Record<string, unknown> }>(
      'load-balancer',
      'GET',
      quotaPath(await resolveProject(client, project)),
    );
    return quotaShow(body.quota ?? {});
  });
}

function addDefaults(group: Command): void {
  const defaults = group.command('defaults').description('Quota defaults');
  const cmd = apiCommand(defaults, 'show', 'Show quota defaults', 'show');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const body = await client.request<{ quota?: Record<string, unknown> }>(
      'load-balancer',
      'GET',
      '/v2.0/lbaas/quotas/defaults',
    );
    return quotaShow(body.quota ?? {});
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a quota', 'show');
  for (const [flag, , field, what] of QUOTA_OPTIONS) {
    const limit = field === 'health_monitor' || field === 'listener' ? 'quota' : 'quota limit';
    cmd.option(`${flag} <${field}>`, `New value for the ${what} ${limit}. Value -1 means unlimited.`);
  }
  cmd.argument('<project>', 'Name or UUID of the project.');
  onRun(cmd, async (ctx, project) => {
    const body: Record<string, number> = {};
    for (const [, attr, field] of QUOTA_OPTIONS) {
      const value = ctx.flags[attr];
      if (typeof value === 'string') body[field] = pyInt(value);
    }
    if (Object.keys(body).length === 0) {
      const flags = QUOTA_OPTIONS.map(([flag]) => ` ${flag}`).join(',');
      throw new CliError(`Missing required argument. Requires at least one of:${flags}`);
    }
    const client = await ctx.client();
    const projectId = await resolveProject(client, project);
    const answer = await client.request<{ quota?: Record<string, unknown> }>(
      'load-balancer',
      'PUT',
      quotaPath(projectId),
      {
        body: { quota: body },
      },
    );
    return quotaShow(answer.quota ?? {});
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear quota settings', 'none').argument(
    '<project>',
    'Name or UUID of the project.',
  );
  for (const flag of [
    '--loadbalancer',
    '--listener',
    '--pool',
    '--member',
    '--healthmonitor',
    '--l7policy',
    '--l7rule',
  ]) {
    const what = QUOTA_OPTIONS.find(([f]) => f === flag)?.[3] ?? flag;
    cmd.option(flag, `Reset the ${what} quota to the default.`);
  }
  onRun(cmd, async (ctx, project) => {
    // octaviaclient sends the option names (`loadbalancer`, `healthmonitor`) here, unlike `set`.
    const body: Record<string, null> = {};
    for (const [, attr] of QUOTA_OPTIONS) {
      if (ctx.flags[attr] === true) body[attr] = null;
    }
    if (Object.keys(body).length === 0) return;
    const client = await ctx.client();
    const projectId = await resolveProject(client, project);
    await client.request('load-balancer', 'PUT', quotaPath(projectId), { body: { quota: body } });
  });
}

function addReset(group: Command): void {
  const cmd = apiCommand(group, 'reset', 'Resets quotas to default quotas', 'none').argument(
    '<project>',
    'Project to reset quotas (name or ID).',
  );
  onRun(cmd, async (ctx, project) => {
    const client = await ctx.client();
    await client.request('load-balancer', 'DELETE', quotaPath(await resolveProject(client, project)));
  });
}

/** Adds `loadbalancer quota list|show|defaults show|set|unset|reset`. */
export function addQuotaCommands(lb: Command): void {
  const group = lb.command('quota').description('Octavia quotas');
  addList(group);
  addShow(group);
  addDefaults(group);
  addSet(group);
  addUnset(group);
  addReset(group);
}
