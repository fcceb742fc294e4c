import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { listAll } from '../../client/list-all.js';
import { apiCommand, onRun, type ActionContext } from '../action-kit.js';
import { addEnableDisable, addWaitOptions, enabledField, upperChoice } from '../common-options.js';
import { LOOKUPS, isUuidLike, lookupId, lookupObject } from '../octavia-lookups.js';
import { fetchObject, lbPath, parentLoadBalancerId, showObject, waitActiveIfAsked } from '../octavia-wait.js';
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
import { formatKv, strOrNull, unsetBody } from './listener.commands.js';

/** `loadbalancer pool show` rows (python-octaviaclient POOL_ROWS). */
export const POOL_ROWS = [
  'admin_state_up',
  'created_at',
  'description',
  'healthmonitor_id',
  'id',
  'lb_algorithm',
  'listeners',
  'loadbalancers',
  'members',
  'name',
  'operating_status',
  'project_id',
  'protocol',
  'provisioning_status',
  'session_persistence',
  'updated_at',
  'tls_container_ref',
  'ca_tls_container_ref',
  'crl_container_ref',
  'tls_enabled',
  'tls_ciphers',
  'tls_versions',
  'tags',
  'alpn_protocols',
] as const;

/** `loadbalancer pool list` columns (POOL_COLUMNS). */
export const POOL_COLUMNS = [
  'id',
  'name',
  'project_id',
  'provisioning_status',
  'protocol',
  'lb_algorithm',
  'admin_state_up',
] as const;

const PROTOCOL_CHOICES = ['TCP', 'HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'UDP', 'SCTP'];
const ALGORITHM_CHOICES = ['SOURCE_IP', 'ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP_PORT'];
const POOL_FORMATTERS = {
  loadbalancers: 'ids',
  members: 'ids',
  listeners: 'ids',
  session_persistence: 'hash',
  tags: 'flat',
} as const;

/** The show output of a pool. */
export function poolShow(pool: Record<string, unknown>) {
  return { kind: 'show' as const, fields: POOL_ROWS, values: showRow(pool, POOL_ROWS, POOL_FORMATTERS) };
}

/** The API path of one pool. */
export function poolPath(id: string): string {
  return `/v2.0/lbaas/pools/${encodeURIComponent(id)}`;
}

/** The id of the pool a `<pool>` argument names. */
export async function poolId(client: ApiClient, value: string): Promise<string> {
  return lookupId(client, LOOKUPS.pool, value);
}

/** Body fields shared by create and set (octaviaclient `get_pool_attrs`). */
function poolFields(ctx: ActionContext): Record<string, unknown> {
  const f = ctx.flags;
  const body: Record<string, unknown> = {};
  if (typeof f['name'] === 'string') body['name'] = f['name'];
  if (typeof f['description'] === 'string') body['description'] = f['description'];
  if (typeof f['lbAlgorithm'] === 'string') body['lb_algorithm'] = f['lbAlgorithm'];
  if (typeof f['sessionPersistence'] === 'string')
    body['session_persistence'] = formatKv(f['sessionPersistence']);
  Object.assign(body, enabledField(f));
  for (const [flag, field] of [
    ['tlsContainerRef', 'tls_container_ref'],
    ['caTlsContainerRef', 'ca_tls_container_ref'],
    ['crlContainerRef', 'crl_container_ref'],
  ] as const) {
    if (typeof f[flag] === 'string') body[field] = strOrNull(f[flag]);
  }
  if (f['enableTls'] === true) body['tls_enabled'] = true;
  if (f['disableTls'] === true) body['tls_enabled'] = false;
  if (typeof f['tlsCiphers'] === 'string') body['tls_ciphers'] = f['tlsCiphers'];
  if (Array.isArray(f['tlsVersion'])) body['tls_versions'] = f['tlsVersion'];
  if (Array.isArray(f['alpnProtocol'])) body['alpn_protocols'] = f['alpnProtocol'];
  return body;
}

/** The options after --lb-algorithm that create and set share (help texts differ, as in octaviaclient). */
function addPoolOptions(cmd: Command, kind: 'create' | 'set'): void {
  const create = kind === 'create';
  addEnableDisable(cmd, create ? 'Enable pool (default).' : 'Enable pool.', 'Disable pool.');
  cmd
    .option(
      '--tls-container-ref <container-ref>',
      create
        ? 'The reference to the key manager service secrets container containing the certificate and key for ' +
            '``tls_enabled`` pools to re-encrpt the traffic to backend member servers.'
        : 'The URI to the key manager service secrets container containing the certificate and key for ' +
            'TERMINATED_TLS pools to re-encrpt the traffic from TERMINATED_TLS listener to backend servers.',
    )
    .option(
      '--ca-tls-container-ref <ca_tls_container_ref>',
      create
        ? 'The reference to the key manager service secrets container containing the CA certificate for ' +
            '``tls_enabled`` pools to check the backend member servers certificates.'
        : 'The URI to the key manager service secrets container containing the CA certificate for ' +
            'TERMINATED_TLS listeners to check the backend servers certificates in ssl traffic.',
    )
    .option(
      '--crl-container-ref <crl_container_ref>',
      create
        ? 'The reference to the key manager service secrets container containting the CA revocation list file ' +
            'for ``tls_enabled`` pools to validate the backend member servers certificates.'
        : 'The URI to the key manager service secrets container containting the CA revocation list file for ' +
            'TERMINATED_TLS listeners to valid the backend servers certificates in ssl traffic.',
    )
    .addOption(
      new Option(
        '--enable-tls',
        create ? 'Enable backend member re-encryption.' : 'Enable backend associated members re-encryption.',
      ),
    )
    .addOption(
      new Option(
        '--disable-tls',
        create
          ? 'Disable backend member re-encryption.'
          : 'disable backend associated members re-encryption.',
      ).conflicts('enableTls'),
    );
  addWaitOptions(cmd);
  cmd
    .option(
      '--tls-ciphers <tls_ciphers>',
      'Set the TLS ciphers to be used by the pool in OpenSSL cipher string format.',
    )
    .addOption(
      new Option(
        '--tls-version <tls_versions>',
        'Set the TLS protocol version to be used by the pool (can be set multiple times).',
      ).argParser(collect),
    )
    .addOption(
      new Option(
        '--alpn-protocol <alpn_protocols>',
        'Set the ALPN protocol to be used by the pool (can be set multiple times).',
      ).argParser(collect),
    );
}

function addCreate(group: Command): void {
  const cmd = apiCommand(group, 'create', 'Create a pool', 'show')
    .option('--name <name>', 'Set pool name.')
    .option('--description <description>', 'Set pool description.')
    .addOption(
      upperChoice(
        `--protocol <{${PROTOCOL_CHOICES.join(',')}}>`,
        'Set the pool protocol.',
        PROTOCOL_CHOICES,
      ).makeOptionMandatory(),
    )
    .option('--listener <listener>', 'Listener to add the pool to (name or ID).')
    .addOption(
      new Option(
        '--loadbalancer <load_balancer>',
        'Load balancer to add the pool to (name or ID).',
      ).conflicts('listener'),
    )
    .option(
      '--session-persistence <session persistence>',
      'Set the session persistence for the listener (key=value).',
    )
    .addOption(
      upperChoice(
        `--lb-algorithm <{${ALGORITHM_CHOICES.join(',')}}>`,
        'Load balancing algorithm to use.',
        ALGORITHM_CHOICES,
      ).makeOptionMandatory(),
    );
  addPoolOptions(cmd, 'create');
  addCreateTagOptions(cmd, 'pool');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    if (typeof f['listener'] !== 'string' && typeof f['loadbalancer'] !== 'string') {
      throw new CliError('one of the arguments --listener --loadbalancer is required', 2);
    }
    const client = await ctx.client();
    const body: Record<string, unknown> = { protocol: f['protocol'] };
    if (typeof f['listener'] === 'string')
      body['listener_id'] = await lookupId(client, LOOKUPS.listener, f['listener']);
    if (typeof f['loadbalancer'] === 'string') {
      body['loadbalancer_id'] = await lookupId(client, LOOKUPS.loadbalancer, f['loadbalancer']);
    }
    Object.assign(body, poolFields(ctx), enabledField(f, 'admin_state_up', true), createTags(f));
    const created = await client.request<{ pool: Record<string, unknown> }>(
      'load-balancer',
      'POST',
      '/v2.0/lbaas/pools',
      {
        body: { pool: body },
      },
    );
    let pool = created.pool;
    const parent = parentLoadBalancerId(pool);
    if (f['wait'] === true && parent) {
      await waitActiveIfAsked(ctx, client, lbPath(parent), 'loadbalancer', `load balancer ${parent}`);
      pool = await showObject(client, poolPath(String(pool['id'])), 'pool');
    }
    return poolShow(pool);
  });
}

function addList(group: Command): void {
  const cmd = apiCommand(group, 'list', 'List pools', 'list').option(
    '--loadbalancer <loadbalancer>',
    'Filter by load balancer (name or ID).',
  );
  addTagFilterOptions(cmd, 'pool');
  onRun(cmd, async (ctx) => {
    const f = ctx.flags;
    const client = await ctx.client();
    const query: [string, string][] = [];
    if (typeof f['loadbalancer'] === 'string') {
      query.push(['loadbalancer_id', await lookupId(client, LOOKUPS.loadbalancer, f['loadbalancer'])]);
    }
    query.push(...tagFilterQuery(f));
    const pools = await listAll(client, 'load-balancer', '/v2.0/lbaas/pools', 'pools', query);
    return { kind: 'list', columns: POOL_COLUMNS, rows: pools.map((p) => showRow(p, POOL_COLUMNS)) };
  });
}

function addShow(group: Command): void {
  const cmd = apiCommand(group, 'show', 'Show the details of a single pool', 'show').argument(
    '<pool>',
    'Name or UUID of the pool.',
  );
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const direct = isUuidLike(value) ? await fetchObject(client, poolPath(value), 'pool') : undefined;
    if (direct) return poolShow(direct);
    const found = await lookupObject(client, LOOKUPS.pool, value);
    return poolShow(await showObject(client, poolPath(String(found['id'])), 'pool'));
  });
}

function addSet(group: Command): void {
  const cmd = apiCommand(group, 'set', 'Update a pool', 'none')
    .argument('<pool>', 'Pool to update (name or ID).')
    .option('--name <name>', 'Set the name of the pool.')
    .option('--description <description>', 'Set the description of the pool.')
    .option(
      '--session-persistence <session_persistence>',
      'Set the session persistence for the listener (key=value).',
    )
    .addOption(
      upperChoice(
        `--lb-algorithm <{${ALGORITHM_CHOICES.join(',')}}>`,
        'Set the load balancing algorithm to use.',
        ALGORITHM_CHOICES,
      ),
    );
  addPoolOptions(cmd, 'set');
  addSetTagOptions(cmd, 'pool');
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = poolPath(await poolId(client, value));
    const body = poolFields(ctx);
    Object.assign(body, await setTags(ctx.flags, tagsAt(client, path, 'pool')));
    await updateObject(ctx, client, path, 'pool', body, `pool ${value}`);
  });
}

const UNSET_FIELDS: [string, string, string][] = [
  ['--name', 'Clear the pool name.', 'name'],
  ['--description', 'Clear the description of this pool.', 'description'],
  [
    '--ca-tls-container-ref',
    'Clear the certificate authority certificate reference on this pool.',
    'ca_tls_container_ref',
  ],
  [
    '--crl-container-ref',
    'Clear the certificate revocation list reference on this pool.',
    'crl_container_ref',
  ],
  ['--session-persistence', 'Disables session persistence on the pool.', 'session_persistence'],
  ['--tls-container-ref', 'Clear the certificate reference for this pool.', 'tls_container_ref'],
  ['--tls-versions', 'Clear all TLS versions from the pool.', 'tls_versions'],
  ['--tls-ciphers', 'Clear all TLS ciphers from the pool.', 'tls_ciphers'],
];

const UNSET_AFTER_WAIT: [string, string, string][] = [
  ['--alpn-protocols', 'Clear all ALPN protocols from the pool.', 'alpn_protocols'],
];

function addUnset(group: Command): void {
  const cmd = apiCommand(group, 'unset', 'Clear pool settings', 'none').argument(
    '<pool>',
    'Pool to modify (name or ID).',
  );
  for (const [flag, help] of UNSET_FIELDS) cmd.option(flag, help);
  addWaitOptions(cmd);
  for (const [flag, help] of UNSET_AFTER_WAIT) cmd.option(flag, help);
  addUnsetTagOptions(cmd, 'pool');
  onRun(cmd, async (ctx, value) => {
    const f = ctx.flags;
    const body: Record<string, unknown> = unsetBody(f, [...UNSET_FIELDS, ...UNSET_AFTER_WAIT]);
    if (Object.keys(body).length === 0 && !f['tag'] && f['allTag'] !== true) return;
    const client = await ctx.client();
    const path = poolPath(await poolId(client, value));
    Object.assign(body, await unsetTags(f, tagsAt(client, path, 'pool')));
    await updateObject(ctx, client, path, 'pool', body, `pool ${value}`);
  });
}

function addDelete(group: Command): void {
  const cmd = apiCommand(group, 'delete', 'Delete a pool', 'none').argument(
    '<pool>',
    'Pool to delete (name or ID).',
  );
  addWaitOptions(cmd);
  onRun(cmd, async (ctx, value) => {
    const client = await ctx.client();
    const path = poolPath(await poolId(client, value));
    await deleteObject(ctx, client, path, 'pool', `pool ${value}`);
  });
}

/** Adds `pool create|list|show|set|unset|delete` to the `loadbalancer` group. */
export function addPoolCommands(lb: Command): void {
  const group = lb.command('pool').description('Octavia pools');
  addCreate(group);
  addList(group);
  addShow(group);
  addSet(group);
  addUnset(group);
  addDelete(group);
}
