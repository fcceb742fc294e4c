import { Type, type Static } from '@sinclair/typebox';
import {
  AlpnProtocols,
  ContainerRef,
  Description255,
  IdRefs,
  IpAddress,
  Links,
  Name255,
  OperatingStatus,
  ProjectId,
  ProvisioningStatus,
  Tags,
  Timestamp,
  TlsCiphers,
  TlsVersions,
  Uuid,
} from './common.schema.js';
import { HealthMonitorFull, HealthMonitorGraphCreate } from './health-monitor.schema.js';
import { Member, MemberGraphCreate } from './member.schema.js';
import { Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** Pool protocols. */
export const POOL_PROTOCOLS = ['HTTP', 'HTTPS', 'PROXY', 'PROXYV2', 'TCP', 'UDP', 'SCTP'] as const;
/** Load-balancing algorithms. */
export const LB_ALGORITHMS = ['ROUND_ROBIN', 'LEAST_CONNECTIONS', 'SOURCE_IP', 'SOURCE_IP_PORT'] as const;
/** Session persistence types. */
export const SESSION_PERSISTENCE_TYPES = ['SOURCE_IP', 'HTTP_COOKIE', 'APP_COOKIE'] as const;
/** Octavia's cookie_name pattern (no whitespace, `,`, `;`, `\`); text matches the Python source. */
export const COOKIE_NAME_PATTERN = '^[^\\s,;\\\\]+$';

const PoolProtocol = StringEnum(POOL_PROTOCOLS);
const LbAlgorithm = StringEnum(LB_ALGORITHMS);
const SpType = StringEnum(SESSION_PERSISTENCE_TYPES);
const CookieName = Type.String({ maxLength: 255, pattern: COOKIE_NAME_PATTERN });

/** Session persistence on create (`type` mandatory). */
export const SessionPersistenceCreate = Type.Object(
  {
    type: SpType,
    cookie_name: Opt(CookieName),
    persistence_timeout: Opt(Type.Integer()),
    persistence_granularity: Opt(IpAddress),
  },
  { additionalProperties: false },
);
export type SessionPersistenceCreate = Static<typeof SessionPersistenceCreate>;

/** Session persistence on update (`type` may be omitted: the stored type is kept). */
export const SessionPersistenceUpdate = Type.Object(
  {
    type: Opt(SpType),
    cookie_name: Opt(CookieName),
    persistence_timeout: Opt(Type.Integer()),
    persistence_granularity: Opt(IpAddress),
  },
  { additionalProperties: false },
);
export type SessionPersistenceUpdate = Static<typeof SessionPersistenceUpdate>;

/** Session persistence in responses: always the four keys. */
export const SessionPersistence = Type.Object({
  type: SpType,
  cookie_name: Nullable(Type.String()),
  persistence_timeout: Nullable(Type.Integer()),
  persistence_granularity: Nullable(Type.String()),
});
export type SessionPersistence = Static<typeof SessionPersistence>;

/**
 * A pool inside a fully populated load balancer create (PoolSingleCreate). `protocol` and
 * `lb_algorithm` are optional here because `{"name": "x"}` is a *reference*; the domain reports
 * "Pool definition for '<name>' missing required attribute: <attr>" for incomplete definitions.
 */
export const PoolGraphCreate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    protocol: Opt(PoolProtocol),
    lb_algorithm: Opt(LbAlgorithm),
    session_persistence: Opt(SessionPersistenceCreate),
    healthmonitor: Opt(HealthMonitorGraphCreate),
    members: Opt(Type.Array(MemberGraphCreate)),
    tags: Opt(Tags),
    tls_container_ref: Opt(ContainerRef),
    ca_tls_container_ref: Opt(ContainerRef),
    crl_container_ref: Opt(ContainerRef),
    tls_enabled: Opt(Type.Boolean()),
    tls_ciphers: Opt(TlsCiphers),
    tls_versions: Opt(TlsVersions),
    alpn_protocols: Opt(AlpnProtocols),
  },
  { additionalProperties: false },
);
export type PoolGraphCreate = Static<typeof PoolGraphCreate>;

/**
 * `POST /pools` inner object (PoolPOST). Octavia's type also lists `healthmonitor` and `members`
 * (undocumented for standalone create); they are accepted so such requests are not rejected.
 */
export const PoolCreate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    listener_id: Opt(Uuid),
    loadbalancer_id: Opt(Uuid),
    protocol: PoolProtocol,
    lb_algorithm: LbAlgorithm,
    session_persistence: Opt(SessionPersistenceCreate),
    project_id: Opt(ProjectId),
    healthmonitor: Opt(HealthMonitorGraphCreate),
    members: Opt(Type.Array(MemberGraphCreate)),
    tags: Opt(Tags),
    tls_container_ref: Opt(ContainerRef),
    ca_tls_container_ref: Opt(ContainerRef),
    crl_container_ref: Opt(ContainerRef),
    tls_enabled: Opt(Type.Boolean()),
    tls_ciphers: Opt(TlsCiphers),
    tls_versions: Opt(TlsVersions),
    alpn_protocols: Opt(AlpnProtocols),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type PoolCreate = Static<typeof PoolCreate>;
/** `{"pool": PoolCreate}`. */
export const PoolCreateBody = Wrapper('pool', PoolCreate, 'pool_');
export type PoolCreateBody = Static<typeof PoolCreateBody>;

/** `PUT /pools/{id}` inner object (PoolPUT). */
export const PoolUpdate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    lb_algorithm: Opt(LbAlgorithm),
    session_persistence: Opt(SessionPersistenceUpdate),
    tags: Opt(Tags),
    tls_container_ref: Opt(ContainerRef),
    ca_tls_container_ref: Opt(ContainerRef),
    crl_container_ref: Opt(ContainerRef),
    tls_enabled: Opt(Type.Boolean()),
    tls_ciphers: Opt(TlsCiphers),
    tls_versions: Opt(TlsVersions),
    alpn_protocols: Opt(AlpnProtocols),
  },
  { additionalProperties: false },
);
export type PoolUpdate = Static<typeof PoolUpdate>;
/** `{"pool": PoolUpdate}`. */
export const PoolUpdateBody = Wrapper('pool', PoolUpdate, 'pool_');
export type PoolUpdateBody = Static<typeof PoolUpdateBody>;

/** Response properties shared by the reference and the full (graph) view. */
const poolProperties = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  admin_state_up: Type.Boolean(),
  protocol: PoolProtocol,
  lb_algorithm: LbAlgorithm,
  session_persistence: Nullable(SessionPersistence),
  project_id: Type.String(),
  listeners: IdRefs,
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  tags: Type.Array(Type.String()),
  tls_container_ref: Nullable(Type.String()),
  ca_tls_container_ref: Nullable(Type.String()),
  crl_container_ref: Nullable(Type.String()),
  tls_enabled: Type.Boolean(),
  tls_ciphers: Nullable(Type.String()),
  tls_versions: Nullable(Type.Array(Type.String())),
  alpn_protocols: Nullable(Type.Array(Type.String())),
  tenant_id: Type.String(),
};

/** A pool as returned by GET/PUT/list (reference view). */
export const Pool = Type.Object({
  ...poolProperties,
  loadbalancers: IdRefs,
  healthmonitor_id: Nullable(Type.String()),
  members: IdRefs,
});
export type Pool = Static<typeof Pool>;
/** A pool in the load balancer create response (full view; `healthmonitor` omitted when none). */
export const PoolFull = Type.Object({
  ...poolProperties,
  members: Type.Array(Member),
  healthmonitor: Type.Optional(HealthMonitorFull),
});
export type PoolFull = Static<typeof PoolFull>;
/** `{"pool": Pool}`. */
export const PoolBody = Type.Object({ pool: Pool });
export type PoolBody = Static<typeof PoolBody>;
/** `{"pools": [...], "pools_links": [...]}`. */
export const PoolList = Type.Object({ pools: Type.Array(Pool), pools_links: Links });
export type PoolList = Static<typeof PoolList>;
