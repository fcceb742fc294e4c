import { Type, type Static } from '@sinclair/typebox';
import { StringEnum } from './schema-builders.js';

// Building blocks shared by every resource schema. Custom `format`s are interpreted by validator.ts
// (uuid, ipvany, cidr, http-url, url-path, alpn); no global TypeBox FormatRegistry is used.

/** A UUID string (normalized to lower-case hyphenated form by the validator). */
export const Uuid = Type.String({ format: 'uuid' });
/** A project id (`str(36)`; Keystone ids are 32 hex chars, no UUID check). */
export const ProjectId = Type.String({ maxLength: 36 });
/** `name` on create/update: at most 255 characters. */
export const Name255 = Type.String({ maxLength: 255 });
/** `description` on create/update: at most 255 characters. */
export const Description255 = Type.String({ maxLength: 255 });
/** A key-manager container reference (`str(255)`). */
export const ContainerRef = Type.String({ maxLength: 255 });
/** `tags`: a list of strings of at most 255 characters each. */
export const Tags = Type.Array(Type.String({ maxLength: 255 }));
/** An IPv4 or IPv6 address literal. */
export const IpAddress = Type.String({ format: 'ipvany' });
/** An IPv4 or IPv6 CIDR (normalized to its network address by the validator). */
export const Cidr = Type.String({ format: 'cidr' });
/** An OpenSSL cipher string (`str(2048)`). */
export const TlsCiphers = Type.String({ maxLength: 2048 });
/** A list of TLS protocol versions (`str(32)` each; values are checked by the domain). */
export const TlsVersions = Type.Array(Type.String({ maxLength: 32 }));
/** ALPN protocol ids accepted by the API. */
export const ALPN_PROTOCOLS = ['h2', 'http/1.1', 'http/1.0'] as const;
/** A list of ALPN protocol ids. */
export const AlpnProtocols = Type.Array(Type.String({ format: 'alpn' }));
/** A TCP/UDP/SCTP port number. */
export const Port = Type.Integer({ minimum: 1, maximum: 65535 });
/** An ISO-8601 timestamp without zone, e.g. `2017-02-28T00:41:44`. */
export const Timestamp = Type.String();

/** Octavia provisioning statuses. */
export const ProvisioningStatus = StringEnum([
  'ACTIVE',
  'DELETED',
  'ERROR',
  'PENDING_CREATE',
  'PENDING_UPDATE',
  'PENDING_DELETE',
]);
export type ProvisioningStatus = Static<typeof ProvisioningStatus>;
/** Octavia operating statuses. */
export const OperatingStatus = StringEnum([
  'ONLINE',
  'DRAINING',
  'OFFLINE',
  'DEGRADED',
  'ERROR',
  'NO_MONITOR',
]);
export type OperatingStatus = Static<typeof OperatingStatus>;

/** A reference to another object: `{"id": "<uuid>"}`. */
export const IdRef = Type.Object({ id: Type.String() });
export type IdRef = Static<typeof IdRef>;
/** A list of id references (`listeners`, `pools`, `members`, ...). */
export const IdRefs = Type.Array(IdRef);

/** A pagination link (`<collection>_links` entries). */
export const Link = Type.Object({ href: Type.String(), rel: StringEnum(['next', 'previous', 'self']) });
export type Link = Static<typeof Link>;
/** A list of pagination links. */
export const Links = Type.Array(Link);

/** WSME's error body. */
export const Fault = Type.Object({
  faultcode: StringEnum(['Client', 'Server']),
  faultstring: Type.String(),
  debuginfo: Type.Union([Type.String(), Type.Null()]),
});
export type Fault = Static<typeof Fault>;

/** One entry of the version document served at `/`. */
export const ApiVersion = Type.Object({
  id: Type.String(),
  status: StringEnum(['CURRENT', 'SUPPORTED', 'DEPRECATED']),
  updated: Type.String(),
  links: Type.Array(Type.Object({ href: Type.String(), rel: Type.String() })),
});
export type ApiVersion = Static<typeof ApiVersion>;
/** `GET /` — the API version list. */
export const VersionList = Type.Object({ versions: Type.Array(ApiVersion) });
export type VersionList = Static<typeof VersionList>;
