import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import {
  addEnableDisable,
  addWaitOptions,
  enabledField,
  intArg,
  numberChoice,
  upperChoice,
} from '../common-options.js';
import { LOOKUPS, lookupId } from '../octavia-lookups.js';
import { lbPath, parentLoadBalancerId, showObject, waitActiveIfAsked } from '../octavia-wait.js';
import { deleteObject, showByNameOrId, tagsAt, updateObject } from '../octavia-object.js';
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

/** `loadbalancer l7policy show` rows (python-octaviaclient L7POLICY_ROWS). */
export const L7POLICY_ROWS = [
  'listener_id',
  'description',
  'admin_state_up',
  'rules',
  'project_id',
  'created_at',
  'provisioning_status',
  'updated_at',
  'redirect_pool_id',
  'redirect_url',
  'redirect_prefix',
  'action',
  'position',
  'id',
  'operating_status',
  'name',
  'redirect_http_code',
  'tags',
] as const;

/** `loadbalancer l7policy list` columns. */
export const L7POLICY_COLUMNS = [
  'id',
  'name',
  'project_id',
  'provisioning_status',
  'action',
  'position',
  'admin_state_up',
] as const;

const ACTION_CHOICES = ['REDIRECT_TO_URL', 'REDIRECT_TO_POOL', 'REDIRECT_PREFIX', 'REJECT'];
const REDIRECT_CODE_CHOICES = [301, 302, 303, 307, 308];
const POLICY_FORMATTERS = { rules: 'ids', tags: 'flat' } as const;

/** The API path of one L7 policy. */
export function l7policyPath(id: string): string {
  return `/v2.0/lbaas/l7policies/${encodeURIComponent(id)}`;
}

function policyShow(policy: Record<string, unknown>) {
  return {
    kind: 'show' as const,
    fields: L7POLICY_ROWS,
    values: showRow(policy, L7POLICY_ROWS, POLICY_FORMATTERS),
  };
}

/** The id of the L7 policy a `<policy>` argument names. */
export async function l7policyId(client: ApiClient, value: string): Promise<string> {
  return lookupId(client, LOOKUPS.l7policy, value);
}

/** The options create and set share (create requires --action). */
function addSettings(cmd: Command, create: boolean): Command {
  const action = upperChoice(
    `--action <{${ACTION_CHOICES.join(',')}}>`,
    'Set the action of the policy.',
    ACTION_CHOICES,
  );
  if (create) action.makeOptionMandatory();
  return cmd
    .option('--name <name>', create ? 'Set the l7policy name.' : 'Set l7policy name.')
    .option('--description <description>', 'Set l7policy description.')
    .addOption(action)
    .addOption(
      new Option('--redirect-pool <pool>', 'Set the pool to redirect requests to (name or ID).').conflicts([
        'redirectUrl',
        'redirectPrefix',
      ]),
    )
    .addOption(
      new Option('--redirect-url <url>', 'Set the URL to redirect requests to.').conflicts('redirectPrefix'),
    )
    .option('--redirect-prefix <url>', 'Set the URL Prefix to redirect requests to.')
    .addOption(
      new Option(
        '--redirect-http-code <redirect_http_code>',
        'Set the HTTP response code for REDIRECT_URL or REDIRECT_PREFIX action.',
      ).argParser(numberChoice('--redirect-http-code', REDIRECT_CODE_CHOICES)),
    )
    .addOption(
      new Option(
        '--position <position>',
        create ? 'Sequence number of this L7 Policy.' : 'Set sequence number of this L7 Policy.',
      ).argParser(intArg('--position')),
    );
}

/** The body of create and set, checked like octaviaclient's `check_l7policy_attrs`. */
async function settingsBody(ctx: ActionContext, client: ApiClient): Promise<Record<string, unknown>> {
  const f = ctx.flags;
  const body: Record<string, unknown> = {};
  for (const [flag, field] of [
    ['name', 'name'],
    ['description', 'description'],
    ['action', 'action'],
    ['redirectUrl', 'redirect_url'],
    ['redirectPrefix', 'redirect_prefix'],
    ['redirectHttpCode', 'redirect_http_code'],
    ['position', 'position'],
  ] as const) {
    if (f[flag] !== undefined) body[field] = f[flag];
  }
  if (typeof f['redirectPool'] === 'string') {
    body['redirect_pool_id'] = await lookupId(client, LOOKUPS.pool, f['redirectPool']);
  }
  const required: Record<string, [string, string]> = {
    REDIRECT_TO_POOL: ['redirect_pool_id', '--redirect-pool'],
    REDIRECT_TO_URL: ['redirect_url', '--redirect-url'],
    REDIRECT_PREFIX: ['redirect_prefix', '--redirect-prefix'],
  };
  const need = typeof body['action'] === 'string' ? required[body['action']] : undefined;
  if (need && !(need[0] in body)) throw new CliError(`Missing argument: ${need[1]}`);
  return body;
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a l7policy', 'show').argument(
    '<listener>',
    'Listener to add l7policy to (name or ID).',
  );
  addSettings(cmd, true);
  addEnableDisable(cmd, 'Enable l7policy (default).', 'Disable l7policy.');
  addWaitOptions(cmd);
  addCreateTagOptions(cmd, 'l7policy');
  onRun(cmd, async (ctx, listener) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const listenerId = await lookupId(client, LOOKUPS.listener, listener);
    const body = { ...(await settingsBody(ctx, client)), listener_id: listenerId };
    Object.assign(body, enabledField(f, 'admin_state_up', true), createTags(f));
    const created = await client.request<{ l7policy: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/l7policies',
      { body: { l7policy: body } },
    );
    let policy = created.l7policy;
    if (f['wait'] === true) {
      const listenerPath = `/v2.0/lbaas/listeners/${encodeURIComponent(String(policy['listener_id'] ?? listenerId))}`;
      const lbId = parentLoadBalancerId(await showObject(client, listenerPath, 'listener'));
      if (lbId !== undefined) {
        await waitActiveIfAsked(ctx, client, lbPath(lbId), 'loadbalancer', `load balancer ${lbId}`);
      }
      policy = await showObject(client, l7policyPath(String(policy['id'])), 'l7policy');
    }
    return policyShow(policy);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List l7policies', 'list').option(
    '--listener <listener>',
    'List l7policies that applied to the given listener (name or ID).',
  );
  addTagFilterOptions(cmd, 'l7policy');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['listener'] === 'string') {
      query.push(['listener_id', await lookupId(client, LOOKUPS.listener, f['listener'])]);
    }
    query.push(...tagFilterQuery(f));
    const policies = await listAll(client, 'load-balancer', '/v2.0/lbaas/l7policies', 'l7policies', query);
    return {
      kind: 'list',
      columns: L7POLICY_COLUMNS,
      rows: policies.map((p) => showRow(p, L7POLICY_COLUMNS, POLICY_FORMATTERS)),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single l7policy', 'show').argument(
    '<policy>',
    'Name or UUID of the l7policy.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return policyShow(await showByNameOrId(client, value, LOOKUPS.l7policy, l7policyPath, 'l7policy'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a l7policy', 'none').argument(
    '<policy>',
    'L7policy to update (name or ID).',
  );
  addSettings(cmd, false);
  addEnableDisable(cmd, 'Enable l7policy.', 'Disable l7policy.');
  addWaitOptions(cmd);
  addSetTagOptions(cmd, 'l7policy');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = l7policyPath(await l7policyId(client, value));
    const body = { ...(await settingsBody(ctx, client)), ...enabledField(ctx.flags) };
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'l7policy')));
    await updateObject(ctx, client, path, 'l7policy', body, `l7policy ${value}`);
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear l7policy settings', 'none')
    .argument('<policy>', 'L7policy to update (name or ID).')
    .option('--description', 'Clear the l7policy description.')
    .option('--name', 'Clear the l7policy name.')
    .option('--redirect-http-code', 'Clear the l7policy redirect HTTP code.');
  addWaitOptions(cmd);
  addUnsetTagOptions(cmd, 'l7policy');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = {};
    for (const [flag, field] of [
      ['description', 'description'],
      ['name', 'name'],
      ['redirectHttpCode', 'redirect_http_code'],
    ] as const) {
      if (f[flag] === true) body[field] = null;
    }
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = l7policyPath(await l7policyId(client, value));
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'l7policy')));
    await updateObject(ctx, client, path, 'l7policy', body, `l7policy ${value}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a l7policy', 'none').argument(
    '<policy>',
    'l7policy to delete (name or ID).',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = l7policyPath(await l7policyId(client, value));
    await deleteObject(ctx, client, path, 'l7policy', `l7policy ${value}`);
  });
}

/** Adds `loadbalancer l7policy create|list|show|set|unset|delete`. */
export function addL7PolicyCommands(lb: Command): void {
  const group = lb.command('l7policy').description('Octavia L7 policies');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
