import type { Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun } from '../action-kit.js';
import { addEnableDisable, addWaitOptions, enabledField, upperChoice } from '../common-options.js';
import { isUuidLike, l7ruleLookup, lookupId, lookupObject } from '../octavia-lookups.js';
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
import { l7policyId, l7policyPath } from './l7-policy.commands.js';

/** `loadbalancer l7rule show` rows (python-octaviaclient L7RULE_ROWS). */
export const L7RULE_ROWS = [
  'created_at',
  'compare_type',
  'provisioning_status',
  'invert',
  'admin_state_up',
  'updated_at',
  'value',
  'key',
  'project_id',
  'type',
  'id',
  'operating_status',
  'tags',
] as const;

/** `loadbalancer l7rule list` columns. */
export const L7RULE_COLUMNS = [
  'id',
  'project_id',
  'provisioning_status',
  'compare_type',
  'type',
  'key',
  'value',
  'invert',
  'admin_state_up',
] as const;

const COMPARE_TYPES = ['REGEX', 'EQUAL_TO', 'CONTAINS', 'ENDS_WITH', 'STARTS_WITH'];
const TYPES = [
  'FILE_TYPE',
  'PATH',
  'COOKIE',
  'HOST_NAME',
  'HEADER',
  'SSL_CONN_HAS_CERT',
  'SSL_VERIFY_RESULT',
  'SSL_DN_FIELD',
];
const RULE_FORMATTERS = { tags: 'flat' } as const;

function rulesPath(policyId: string): string {
  return `${l7policyPath(policyId)}/rules`;
}

function rulePath(policyId: string, ruleId: string): string {
  return `${rulesPath(policyId)}/${encodeURIComponent(ruleId)}`;
}

function ruleShow(rule: Record<string, unknown>) {
  return { kind: 'show' as const, fields: L7RULE_ROWS, values: showRow(rule, L7RULE_ROWS, RULE_FORMATTERS) };
}

/** The path of the rule `<l7policy> <l7rule_id>` name (the rule is looked up inside the policy). */
async function resolveRulePath(client: ApiClient, policy: string, rule: string): Promise<string> {
  const policyId = await l7policyId(client, policy);
  return rulePath(policyId, await lookupId(client, l7ruleLookup(policyId), rule));
}

/** The options create and set share (create marks some required). */
function addSettings(cmd: Command, create: boolean): Command {
  const compareType = upperChoice(
    `--compare-type <{${COMPARE_TYPES.join(',')}}>`,
    'Set the compare type for the l7rule.',
    COMPARE_TYPES,
  );
  const value = cmd.createOption('--value <value>', 'Set the rule value to match on.');
  const type = upperChoice(`--type <{${TYPES.join(',')}}>`, 'Set the type for the l7rule.', TYPES);
  if (create) {
    compareType.makeOptionMandatory();
    value.makeOptionMandatory();
    type.makeOptionMandatory();
  }
  return cmd
    .addOption(compareType)
    .option('--invert', 'Invert l7rule.')
    .addOption(value)
    .option('--key <key>', "Set the key for the l7rule's value to match on.")
    .addOption(type);
}

/** The body of create and set, checked like octaviaclient's `check_l7rule_attrs`. */
function settingsBody(f: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [flag, field] of [
    ['compareType', 'compare_type'],
    ['value', 'value'],
    ['key', 'key'],
    ['type', 'type'],
  ] as const) {
    if (f[flag] !== undefined) body[field] = f[flag];
  }
  if (f['invert'] === true) body['invert'] = true;
  if ((body['type'] === 'COOKIE' || body['type'] === 'HEADER') && !('key' in body)) {
    throw new CliError(`Missing argument: --type ${body['type']} requires --key <key>`);
  }
  return body;
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a l7rule', 'show').argument(
    '<l7policy>',
    'l7policy to add l7rule to (name or ID).',
  );
  addSettings(cmd, true);
  addEnableDisable(cmd, 'Enable l7rule (default).', 'Disable l7rule.');
  addWaitOptions(cmd);
  addCreateTagOptions(cmd, 'l7rule');
  onRun(cmd, async (ctx, policy) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const policyId = await l7policyId(client, policy);
    const body = { ...settingsBody(f), ...enabledField(f, 'admin_state_up', true), ...createTags(f) };
    const created = await client.request<{ rule: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      rulesPath(policyId),
      {
        body: { rule: body },
      },
    );
    let rule = created.rule;
    if (f['wait'] === true) {
      // python-octaviaclient 3.1.0 re-shows the rule with swapped arguments; this waits for the parent load
      // balancer, then shows the rule inside its policy.
      const policyObj = await showObject(client, l7policyPath(policyId), 'l7policy');
      const listenerPath = `/v2.0/lbaas/listeners/${encodeURIComponent(String(policyObj['listener_id']))}`;
      const lbId = parentLoadBalancerId(await showObject(client, listenerPath, 'listener'));
      if (lbId !== undefined) {
        await waitActiveIfAsked(ctx, client, lbPath(lbId), 'loadbalancer', `load balancer ${lbId}`);
      }
      rule = await showObject(client, rulePath(policyId, String(rule['id'])), 'rule');
    }
    return ruleShow(rule);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List l7rules for l7policy', 'list').argument(
    '<l7policy>',
    'l7policy to list rules for (name or ID).',
  );
  addTagFilterOptions(cmd, 'l7rule');
  onRun(cmd, async (ctx, policy) => {
    const client = await ctx.client();
    const policyId = await l7policyId(client, policy);
    const rules = await listAll(
      client,
      'load-balancer',
      rulesPath(policyId),
      'rules',
      tagFilterQuery(ctx.flags),
    );
    return { kind: 'list', columns: L7RULE_COLUMNS, rows: rules.map((r) => showRow(r, L7RULE_COLUMNS)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single l7rule', 'show')
    .argument('<l7policy>', 'l7policy to show rule from (name or ID).')
    .argument('<l7rule_id>', 'l7rule to show.');
  onRun(cmd, async (ctx, policy, rule) => {
    const client = await ctx.client();
    const direct =
      isUuidLike(policy) && isUuidLike(rule)
        ? await fetchObject(client, rulePath(policy, rule), 'rule')
        : undefined;
    if (direct) return ruleShow(direct);
    const policyId = await l7policyId(client, policy);
    return ruleShow(await lookupObject(client, l7ruleLookup(policyId), rule));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a l7rule', 'none')
    .argument('<l7policy>', 'L7policy to update l7rule on (name or ID).')
    .argument('<l7rule_id>', 'l7rule to update.');
  addSettings(cmd, false);
  addEnableDisable(cmd, 'Enable l7rule.', 'Disable l7rule.');
  addWaitOptions(cmd);
  addSetTagOptions(cmd, 'l7rule');
  onRun(cmd, async (ctx, policy, rule) => {
    const client = await ctx.client();
    const path = await resolveRulePath(client, policy, rule);
    const body = { ...settingsBody(ctx.flags), ...enabledField(ctx.flags) };
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'rule')));
    await updateObject(ctx, client, path, 'rule', body, `l7rule ${rule}`);
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear l7rule settings', 'none')
    .argument('<l7policy>', 'L7policy to update (name or ID).')
    .argument('<l7rule_id>', 'l7rule to update.')
    .option('--invert', 'Reset the l7rule invert to the API default.')
    .option('--key', 'Clear the l7rule key.');
  addWaitOptions(cmd);
  addUnsetTagOptions(cmd, 'l7rule');
  onRun(cmd, async (ctx, policy, rule) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = {};
    if (f['invert'] === true) body['invert'] = null;
    if (f['key'] === true) body['key'] = null;
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = await resolveRulePath(client, policy, rule);
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'rule')));
    await updateObject(ctx, client, path, 'rule', body, `l7rule ${rule}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a l7rule', 'none')
    .argument('<l7policy>', 'l7policy to delete rule from (name or ID).')
    .argument('<rule_id>', 'l7rule to delete.');
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, policy, rule) => {
    const client = await ctx.client();
    const path = await resolveRulePath(client, policy, rule);
    await deleteObject(ctx, client, path, 'rule', `l7rule ${rule}`);
  });
}

/** Adds `loadbalancer l7rule create|list|show|set|unset|delete`. */
export function addL7RuleCommands(lb: Command): void {
  const group = lb.command('l7rule').description('Octavia L7 rules');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
