import { DomainError } from '../errors/domain-error.js';

/** A provider, a flavor capability or an availability-zone capability as the API lists it. */
export interface NamedDescription {
  name: string;
  description: string;
}

/**
 * The providers this deployment offers. Both names drive the same thing — lbaas's own HAProxy driver —
 * and keep Octavia's names so clients that send `provider: amphora` (or the old alias) keep working.
 */
export const PROVIDERS: readonly NamedDescription[] = [
  {
    name: 'amphora',
    description:
      'The lbaas HAProxy driver: one HAProxy process per load balancer, run by an lbaas agent ' +
      "(named after Octavia's amphora provider for compatibility).",
  },
  { name: 'octavia', description: 'Deprecated alias of the amphora provider (the lbaas HAProxy driver).' },
];

/** A JSON-schema fragment, the subset the capability schemas use. */
interface PropertySchema {
  type: 'string' | 'array';
  description: string;
  enum?: readonly string[];
  items?: { type: 'string' };
}

/**
 * Flavor metadata keys lbaas honours. Only what really works is listed: the topology is SINGLE (one
 * HAProxy per load balancer); ACTIVE_STANDBY and Octavia's compute/image/SR-IOV keys have no meaning here
 * and are refused rather than silently ignored.
 */
const FLAVOR_SCHEMA: Readonly<Record<string, PropertySchema>> = {
  loadbalancer_topology: {
    type: 'string',
    description:
      'The load balancer topology. One of: SINGLE - One HAProxy process per load balancer on an lbaas ' +
      'agent. (ACTIVE_STANDBY is not available in this deployment yet.)',
    enum: ['SINGLE'],
  },
};

/** Availability-zone metadata keys lbaas honours (valid_vip_networks is enforced on load balancer create). */
const AVAILABILITY_ZONE_SCHEMA: Readonly<Record<string, PropertySchema>> = {
  valid_vip_networks: {
    type: 'array',
    description:
      'List of network IDs that are allowed for VIP use. A load balancer created in this availability ' +
      'zone must have its VIP on one of these networks.',
    items: { type: 'string' },
  },
};

/** Metadata of a flavor profile after validation. */
export interface FlavorMetadata {
  loadbalancer_topology?: 'SINGLE';
}

/** Metadata of an availability zone profile after validation. */
export interface AvailabilityZoneMetadata {
  valid_vip_networks?: string[];
}

function capabilities(schema: Readonly<Record<string, PropertySchema>>): NamedDescription[] {
  return Object.entries(schema).map(([name, p]) => ({ name, description: p.description }));
}

/** The flavor capabilities of a provider (every enabled provider is the same driver). */
export function flavorCapabilities(): NamedDescription[] {
  return capabilities(FLAVOR_SCHEMA);
}

/** The availability-zone capabilities of a provider. */
export function availabilityZoneCapabilities(): NamedDescription[] {
  return capabilities(AVAILABILITY_ZONE_SCHEMA);
}

/** 400 `Provider '<p>' is not enabled.` unless `provider` is one of `enabled`. */
export function checkProviderEnabled(provider: string, enabled: readonly string[]): void {
  if (!enabled.includes(provider)) throw new DomainError('invalid', `Provider '${provider}' is not enabled.`);
}

/**
 * Parses `flavor_data` (400 `<data> is not a valid option for flavor_data` when it is not JSON) and
 * validates it the way Octavia's amphora driver does (jsonschema's first error, 501 `Provider '<p>' does
 * not support a requested option: <error>`).
 */
export function validateFlavorData(provider: string, data: string): FlavorMetadata {
  return validateMetadata(provider, data, 'flavor_data', FLAVOR_SCHEMA) as FlavorMetadata;
}

/** Same as validateFlavorData for `availability_zone_data`. */
export function validateAvailabilityZoneData(provider: string, data: string): AvailabilityZoneMetadata {
  return validateMetadata(
    provider,
    data,
    'availability_zone_data',
    AVAILABILITY_ZONE_SCHEMA,
  ) as AvailabilityZoneMetadata;
}

/** Reads stored (already validated) metadata; anything unreadable counts as empty. */
export function storedMetadata<T>(data: string): T {
  try {
    const value: unknown = JSON.parse(data);
    return (isObject(value) ? value : {}) as T;
  } catch {
    return {} as T;
  }
}

function validateMetadata(
  provider: string,
  data: string,
  option: string,
  schema: Readonly<Record<string, PropertySchema>>,
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new DomainError('invalid', `${data} is not a valid option for ${option}`);
  }
  const error = firstSchemaError(value, schema);
  if (error !== undefined) {
    throw new DomainError(
      'not_implemented',
      `Provider '${provider}' does not support a requested option: ${error}`,
    );
  }
  return value as Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The error jsonschema's best_match reports for `{"type": "object", "additionalProperties": false,
 * "properties": schema}`, prefixed with the property name as the amphora driver does.
 */
function firstSchemaError(
  value: unknown,
  schema: Readonly<Record<string, PropertySchema>>,
): string | undefined {
  if (!isObject(value)) return `${pythonRepr(value)} is not of type 'object'`;
  const extras = Object.keys(value).filter((k) => !(k in schema));
  if (extras.length > 0) {
    const verb = extras.length === 1 ? 'was' : 'were';
    return `Additional properties are not allowed (${extras.map(pythonRepr).join(', ')} ${verb} unexpected)`;
  }
  for (const [key, prop] of Object.entries(schema)) {
    if (!(key in value)) continue;
    const v = value[key];
    if (!matchesType(v, prop.type)) return `${key} ${pythonRepr(v)} is not of type '${prop.type}'`;
    if (prop.enum && !prop.enum.includes(v as string))
      return `${key} ${pythonRepr(v)} is not one of ${pythonRepr([...prop.enum])}`;
    if (prop.items && Array.isArray(v)) {
      const bad = v.find((item) => !matchesType(item, prop.items?.type ?? 'string'));
      if (bad !== undefined) return `${key} ${pythonRepr(bad)} is not of type '${prop.items.type}'`;
    }
  }
  return undefined;
}

function matchesType(value: unknown, type: 'string' | 'array'): boolean {
  return type === 'string' ? typeof value === 'string' : Array.isArray(value);
}

/** Python's repr() of a JSON value (what jsonschema messages show). */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([k, v]) => `${pythonString(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function pythonString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}
