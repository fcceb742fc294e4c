import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import {
  DEFAULT_WAIT_TIMEOUT_S,
  addEnableDisable,
  addWaitOptions,
  enabledField,
  numberChoice,
  upperChoice,
} from '../common-options.js';
import { LOOKUPS, lookupId } from '../octavia-lookups.js';
import { lbPath, showObject, waitActiveIfAsked } from '../octavia-wait.js';
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

/** `loadbalancer healthmonitor show` rows (python-octaviaclient MONITOR_ROWS). */
export const MONITOR_ROWS = [
  'project_id',
  'name',
  'admin_state_up',
  'pools',
  'created_at',
  'provisioning_status',
  'updated_at',
  'delay',
  'expected_codes',
  'max_retries',
  'http_method',
  'timeout',
  'max_retries_down',
  'url_path',
  'type',
  'id',
  'operating_status',
  'http_version',
  'domain_name',
  'tags',
] as const;

/** `loadbalancer healthmonitor list` columns. */
export const MONITOR_COLUMNS = ['id', 'name', 'project_id', 'type', 'admin_state_up'] as const;

const HTTP_METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE'];
const HTTP_VERSIONS = [1.0, 1.1];
const TYPE_CHOICES = ['PING', 'HTTP', 'TCP', 'HTTPS', 'TLS-HELLO', 'UDP-CONNECT', 'SCTP'];
const RETRIES = [1, 2, 3, 4, 5, 6, 7, 8, 9];
const HM_FORMATTERS = { pools: 'ids', tags: 'flat' } as const;
const DOMAIN_HELP =
  'Set the domain name, which be injected into the HTTP Host Header to the backend server for HTTP health check.';
const CODES_HELP =
  'Set the list of HTTP status codes expected in response from the member to declare it healthy.';
const DELAY_HELP = 'Set the time in seconds, between sending probes to members.';
const TIMEOUT_HELP =
  'Set the maximum time, in seconds, that a monitor waits to connect before it times out. This value must be less than the delay value.';
const URL_PATH_HELP =
  'Set the HTTP URL path of the request sent by the monitor to test the health of a backend member.';
const RETRIES_DOWN_HELP =
  'Set the number of allowed check failures before changing the operating status of the member to ERROR.';

function hmPath(id: string): string {
  return `/v2.0/lbaas/healthmonitors/${encodeURIComponent(id)}`;
}

function hmShow(hm: Record<string, unknown>) {
  return { kind: 'show' as const, fields: MONITOR_ROWS, values: showRow(hm, MONITOR_ROWS, HM_FORMATTERS) };
}

/** Python's `int(value)` (octaviaclient converts --delay/--timeout only when building the body). */
function pyInt(value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value))
    throw new CliError(`invalid literal for int() with base 10: '${value}'`);
  return Number(value);
}

/**
 * The health monitor's own `--timeout` takes the place of `--wait`'s, so `--wait` waits the default time:
 * the flags seen by the wait helpers.
 */
function waitContext(ctx: ActionContext): ActionContext {
  return { ...ctx, flags: { wait: ctx.flags['wait'], timeout: DEFAULT_WAIT_TIMEOUT_S } };
}

/** `--wait` alone (the `--timeout` name belongs to the health monitor). */
function addWaitOnly(cmd: Command): Command {
  return cmd.addOption(new Option('--wait', 'Wait for action to complete.'));
}

/** The options create and set share (create marks some required). */
function addSettings(cmd: Command, create: boolean): Command {
  const delay = new Option('--delay <delay>', DELAY_HELP);
  const timeout = new Option('--timeout <timeout>', TIMEOUT_HELP);
  const retries = new Option(
    '--max-retries <max_retries>',
    create
      ? 'The number of successful checks before changing the operating status of the member to ONLINE.'
      : 'Set the number of successful checks before changing the operating status of the member to ONLINE.',
  ).argParser(numberChoice('--max-retries', RETRIES));
  if (create) {
    delay.makeOptionMandatory();
    timeout.makeOptionMandatory();
    retries.makeOptionMandatory();
  }
  const retriesDown = new Option('--max-retries-down <max_retries_down>', RETRIES_DOWN_HELP).argParser(
    numberChoice('--max-retries-down', RETRIES),
  );
  cmd
    .option('--name <name>', create ? 'Set the health monitor name.' : 'Set health monitor name.')
    .addOption(delay)
    .option('--domain-name <domain_name>', DOMAIN_HELP)
    .option('--expected-codes <codes>', CODES_HELP)
    .addOption(
      upperChoice(
        `--http-method <{${HTTP_METHODS.join(',')}}>`,
        'Set the HTTP method that the health monitor uses for requests.',
        HTTP_METHODS,
      ),
    )
    .addOption(
      new Option('--http-version <http_version>', 'Set the HTTP version.').argParser(
        numberChoice('--http-version', HTTP_VERSIONS, 'float'),
      ),
    )
    .addOption(timeout)
    .addOption(retries);
  if (create) {
    const type = upperChoice(
      `--type <{${TYPE_CHOICES.join(',')}}>`,
      'Set the health monitor type.',
      TYPE_CHOICES,
    );
    cmd
      .option('--url-path <url_path>', URL_PATH_HELP)
      .addOption(type.makeOptionMandatory())
      .addOption(retriesDown);
  } else {
    cmd.addOption(retriesDown).option('--url-path <url_path>', URL_PATH_HELP);
  }
  return cmd;
}

/** The body fields create and set share. */
function settingsBody(f: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [flag, field] of [
    ['name', 'name'],
    ['domainName', 'domain_name'],
    ['expectedCodes', 'expected_codes'],
    ['httpMethod', 'http_method'],
    ['httpVersion', 'http_version'],
    ['maxRetries', 'max_retries'],
    ['maxRetriesDown', 'max_retries_down'],
    ['urlPath', 'url_path'],
    ['type', 'type'],
  ] as const) {
    if (f[flag] !== undefined) body[field] = f[flag];
  }
  if (typeof f['delay'] === 'string') body['delay'] = pyInt(f['delay']);
  if (typeof f['timeout'] === 'string') body['timeout'] = pyInt(f['timeout']);
  return body;
}

async function healthMonitorId(client: ApiClient, value: string): Promise<string> {
  return lookupId(client, LOOKUPS.healthmonitor, value);
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a health monitor', 'show').argument(
    '<pool>',
    'Set the pool for the health monitor (name or ID).',
  );
  addSettings(cmd, true);
  addEnableDisable(cmd, 'Enable health monitor (default).', 'Disable health monitor.');
  addWaitOnly(cmd);
  addCreateTagOptions(cmd, 'health monitor');
  onRun(cmd, async (ctx, pool) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const body = settingsBody(f);
    body['pool_id'] = await lookupId(client, LOOKUPS.pool, pool);
    Object.assign(body, enabledField(f, 'admin_state_up', true), createTags(f));
    const created = await client.request<{ healthmonitor: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/healthmonitors',
      { body: { healthmonitor: body } },
    );
    let hm = created.healthmonitor;
    if (f['wait'] === true) {
      const poolId = (hm['pools'] as { id: string }[] | undefined)?.[0]?.id ?? String(body['pool_id']);
      const poolObj = await showObject(client, `/v2.0/lbaas/pools/${encodeURIComponent(poolId)}`, 'pool');
      const lbId = (poolObj['loadbalancers'] as { id: string }[] | undefined)?.[0]?.id;
      if (lbId !== undefined) {
        await waitActiveIfAsked(
          waitContext(ctx),
          client,
          lbPath(lbId),
          'loadbalancer',
          `load balancer ${lbId}`,
        );
      }
      hm = await showObject(client, hmPath(String(hm['id'])), 'healthmonitor');
    }
    return hmShow(hm);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List health monitors', 'list');
  addTagFilterOptions(cmd, 'health monitor');
  onRun(cmd, async (ctx) => {
    const client = await ctx.client();
    const hms = await listAll(
      client,
      'load-balancer',
      '/v2.0/lbaas/healthmonitors',
      'healthmonitors',
      tagFilterQuery(ctx.flags),
    );
    return {
      kind: 'list',
      columns: MONITOR_COLUMNS,
      rows: hms.map((hm) => showRow(hm, MONITOR_COLUMNS, HM_FORMATTERS)),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single health monitor', 'show').argument(
    '<health_monitor>',
    'Name or UUID of the health monitor.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    return hmShow(await showByNameOrId(client, value, LOOKUPS.healthmonitor, hmPath, 'healthmonitor'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a health monitor', 'none').argument(
    '<health_monitor>',
    'Health monitor to update (name or ID).',
  );
  addSettings(cmd, false);
  addEnableDisable(cmd, 'Enable health monitor.', 'Disable health monitor.');
  addWaitOnly(cmd);
  addSetTagOptions(cmd, 'health monitor');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = hmPath(await healthMonitorId(client, value));
    const body = { ...settingsBody(ctx.flags), ...enabledField(ctx.flags) };
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'healthmonitor')));
    await updateObject(waitContext(ctx), client, path, 'healthmonitor', body, `health monitor ${value}`);
  });
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear health monitor settings', 'none')
    .argument('<health_monitor>', 'Health monitor to update (name or ID).')
    .option('--domain-name', 'Clear the health monitor domain name.')
    .option('--expected-codes', 'Reset the health monitor expected codes to the API default.')
    .option('--http-method', 'Reset the health monitor HTTP method to the API default.')
    .option('--http-version', 'Reset the health monitor HTTP version to the API default.')
    .option('--max-retries-down', 'Reset the health monitor max retries down to the API default.')
    .option('--name', 'Clear the health monitor name.')
    .option('--url-path', 'Clear the health monitor URL path.');
  addWaitOptions(cmd);
  addUnsetTagOptions(cmd, 'health monitor');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = {};
    for (const [flag, field] of [
      ['domainName', 'domain_name'],
      ['expectedCodes', 'expected_codes'],
      ['httpMethod', 'http_method'],
      ['httpVersion', 'http_version'],
      ['maxRetriesDown', 'max_retries_down'],
      ['name', 'name'],
      ['urlPath', 'url_path'],
    ] as const) {
      if (f[flag] === true) body[field] = null;
    }
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = hmPath(await healthMonitorId(client, value));
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'healthmonitor')));
    await updateObject(ctx, client, path, 'healthmonitor', body, `health monitor ${value}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a health monitor', 'none').argument(
    '<health_monitor>',
    'Health monitor to delete (name or ID).',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = hmPath(await healthMonitorId(client, value));
    await deleteObject(ctx, client, path, 'healthmonitor', `health monitor ${value}`);
  });
}

/** Adds `loadbalancer healthmonitor create|list|show|set|unset|delete`. */
export function addHealthMonitorCommands(lb: Command): void {
  const group = lb.command('healthmonitor').description('Octavia health monitors');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
