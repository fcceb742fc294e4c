import { Option, type Command } from 'commander';
import { CliError } from '../../cli-error.js';
import type { ApiClient } from '../../client/api-client.js';
import { ApiError } from '../../client/api-error.js';
import { listAll } from '../../client/list-all.js';
import { outputOptionsFrom } from '../../output/output-options.js';
import { pyStr } from '../../output/py-str.js';
import type { ActionContext, CommandOutput } from '../action-kit.js';
import { LiteralOption } from '../literal-option.js';
import { collect } from '../tag-options.js';

/**
 * A cliff FormattableColumn: tables print `human`; json, yaml, value, csv and shell print `machine`
 * (osc's AdminStateColumn, format_columns.ListColumn, DictColumn, ...).
 */
export interface Formatted {
  human: unknown;
  machine: unknown;
}

/** Turns a raw attribute into its two renderings. */
export type CellFormat = (value: unknown) => Formatted;

/** osc_lib `format_dict`: sorted `key='value'` pairs joined with ', ' (nested dicts as `a.b='v'`). */
export function formatDict(data: unknown, prefix?: string): string | null {
  if (data === null || data === undefined) return null;
  const obj = data as Record<string, unknown>;
  let out = '';
  for (const key of Object.keys(obj).sort()) {
    const name = prefix ? `${prefix}.${key}` : key;
    const v = obj[key];
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) out += `${formatDict(v, name) ?? ''}, `;
    else if (v !== null && v !== undefined) out += `${name}='${pyStr(v)}', `;
    else out += `${name}=, `;
  }
  return out.slice(0, -2);
}

/** osc_lib `format_list`: sorted items joined with ', '. */
export function formatList(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  return (data as unknown[])
    .map((v) => pyStr(v))
    .sort()
    .join(', ');
}

/** osc_lib `format_list_of_dicts`: one format_dict line per item. */
export function formatListOfDicts(data: unknown): string | null {
  if (data === null || data === undefined) return null;
  return (data as unknown[]).map((d) => formatDict(d)).join('\n');
}

/** The column formatters osc's network commands use. */
export const FMT = {
  /** AdminStateColumn: UP/DOWN. */
  adminState: (v) => ({ human: v ? 'UP' : 'DOWN', machine: v }),
  /** RouterExternalColumn: External/Internal. */
  routerExternal: (v) => ({ human: v ? 'External' : 'Internal', machine: v }),
  /** format_columns.ListColumn. */
  list: (v) => ({ human: formatList(v), machine: v }),
  /** format_columns.DictColumn (machine: the dict, `{}` for none). */
  dict: (v) => ({ human: formatDict(v), machine: { ...((v as Record<string, unknown> | null) ?? {}) } }),
  /** format_columns.ListDictColumn. */
  listDict: (v) => ({ human: formatListOfDicts(v), machine: v }),
  /** subnet AllocationPoolsColumn: `start-end` joined with ','. */
  allocationPools: (v) => ({
    human: ((v as { start?: string; end?: string }[] | null) ?? [])
      .map((p) => `${p.start ?? ''}-${p.end ?? ''}`)
      .join(','),
    machine: v,
  }),
  /** subnet HostRoutesColumn: format_list_of_dicts with `nexthop` shown as `gateway`. */
  hostRoutes: (v) => ({
    human: formatListOfDicts(
      ((v as Record<string, unknown>[] | null) ?? []).map(({ nexthop, ...rest }) =>
        nexthop === undefined ? rest : { ...rest, gateway: nexthop },
      ),
    ),
    machine: v,
  }),
  /** A plain formatter function (`utils.format_dict`): the string in every format; None stays None. */
  dictString: (v) => {
    const s = v === null || v === undefined ? v : formatDict(v);
    return { human: s, machine: s };
  },
} satisfies Record<string, CellFormat>;

/** One output column: its title, the API attribute it shows, and its formatter. */
export type Field = readonly [title: string, key: string, format?: CellFormat];

/** Shorthand for columns whose title is the attribute name. */
export function same(key: string, format?: CellFormat): Field {
  return format ? [key, key, format] : [key, key];
}

/** How cliff's formatter of the chosen `-f` renders a formatted cell. */
export type CellStyle = 'human' | 'machine' | 'machine-str';

/**
 * osc `get_item_properties` over an SDK resource: an attribute the server did not send is None; a
 * formatted cell is printed human-readable by the table formatter, machine-readable by json/yaml, and as
 * `str(machine_readable())` by value/csv/shell (so csv quotes a formatted True like a string).
 */
export function rowOf(item: Record<string, unknown>, fields: readonly Field[], style: CellStyle): unknown[] {
  return fields.map(([, key, format]) => {
    const raw = key in item ? item[key] : null;
    if (!format) return raw;
    const cell = format(raw);
    if (style === 'human') return cell.human;
    return style === 'machine' ? cell.machine : pyStr(cell.machine);
  });
}

function cellStyle(ctx: ActionContext): CellStyle {
  const format = outputOptionsFrom(ctx.flags).format;
  if (format === 'table') return 'human';
  return format === 'json' || format === 'yaml' ? 'machine' : 'machine-str';
}

/** A show table of `item`. */
export function showOutput(
  ctx: ActionContext,
  item: Record<string, unknown>,
  fields: readonly Field[],
): CommandOutput {
  return {
    kind: 'show',
    fields: fields.map(([title]) => title),
    values: rowOf(item, fields, cellStyle(ctx)),
  };
}

/** A list of `items`. */
export function listOutput(
  ctx: ActionContext,
  items: readonly Record<string, unknown>[],
  fields: readonly Field[],
): CommandOutput {
  const style = cellStyle(ctx);
  return {
    kind: 'list',
    columns: fields.map(([title]) => title),
    rows: items.map((i) => rowOf(i, fields, style)),
  };
}

/** A Neutron collection as openstacksdk knows it. */
export interface NeutronResource {
  /** `/v2.0/networks`. */
  path: string;
  /** Body key of one object: `network`. */
  key: string;
  /** Body key of the list: `networks`. */
  collection: string;
  /** The SDK class name used in messages: `Network`. */
  className: string;
  /** The attribute the SDK matches names against (`floating_ip_address` for floating IPs). */
  nameAttr: string;
  /** Whether the SDK's lookup list filters on `?name=` (not for floating IPs). */
  queryByName: boolean;
}

/** The Neutron resources of these commands. */
export const NEUTRON = {
  network: {
    path: '/v2.0/networks',
    key: 'network',
    collection: 'networks',
    className: 'Network',
    nameAttr: 'name',
    queryByName: true,
  },
  subnet: {
    path: '/v2.0/subnets',
    key: 'subnet',
    collection: 'subnets',
    className: 'Subnet',
    nameAttr: 'name',
    queryByName: true,
  },
  port: {
    path: '/v2.0/ports',
    key: 'port',
    collection: 'ports',
    className: 'Port',
    nameAttr: 'name',
    queryByName: true,
  },
  floatingip: {
    path: '/v2.0/floatingips',
    key: 'floatingip',
    collection: 'floatingips',
    className: 'FloatingIP',
    nameAttr: 'floating_ip_address',
    queryByName: false,
  },
} satisfies Record<string, NeutronResource>;

/** openstacksdk's ResourceNotFound (`No Network found for x`), an HTTP error in osc's eyes. */
export class NotFoundError extends CliError {}

/** The URL path of one object. */
export function objectPath(res: NeutronResource, id: string): string {
  return `${res.path}/${encodeURIComponent(id)}`;
}

/**
 * openstacksdk `find(name_or_id, ignore_missing=False)`: `GET <path>/<value>` (a 404 or 400 falls
 * through), then the list (`?name=<value>` where the SDK filters by name) matched on id or name.
 */
export async function findNeutron(
  client: ApiClient,
  res: NeutronResource,
  value: string,
): Promise<Record<string, unknown>> {
  try {
    const direct = await client.requestOptional<Record<string, Record<string, unknown>>>(
      'network',
      'GET',
      objectPath(res, value),
    );
    if (direct?.[res.key]) return direct[res.key] as Record<string, unknown>;
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 400)) throw err;
  }
  const query: [string, string][] = res.queryByName ? [['name', value]] : [];
  const items = await listAll(client, 'network', res.path, res.collection, query);
  const matches = items.filter((i) => i['id'] === value || i[res.nameAttr] === value);
  if (matches.length > 1)
    throw new CliError(`More than one ${res.className} exists with the name '${value}'.`);
  if (matches[0]) return matches[0];
  throw new NotFoundError(`No ${res.className} found for ${value}`);
}

/** The id of what a `<name or ID>` argument names. */
export async function findNeutronId(client: ApiClient, res: NeutronResource, value: string): Promise<string> {
  return String((await findNeutron(client, res, value))['id']);
}

/** osc's NetworkAndComputeShowOne: an HTTP error (not found included) reads `Error while executing command: …`. */
export async function showOneErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof NotFoundError) throw new CliError(`Error while executing command: ${err.message}`);
    throw err;
  }
}

/**
 * osc's multi-delete: every argument is tried; each failure is reported as
 * `Failed to delete <label> with name or ID '<x>': <error>` and the command fails with
 * `<n> of <total> <label>s failed to delete.`
 */
export async function deleteAll(
  ctx: ActionContext,
  res: NeutronResource,
  label: string,
  values: readonly string[],
): Promise<void> {
  const client = await ctx.client();
  let failed = 0;
  for (const value of values) {
    try {
      const id = await findNeutronId(client, res, value);
      await client.request('network', 'DELETE', objectPath(res, id));
    } catch (err) {
      failed += 1;
      ctx.stderr.write(
        `Failed to delete ${label} with name or ID '${value}': ${err instanceof Error ? err.message : String(err)}\n`,
      );
    }
  }
  if (failed > 0) throw new CliError(`${failed} of ${values.length} ${label}s failed to delete.`);
}

/**
 * osc `update_tags_for_set`: the current tags (none after --no-tag) plus the given ones, written with
 * `PUT <path>/<id>/tags` only when they changed.
 */
export async function updateTagsForSet(
  client: ApiClient,
  res: NeutronResource,
  obj: Record<string, unknown>,
  flags: Record<string, unknown>,
): Promise<void> {
  const current = Array.isArray(obj['tags']) ? (obj['tags'] as string[]) : [];
  const tags = new Set(flags['noTag'] === true ? [] : current);
  for (const t of (flags['tag'] as string[] | undefined) ?? []) tags.add(t);
  const unchanged = tags.size === new Set(current).size && current.every((t) => tags.has(t));
  if (unchanged) return;
  await client.request('network', 'PUT', `${objectPath(res, String(obj['id']))}/tags`, {
    body: { tags: [...tags] },
  });
}

/**
 * osc_lib MultiKeyValueAction: `k1=v1,k2=v2` → an object, checked against the required and optional keys
 * (messages and exit code 1 as osc).
 */
export function multiKeyValue(
  required: readonly string[],
  optional: readonly string[] = [],
): (value: string, previous: Record<string, string>[] | undefined) => Record<string, string>[] {
  return (value, previous) => {
    const params: Record<string, string> = {};
    for (const kv of value.split(',')) {
      const eq = kv.indexOf('=');
      if (eq < 0) throw new CliError(`Expected comma separated 'key=value' pairs, but got: ${kv}`);
      if (eq === 0) throw new CliError(`Each property key must be specified: ${kv}`);
      params[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    const valid = [...required, ...optional];
    const keys = Object.keys(params);
    const invalid = keys.filter((k) => !valid.includes(k));
    if (invalid.length > 0) {
      throw new CliError(
        `Invalid keys ${invalid.join(', ')} specified.\nValid keys are: ${valid.join(', ')}`,
      );
    }
    const missing = required.filter((k) => !keys.includes(k));
    if (missing.length > 0) {
      throw new CliError(
        `Missing required keys ${missing.join(', ')}.\nRequired keys are: ${required.join(', ')}`,
      );
    }
    return [...(previous ?? []), params];
  };
}

/** A pair of mutually exclusive flags (`--share`/`--no-share`); the second is never a commander negation. */
export function addFlagPair(cmd: Command, on: string, onHelp: string, off: string, offHelp: string): Command {
  const onOption = new Option(on, onHelp);
  const offOption = off.startsWith('--no-') ? new LiteralOption(off, offHelp) : new Option(off, offHelp);
  return cmd.addOption(onOption).addOption(offOption.conflicts(onOption.attributeName()));
}

/** A repeatable string option (argparse `action='append'`). */
export function repeatable(flags: string, help: string): Option {
  return new Option(flags, help).argParser(collect);
}

/** An argparse `choices=` option with the usage error argparse prints (exit 2). */
export function choiceOption(flags: string, help: string, choices: readonly string[]): Option {
  const name = flags.split(' ')[0] ?? flags;
  return new Option(flags, help).argParser((v) => {
    if (!choices.includes(v)) {
      throw new CliError(
        `argument ${name}: invalid choice: '${v}' (choose from ${choices.map((c) => `'${c}'`).join(', ')})`,
        2,
      );
    }
    return v;
  });
}

/** `True`/`False` for a boolean query filter, as the SDK sends it. */
export function pyBool(value: boolean): string {
  return value ? 'True' : 'False';
}
