import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, addWaitOptions, enabledField, intArg, upperChoice } from '../common-options.js';
import { LOOKUPS, isUuidLike, lookupId, lookupObject } from '../octavia-lookups.js';
import { fetchObject, lbPath, parentLoadBalancerId, showObject, waitActiveIfAsked } from '../octavia-wait.js';
import { resolveProject } from '../project-lookup.js';
import { deleteObject, tagsAt, updateObject } from '../octavia-object.js';
import { showRow } from '../show-row.js';
import {
  addCreateTagOptions,
  addSetTagOptions,
  addTagFilterOptions,
  addUnsetTagOptions,
  collect,
  createTags,
  setTags,
  tagFilterQuery,
  unsetTags,
} from '../tag-options.js';
import { STATS_ROWS } from './load-balancer.commands.js';

/** `loadbalancer listener show` rows (python-octaviaclient LISTENER_ROWS, with the newer hsts_* rows). */
export const LISTENER_ROWS = [
  'admin_state_up',
  'connection_limit',
  'created_at',
  'default_pool_id',
  'default_tls_container_ref',
  'description',
  'id',
  'insert_headers',
  'l7policies',
  'loadbalancers',
  'name',
  'operating_status',
  'project_id',
  'protocol',
  'protocol_port',
  'provisioning_status',
  'sni_container_refs',
  'timeout_client_data',
  'timeout_member_connect',
  'timeout_member_data',
  'timeout_tcp_inspect',
  'updated_at',
  'client_ca_tls_container_ref',
  'client_authentication',
  'client_crl_container_ref',
  'allowed_cidrs',
  'tls_ciphers',
  'tls_versions',
  'alpn_protocols',
  'tags',
  'hsts_max_age',
  'hsts_include_subdomains',
  'hsts_preload',
] as const;

/** `loadbalancer listener list` columns (LISTENER_COLUMNS). */
export const LISTENER_COLUMNS = [
  'id',
  'default_pool_id',
  'name',
  'project_id',
  'protocol',
  'protocol_port',
  'admin_state_up',
] as const;

const PROTOCOL_CHOICES = ['TCP', 'HTTP', 'HTTPS', 'TERMINATED_HTTPS', 'UDP', 'SCTP', 'PROMETHEUS'];
const CLIENT_AUTH_CHOICES = ['NONE', 'OPTIONAL', 'MANDATORY'];
const LISTENER_FORMATTERS = {
  loadbalancers: 'ids',
  pools: 'ids',
  l7policies: 'ids',
  insert_headers: 'hash',
  allowed_cidrs: 'flat',
  tags: 'flat',
} as const;
const MIN_PORT = 1;
const MAX_PORT = 65535;

/** The show output of a listener. */
export function listenerShow(listener: Record<string, unknown>) {
  return {
    kind: 'show' as const,
    fields: LISTENER_ROWS,
    values: showRow(listener, LISTENER_ROWS, LISTENER_FORMATTERS),
  };
}

/** The API path of one listener. */
export function listenerPath(id: string): string {
  return `/v2.0/lbaas/listeners/${encodeURIComponent(id)}`;
}

/**
 * octaviaclient `_format_kv`: `k=v,k2=v2` → `{k: v, k2: v2}`; a part without exactly one `=` fails with
 * Python's unpacking error, as the openstack CLI prints it.
 */
export function formatKv(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of data.split(',')) {
    const kv = part.split('=');
    if (kv.length < 2) throw new CliError(`not enough values to unpack (expected 2, got ${kv.length})`);
    if (kv.length > 2) throw new CliError('too many values to unpack (expected 2)');
    out[kv[0] as string] = kv[1] as string;
  }
  return out;
}

/** octaviaclient `_format_str_if_need_treat_unset`: `none`/`null`/`void` (any case) → null. */
export function strOrNull(value: string): string | null {
  return ['none', 'null', 'void'].includes(value.toLowerCase()) ? null : value;
}

/** Checks a port the way octaviaclient's `_validate_TCP_UDP_SCTP_port_range` does. */
export function checkPortRange(port: number, name: string): void {
  if (port < MIN_PORT || port > MAX_PORT) {
    throw new CliError(
      `Invalid input for field/attribute '${name}', Value: '${port}'. Value must be between ${MIN_PORT} and ${MAX_PORT}.`,
    );
  }
}

/** The id of the listener a `<listener>` argument names. */
export async function listenerId(client: ApiClient, value: string): Promise<string> {
  return lookupId(client, LOOKUPS.listener, value);
}

/** Body fields shared by create and set (octaviaclient `get_listener_attrs`, in its order). */
async function listenerFields(ctx: ActionContext, client: ApiClient): Promise<Record<string, unknown>> {
  const f = ctx.flags;
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (typeof f['description'] === 'string') body['description'] = f['description'];
  // octaviaclient maps connection_limit through str(): the API gets a string.
  if (f['connectionLimit'] !== undefined) body['connection_limit'] = String(f['connectionLimit']);
  if (typeof f['defaultPool'] === 'string') {
    body['default_pool_id'] = await lookupId(client, LOOKUPS.pool, f['defaultPool']);
  }
  Object.assign(body, enabledField(f));
  if (typeof f['insertHeaders'] === 'string') body['insert_headers'] = formatKv(f['insertHeaders']);
  if (typeof f['defaultTlsContainerRef'] === 'string')
    body['default_tls_container_ref'] = f['defaultTlsContainerRef'];
  if (f['sniContainerRefs'] !== undefined) {
    body['sni_container_refs'] = Array.isArray(f['sniContainerRefs']) ? f['sniContainerRefs'] : [];
  }
  for (const [flag, field] of [
    ['timeoutClientData', 'timeout_client_data'],
    ['timeoutMemberConnect', 'timeout_member_connect'],
    ['timeoutMemberData', 'timeout_member_data'],
    ['timeoutTcpInspect', 'timeout_tcp_inspect'],
  ] as const) {
    if (typeof f[flag] === 'number') body[field] = f[flag];
  }
  if (typeof f['clientCaTlsContainerRef'] === 'string') {
    body['client_ca_tls_container_ref'] = strOrNull(f['clientCaTlsContainerRef']);
  }
  if (typeof f['clientAuthentication'] === 'string')
    body['client_authentication'] = f['clientAuthentication'];
  if (typeof f['clientCrlContainerRef'] === 'string') {
    body['client_crl_container_ref'] = strOrNull(f['clientCrlContainerRef']);
  }
  if (Array.isArray(f['allowedCidr'])) body['allowed_cidrs'] = f['allowedCidr'];
  if (typeof f['tlsCiphers'] === 'string') body['tls_ciphers'] = f['tlsCiphers'];
  if (Array.isArray(f['tlsVersion'])) body['tls_versions'] = f['tlsVersion'];
  if (Array.isArray(f['alpnProtocol'])) body['alpn_protocols'] = f['alpnProtocol'];
  if (typeof f['hstsMaxAge'] === 'number') body['hsts_max_age'] = f['hstsMaxAge'];
  if (f['hstsIncludeSubdomains'] === true) body['hsts_include_subdomains'] = true;
  if (f['hstsPreload'] === true) body['hsts_preload'] = true;
  return body;
}

/** The options create and set share (create's help texts and metavars where they differ are passed in). */
function addListenerOptions(cmd: Command, kind: 'create' | 'set'): void {
  const create = kind === 'create';
  const ref = create ? '<container_ref>' : '<container-ref>';
  cmd
    .option('--name <name>', 'Set the listener name.')
    .option('--description <description>', 'Set the description of this listener.');
  if (create) {
    cmd
      .addOption(
        upperChoice(
          `--protocol <{${PROTOCOL_CHOICES.join(',')}}>`,
          'The protocol for the listener.',
          PROTOCOL_CHOICES,
        ).makeOptionMandatory(),
      )
      .addOption(
        new Option(
          '--connection-limit <limit>',
          'Set the maximum number of connections permitted for this listener.',
        ).argParser(intArg('--connection-limit')),
      )
      .option(
        '--default-pool <pool>',
        'Set the name or ID of the pool used by the listener if no L7 policies match.',
      );
  } else {
    cmd
      .option(
        '--connection-limit <limit>',
        'The maximum number of connections permitted for this listener. Default value is -1 which represents ' +
          'infinite connections.',
      )
      .option('--default-pool <pool>', 'The ID of the pool used by the listener if no L7 policies match.');
  }
  cmd
    .option(
      `--default-tls-container-ref ${ref}`,
      'The URI to the key manager service secrets container containing the certificate and key for ' +
        'TERMINATED_TLS listeners.',
    )
    .addOption(
      new Option(
        `--sni-container-refs [${ref.slice(1, -1)}...]`,
        'A list of URIs to the key manager service secrets containers containing the certificates and keys for ' +
          'TERMINATED_TLS the listener using Server Name Indication.',
      ),
    )
    .option(
      create ? '--insert-headers <header=value,...>' : '--insert-headers <header=value>',
      'A dictionary of optional headers to insert into the request before it is sent to the backend member.',
    );
  if (create) {
    cmd.addOption(
      new Option('--protocol-port <port>', 'Set the protocol port number for the listener.')
        .argParser(intArg('--protocol-port'))
        .makeOptionMandatory(),
    );
  }
  const timeouts: [string, string][] = [
    ['--timeout-client-data', 'Frontend client inactivity timeout in milliseconds. Default: 50000.'],
    ['--timeout-member-connect', 'Backend member connection timeout in milliseconds. Default: 5000.'],
    ['--timeout-member-data', 'Backend member inactivity timeout in milliseconds. Default: 50000.'],
    [
      '--timeout-tcp-inspect',
      'Time, in milliseconds, to wait for additional TCP packets for content inspection. Default: 0.',
    ],
  ];
  for (const [flag, help] of timeouts)
    cmd.addOption(new Option(`${flag} <timeout>`, help).argParser(intArg(flag)));
  addEnableDisable(cmd, create ? 'Enable listener (default).' : 'Enable listener.', 'Disable listener.');
  cmd
    .option(
      '--client-ca-tls-container-ref <container_ref>',
      'The URI to the key manager service secrets container containing the CA certificate for TERMINATED_TLS ' +
        'listeners.',
    )
    .addOption(
      upperChoice(
        `--client-authentication <{${CLIENT_AUTH_CHOICES.join(',')}}>`,
        'The TLS client authentication verify options for TERMINATED_TLS listeners.',
        CLIENT_AUTH_CHOICES,
      ),
    )
    .option(
      '--client-crl-container-ref <client_crl_container_ref>',
      'The URI to the key manager service secrets container containting the CA revocation list file for ' +
        'TERMINATED_TLS listeners.',
    )
    .addOption(
      new Option(
        '--allowed-cidr <allowed_cidr>',
        'CIDR to allow access to the listener (can be set multiple times).',
      ).argParser(collect),
    );
  addWaitOptions(cmd);
  cmd
    .option(
      '--tls-ciphers <tls_ciphers>',
      'Set the TLS ciphers to be used by the listener in OpenSSL format.',
    )
    .addOption(
      new Option(
        '--tls-version <tls_versions>',
        'Set the TLS protocol version to be used by the listener (can be set multiple times).',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--alpn-protocol <alpn_protocols>',
        'Set the ALPN protocol to be used by the listener (can be set multiple times).',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--hsts-max-age <hsts_max_age>',
        'The value of the max_age directive for the Strict-Transport-Security HTTP response header. Setting this ' +
          'enables HTTP Strict Transport Security (HSTS) for the TLS-terminated listener.',
      ).argParser(intArg('--hsts-max-age')),
    )
    .option(
      '--hsts-include-subdomains',
      `${create ? 'Define' : 'Defines'} whether the includeSubDomains directive should be added to the ` +
        'Strict-Transport-Security HTTP response header.',
    )
    .option(
      '--hsts-preload',
      `${create ? 'Define' : 'Defines'} whether the preload directive should be added to the ` +
        'Strict-Transport-Security HTTP response header.',
    );
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a listener', 'show').argument(
    '<loadbalancer>',
    'Load balancer for the listener (name or ID).',
  );
  addListenerOptions(cmd, 'create');
  addCreateTagOptions(cmd, 'listener');
  onRun(cmd, async (ctx, loadbalancer) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const body: Record<string, unknown> = {
      protocol: f['protocol'],
      loadbalancer_id: await lookupId(client, LOOKUPS.loadbalancer, loadbalancer),
      protocol_port: f['protocolPort'],
    };
    Object.assign(
      body,
      await listenerFields(ctx, client),
      enabledField(f, 'admin_state_up', true),
      createTags(f),
    );
    checkPortRange(Number(body['protocol_port']), 'protocol-port');
    if ((body['hsts_preload'] || body['hsts_include_subdomains']) && !('hsts_max_age' in body)) {
      throw new CliError(
        'Argument hsts_max_age is required when using hsts_preload or hsts_include_subdomains arguments.',
      );
    }
    const created = await client.request<{ listener: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/listeners',
      { body: { listener: body } },
    );
    let listener = created.listener;
    const parent = parentLoadBalancerId(listener);
    if (f['wait'] === true && parent) {
      await waitActiveIfAsked(ctx, client, lbPath(parent), 'loadbalancer', `load balancer ${parent}`);
      listener = await showObject(client, listenerPath(String(listener['id'])), 'listener');
    }
    return listenerShow(listener);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List listeners', 'list')
    .option('--name <name>', 'List listeners by listener name.')
    .option('--loadbalancer <loadbalancer>', 'Filter by load balancer (name or ID).');
  addEnableDisable(cmd, 'List enabled listeners.', 'List disabled listeners.');
  cmd.option('--project <project>', 'List listeners by project ID.');
  addTagFilterOptions(cmd, 'listener');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['name'] === 'string') query.push(['name', f['name']]);
    if (typeof f['loadbalancer'] === 'string') {
      query.push(['loadbalancer_id', await lookupId(client, LOOKUPS.loadbalancer, f['loadbalancer'])]);
    }
    const enabled = enabledField(f)['admin_state_up'];
    if (enabled !== undefined) query.push(['admin_state_up', enabled ? 'True' : 'False']);
    if (typeof f['project'] === 'string')
      query.push(['project_id', await resolveProject(client, f['project'])]);
    query.push(...tagFilterQuery(f));
    const listeners = await listAll(client, 'load-balancer', '/v2.0/lbaas/listeners', 'listeners', query);
    return {
      kind: 'list',
      columns: LISTENER_COLUMNS,
      rows: listeners.map((l) => showRow(l, LISTENER_COLUMNS, { loadbalancers: 'ids' })),
    };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single listener', 'show').argument(
    '<listener>',
    'Name or UUID of the listener.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const direct = isUuidLike(value) ? await fetchObject(client, listenerPath(value), 'listener') : undefined;
    if (direct) return listenerShow(direct);
    const found = await lookupObject(client, LOOKUPS.listener, value);
    return listenerShow(await showObject(client, listenerPath(String(found['id'])), 'listener'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a listener', 'none').argument(
    '<listener>',
    'Listener to modify (name or ID).',
  );
  addListenerOptions(cmd, 'set');
  addSetTagOptions(cmd, 'listener');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = listenerPath(await listenerId(client, value));
    const body = await listenerFields(ctx, client);
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'listener')));
    await updateObject(ctx, client, path, 'listener', body, `listener ${value}`);
  });
}

/** `listener unset` flags (commander attribute) → the API field they clear. */
const UNSET_FIELDS: [flag: string, help: string, field: string][] = [
  ['--name', 'Clear the listener name.', 'name'],
  ['--description', 'Clear the description of this listener.', 'description'],
  ['--connection-limit', 'Reset the connection limit to the API default.', 'connection_limit'],
  ['--default-pool', 'Clear the default pool from the listener.', 'default_pool_id'],
  [
    '--default-tls-container-ref',
    'Remove the default TLS container reference from the listener.',
    'default_tls_container_ref',
  ],
  [
    '--sni-container-refs',
    'Remove the TLS SNI container references from the listener.',
    'sni_container_refs',
  ],
  ['--insert-headers', 'Clear the insert headers from the listener.', 'insert_headers'],
  ['--timeout-client-data', 'Reset the client data timeout to the API default.', 'timeout_client_data'],
  [
    '--timeout-member-connect',
    'Reset the member connect timeout to the API default.',
    'timeout_member_connect',
  ],
  ['--timeout-member-data', 'Reset the member data timeout to the API default.', 'timeout_member_data'],
  ['--timeout-tcp-inspect', 'Reset the TCP inspection timeout to the API default.', 'timeout_tcp_inspect'],
  [
    '--client-ca-tls-container-ref',
    'Clear the client CA TLS container reference from the listener.',
    'client_ca_tls_container_ref',
  ],
  [
    '--client-authentication',
    'Reset the client authentication setting to the API default.',
    'client_authentication',
  ],
  [
    '--client-crl-container-ref',
    'Clear the client CRL container reference from the listener.',
    'client_crl_container_ref',
  ],
  ['--allowed-cidrs', 'Clear all allowed CIDRs from the listener.', 'allowed_cidrs'],
  ['--tls-versions', 'Clear all TLS versions from the listener.', 'tls_versions'],
  ['--tls-ciphers', 'Clear all TLS ciphers from the listener.', 'tls_ciphers'],
];

const UNSET_AFTER_WAIT: [string, string, string][] = [
  ['--alpn-protocols', 'Clear all ALPN protocols from the listener.', 'alpn_protocols'],
  [
    '--hsts-max-age',
    'Disables HTTP Strict Transport Security (HSTS) for the TLS-terminated listener.',
    'hsts_max_age',
  ],
  [
    '--hsts-include-subdomains',
    'Removes the includeSubDomains directive from the Strict-Transport-Security HTTP response header.',
    'hsts_include_subdomains',
  ],
  [
    '--hsts-preload',
    'Removes the preload directive from the Strict-Transport-Security HTTP response header.',
    'hsts_preload',
  ],
];

/** The commander attribute name of a `--flag`. */
export function attributeOf(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** The `null`s of an unset body: every given flag of `fields` (flag, help, API field). */
export function unsetBody(
  flags: Record<string, unknown>,
  fields: readonly (readonly [string, string, string])[],
): Record<string, null> {
  const body: Record<string, null> = {};
  for (const [flag, , field] of fields) if (flags[attributeOf(flag)] === true) body[field] = null;
  return body;
}

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear listener settings', 'none').argument(
    '<listener>',
    'Listener to modify (name or ID).',
  );
  for (const [flag, help] of UNSET_FIELDS) cmd.option(flag, help);
  addWaitOptions(cmd);
  for (const [flag, help] of UNSET_AFTER_WAIT) cmd.option(flag, help);
  addUnsetTagOptions(cmd, 'listener');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = unsetBody(f, [...UNSET_FIELDS, ...UNSET_AFTER_WAIT]);
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = listenerPath(await listenerId(client, value));
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'listener')));
    await updateObject(ctx, client, path, 'listener', body, `listener ${value}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a listener', 'none').argument(
    '<listener>',
    'Listener to delete (name or ID).',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = listenerPath(await listenerId(client, value));
    await deleteObject(ctx, client, path, 'listener', `listener ${value}`);
  });
}

function addStats(group: Command): void {
  const stats = group.command('stats').description('Listener statistics');
  const cmd = apiCommand(stats, 'show', 'Shows the current statistics for a listener.', 'show').argument(
    '<listener>',
    'Name or UUID of the listener.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = listenerPath(await listenerId(client, value));
    const body = await client.request<{ stats: Record<string, unknown> }>(
      'load-balancer',
      'GET',
      `${path}/stats`,
    );
    return { kind: 'show', fields: STATS_ROWS, values: showRow(body.stats, STATS_ROWS) };
  });
}

/** Adds `listener create|list|show|set|unset|delete|stats show` to the `loadbalancer` group. */
export function addListenerCommands(lb: Command): void {
  const group = lb.command('listener').description('Octavia listeners');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
  addStats(group);
}
