import { Type, type Static } from '@sinclair/typebox';
import {
  IdRefs,
  Links,
  Name255,
  OperatingStatus,
  ProjectId,
  ProvisioningStatus,
  Tags,
  Timestamp,
  Uuid,
} from './common.schema.js';
import { Nullable, NumberEnum, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** Health monitor types. */
export const HEALTH_MONITOR_TYPES = [
  'HTTP',
  'HTTPS',
  'PING',
  'TCP',
  'TLS-HELLO',
  'UDP-CONNECT',
  'SCTP',
] as const;
/** HTTP methods a health monitor may use. */
export const HEALTH_MONITOR_HTTP_METHODS = [
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'TRACE',
  'OPTIONS',
  'CONNECT',
  'PATCH',
] as const;
/** HTTP versions a health monitor may use. */
export const HEALTH_MONITOR_HTTP_VERSIONS = [1.0, 1.1] as const;

/** Octavia's `expected_codes` pattern (single code, comma list or range); text matches the Python source. */
export const EXPECTED_CODES_PATTERN = '^(\\d{3}(\\s*,\\s*\\d{3})*)$|^(\\d{3}-\\d{3})$';
/** Octavia's DOMAIN_NAME_REGEX (text matches the Python source, used in WSME's pattern message). */
export const DOMAIN_NAME_PATTERN = '^(?=.{1,253}\\.?$)(?:(?!-|[^.]+_)[A-Za-z0-9-_]{1,63}(?<!-)(?:\\.|$))+$';

const HmType = StringEnum(HEALTH_MONITOR_TYPES);
const Seconds = Type.Integer({ minimum: 0 });
const Retries = Type.Integer({ minimum: 1, maximum: 10 });
const HttpMethod = StringEnum(HEALTH_MONITOR_HTTP_METHODS);
const UrlPath = Type.String({ format: 'url-path' });
const ExpectedCodes = Type.String({ pattern: EXPECTED_CODES_PATTERN });
const HttpVersion = NumberEnum(HEALTH_MONITOR_HTTP_VERSIONS);
const DomainName = Type.String({ minLength: 1, maxLength: 255, pattern: DOMAIN_NAME_PATTERN });

/** Health monitor fields nested in a graph-create pool (HealthMonitorSingleCreate). */
export const HealthMonitorGraphCreate = Type.Object(
  {
    name: Opt(Name255),
    type: HmType,
    delay: Seconds,
    timeout: Seconds,
    max_retries_down: Opt(Retries),
    max_retries: Retries,
    http_method: Opt(HttpMethod),
    url_path: Opt(UrlPath),
    expected_codes: Opt(ExpectedCodes),
    admin_state_up: Opt(Type.Boolean()),
    tags: Opt(Tags),
    http_version: Opt(HttpVersion),
    domain_name: Opt(DomainName),
  },
  { additionalProperties: false },
);
export type HealthMonitorGraphCreate = Static<typeof HealthMonitorGraphCreate>;

/** `POST /healthmonitors` inner object (HealthMonitorPOST). */
export const HealthMonitorCreate = Type.Object(
  {
    name: Opt(Name255),
    type: HmType,
    delay: Seconds,
    timeout: Seconds,
    max_retries_down: Opt(Retries),
    max_retries: Retries,
    http_method: Opt(HttpMethod),
    url_path: Opt(UrlPath),
    expected_codes: Opt(ExpectedCodes),
    admin_state_up: Opt(Type.Boolean()),
    project_id: Opt(ProjectId),
    pool_id: Uuid,
    tags: Opt(Tags),
    http_version: Opt(HttpVersion),
    domain_name: Opt(DomainName),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type HealthMonitorCreate = Static<typeof HealthMonitorCreate>;
/** `{"healthmonitor": HealthMonitorCreate}`. */
export const HealthMonitorCreateBody = Wrapper('healthmonitor', HealthMonitorCreate, 'health_monitor_');
export type HealthMonitorCreateBody = Static<typeof HealthMonitorCreateBody>;

/** `PUT /healthmonitors/{id}` inner object (HealthMonitorPUT). */
export const HealthMonitorUpdate = Type.Object(
  {
    name: Opt(Name255),
    delay: Opt(Seconds),
    timeout: Opt(Seconds),
    max_retries_down: Opt(Retries),
    max_retries: Opt(Retries),
    http_method: Opt(HttpMethod),
    url_path: Opt(UrlPath),
    expected_codes: Opt(ExpectedCodes),
    admin_state_up: Opt(Type.Boolean()),
    tags: Opt(Tags),
    http_version: Opt(HttpVersion),
    domain_name: Opt(DomainName),
  },
  { additionalProperties: false },
);
export type HealthMonitorUpdate = Static<typeof HealthMonitorUpdate>;
/** `{"healthmonitor": HealthMonitorUpdate}`. */
export const HealthMonitorUpdateBody = Wrapper('healthmonitor', HealthMonitorUpdate, 'health_monitor_');
export type HealthMonitorUpdateBody = Static<typeof HealthMonitorUpdateBody>;

/** Response properties shared by the reference and the full (graph) view. */
const healthMonitorProperties = {
  id: Type.String(),
  name: Type.String(),
  type: HmType,
  delay: Type.Integer(),
  timeout: Type.Integer(),
  max_retries: Type.Integer(),
  max_retries_down: Type.Integer(),
  http_method: Nullable(Type.String()),
  url_path: Nullable(Type.String()),
  expected_codes: Nullable(Type.String()),
  admin_state_up: Type.Boolean(),
  project_id: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  tags: Type.Array(Type.String()),
  http_version: Nullable(Type.Number()),
  domain_name: Nullable(Type.String()),
  tenant_id: Type.String(),
};

/** A health monitor as returned by the API. */
export const HealthMonitor = Type.Object({ ...healthMonitorProperties, pools: IdRefs });
export type HealthMonitor = Static<typeof HealthMonitor>;
/** The health monitor inside a graph-create response pool (no `pools`). */
export const HealthMonitorFull = Type.Object(healthMonitorProperties);
export type HealthMonitorFull = Static<typeof HealthMonitorFull>;
/** `{"healthmonitor": HealthMonitor}`. */
export const HealthMonitorBody = Type.Object({ healthmonitor: HealthMonitor });
export type HealthMonitorBody = Static<typeof HealthMonitorBody>;
/** `{"healthmonitors": [...], "healthmonitors_links": [...]}`. */
export const HealthMonitorList = Type.Object({
  healthmonitors: Type.Array(HealthMonitor),
  healthmonitors_links: Links,
});
export type HealthMonitorList = Static<typeof HealthMonitorList>;
