import { Type, type Static } from '@sinclair/typebox';
import {
  AlpnProtocols,
  Cidr,
  ContainerRef,
  Description255,
  IdRefs,
  Links,
  Name255,
  OperatingStatus,
  Port,
  ProjectId,
  ProvisioningStatus,
  Tags,
  Timestamp,
  TlsCiphers,
  TlsVersions,
  Uuid,
} from './common.schema.js';
import { L7PolicyFull, L7PolicyGraphCreate } from './l7-policy.schema.js';
import { PoolGraphCreate } from './pool.schema.js';
import { Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** Listener protocols. */
export const LISTENER_PROTOCOLS = [
  'HTTP',
  'HTTPS',
  'TCP',
  'TERMINATED_HTTPS',
  'UDP',
  'SCTP',
  'PROMETHEUS',
] as const;
/** TLS client authentication modes. */
export const CLIENT_AUTHENTICATION_MODES = ['NONE', 'OPTIONAL', 'MANDATORY'] as const;
/** Largest listener timeout in milliseconds (24 days). */
export const MAX_LISTENER_TIMEOUT = 2073600000;

const ListenerProtocol = StringEnum(LISTENER_PROTOCOLS);
const ClientAuthentication = StringEnum(CLIENT_AUTHENTICATION_MODES);
const ConnectionLimit = Type.Integer({ minimum: -1 });
const TimeoutMs = Type.Integer({ minimum: 0, maximum: MAX_LISTENER_TIMEOUT });
const InsertHeaders = Type.Record(Type.String(), Type.String({ maxLength: 255 }));

/** Attributes common to ListenerPOST and ListenerSingleCreate, in Octavia's declaration order. */
const createHead = {
  name: Opt(Name255),
  description: Opt(Description255),
  admin_state_up: Opt(Type.Boolean()),
  protocol: ListenerProtocol,
  protocol_port: Port,
  connection_limit: Opt(ConnectionLimit),
  default_tls_container_ref: Opt(ContainerRef),
  sni_container_refs: Opt(Type.Array(ContainerRef)),
};
const createTail = {
  timeout_client_data: Opt(TimeoutMs),
  timeout_member_connect: Opt(TimeoutMs),
  timeout_member_data: Opt(TimeoutMs),
  timeout_tcp_inspect: Opt(TimeoutMs),
  tags: Opt(Tags),
  client_ca_tls_container_ref: Opt(ContainerRef),
  client_authentication: Opt(ClientAuthentication),
  client_crl_container_ref: Opt(ContainerRef),
  allowed_cidrs: Opt(Type.Array(Cidr)),
  tls_ciphers: Opt(TlsCiphers),
  tls_versions: Opt(TlsVersions),
  alpn_protocols: Opt(AlpnProtocols),
  hsts_max_age: Opt(Type.Integer({ minimum: 0 })),
  hsts_include_subdomains: Opt(Type.Boolean()),
  hsts_preload: Opt(Type.Boolean()),
};

/** A listener nested in a fully populated load balancer create (ListenerSingleCreate). */
export const ListenerGraphCreate = Type.Object(
  {
    ...createHead,
    default_pool_id: Opt(Uuid),
    default_pool: Opt(PoolGraphCreate),
    l7policies: Opt(Type.Array(L7PolicyGraphCreate)),
    insert_headers: Opt(InsertHeaders),
    ...createTail,
  },
  { additionalProperties: false },
);
export type ListenerGraphCreate = Static<typeof ListenerGraphCreate>;

/** `POST /listeners` inner object (ListenerPOST); `project_id`/`tenant_id` are accepted and ignored. */
export const ListenerCreate = Type.Object(
  {
    ...createHead,
    project_id: Opt(ProjectId),
    default_pool_id: Opt(Uuid),
    default_pool: Opt(PoolGraphCreate),
    l7policies: Opt(Type.Array(L7PolicyGraphCreate)),
    insert_headers: Opt(InsertHeaders),
    loadbalancer_id: Uuid,
    ...createTail,
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type ListenerCreate = Static<typeof ListenerCreate>;
/** `{"listener": ListenerCreate}`. */
export const ListenerCreateBody = Wrapper('listener', ListenerCreate, 'listener_');
export type ListenerCreateBody = Static<typeof ListenerCreateBody>;

/** `PUT /listeners/{id}` inner object (ListenerPUT). */
export const ListenerUpdate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    connection_limit: Opt(ConnectionLimit),
    default_tls_container_ref: Opt(ContainerRef),
    sni_container_refs: Opt(Type.Array(ContainerRef)),
    default_pool_id: Opt(Uuid),
    insert_headers: Opt(InsertHeaders),
    ...createTail,
  },
  { additionalProperties: false },
);
export type ListenerUpdate = Static<typeof ListenerUpdate>;
/** `{"listener": ListenerUpdate}`. */
export const ListenerUpdateBody = Wrapper('listener', ListenerUpdate, 'listener_');
export type ListenerUpdateBody = Static<typeof ListenerUpdateBody>;

/** Response properties shared by the reference and the full (graph) view. */
const listenerProperties = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  admin_state_up: Type.Boolean(),
  protocol: ListenerProtocol,
  protocol_port: Type.Integer(),
  connection_limit: Type.Integer(),
  default_tls_container_ref: Nullable(Type.String()),
  sni_container_refs: Type.Array(Type.String()),
  project_id: Type.String(),
  default_pool_id: Nullable(Type.String()),
  insert_headers: Type.Record(Type.String(), Type.String()),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  timeout_client_data: Type.Integer(),
  timeout_member_connect: Type.Integer(),
  timeout_member_data: Type.Integer(),
  timeout_tcp_inspect: Type.Integer(),
  tags: Type.Array(Type.String()),
  client_ca_tls_container_ref: Nullable(Type.String()),
  client_authentication: ClientAuthentication,
  client_crl_container_ref: Nullable(Type.String()),
  allowed_cidrs: Nullable(Type.Array(Type.String())),
  tls_ciphers: Nullable(Type.String()),
  tls_versions: Nullable(Type.Array(Type.String())),
  alpn_protocols: Nullable(Type.Array(Type.String())),
  hsts_max_age: Nullable(Type.Integer()),
  hsts_include_subdomains: Type.Boolean(),
  hsts_preload: Type.Boolean(),
  tenant_id: Type.String(),
};

/** A listener as returned by GET/PUT/list (reference view). */
export const Listener = Type.Object({ ...listenerProperties, l7policies: IdRefs, loadbalancers: IdRefs });
export type Listener = Static<typeof Listener>;
/** A listener in the load balancer create response (full view: no `loadbalancers`, full policies). */
export const ListenerFull = Type.Object({ ...listenerProperties, l7policies: Type.Array(L7PolicyFull) });
export type ListenerFull = Static<typeof ListenerFull>;
/** `{"listener": Listener}`. */
export const ListenerBody = Type.Object({ listener: Listener });
export type ListenerBody = Static<typeof ListenerBody>;
/** `{"listeners": [...], "listeners_links": [...]}`. */
export const ListenerList = Type.Object({ listeners: Type.Array(Listener), listeners_links: Links });
export type ListenerList = Static<typeof ListenerList>;
