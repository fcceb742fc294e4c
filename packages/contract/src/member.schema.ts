import { Type, type Static } from '@sinclair/typebox';
import {
  IpAddress,
  Links,
  Name255,
  OperatingStatus,
  Port,
  ProjectId,
  ProvisioningStatus,
  Tags,
  Timestamp,
  Uuid,
} from './common.schema.js';
import { Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

// Property order follows Octavia's WSME types: the first invalid attribute in that order is reported.

/** Member weight: 0 (drain) to 256. */
const Weight = Type.Integer({ minimum: 0, maximum: 256 });

/** Member fields nested in a fully populated load balancer create (MemberSingleCreate). */
export const MemberGraphCreate = Type.Object(
  {
    name: Opt(Name255),
    admin_state_up: Opt(Type.Boolean()),
    address: IpAddress,
    protocol_port: Port,
    weight: Opt(Weight),
    backup: Opt(Type.Boolean()),
    subnet_id: Opt(Uuid),
    monitor_port: Opt(Port),
    monitor_address: Opt(IpAddress),
    tags: Opt(Tags),
    request_sriov: Opt(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MemberGraphCreate = Static<typeof MemberGraphCreate>;

/** `POST /pools/{pool_id}/members` inner object (MemberPOST); also the batch-update item. */
export const MemberCreate = Type.Object(
  {
    name: Opt(Name255),
    admin_state_up: Opt(Type.Boolean()),
    address: IpAddress,
    protocol_port: Port,
    weight: Opt(Weight),
    backup: Opt(Type.Boolean()),
    subnet_id: Opt(Uuid),
    project_id: Opt(ProjectId),
    monitor_port: Opt(Port),
    monitor_address: Opt(IpAddress),
    tags: Opt(Tags),
    request_sriov: Opt(Type.Boolean()),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type MemberCreate = Static<typeof MemberCreate>;
/** `{"member": MemberCreate}`. */
export const MemberCreateBody = Wrapper('member', MemberCreate, 'member_');
export type MemberCreateBody = Static<typeof MemberCreateBody>;

/** `PUT /pools/{pool_id}/members/{id}` inner object (MemberPUT). */
export const MemberUpdate = Type.Object(
  {
    name: Opt(Name255),
    admin_state_up: Opt(Type.Boolean()),
    weight: Opt(Weight),
    backup: Opt(Type.Boolean()),
    monitor_port: Opt(Port),
    monitor_address: Opt(IpAddress),
    tags: Opt(Tags),
  },
  { additionalProperties: false },
);
export type MemberUpdate = Static<typeof MemberUpdate>;
/** `{"member": MemberUpdate}`. */
export const MemberUpdateBody = Wrapper('member', MemberUpdate, 'member_');
export type MemberUpdateBody = Static<typeof MemberUpdateBody>;

/** `PUT /pools/{pool_id}/members` (batch update): `{"members": [MemberCreate, ...]}`. */
export const MembersBatchBody = Wrapper('members', Type.Array(MemberCreate), 'members_');
export type MembersBatchBody = Static<typeof MembersBatchBody>;

/** A member as returned by the API (no `pool_id`). */
export const Member = Type.Object({
  id: Type.String(),
  name: Type.String(),
  operating_status: OperatingStatus,
  provisioning_status: ProvisioningStatus,
  admin_state_up: Type.Boolean(),
  address: Type.String(),
  protocol_port: Type.Integer(),
  weight: Type.Integer(),
  backup: Type.Boolean(),
  subnet_id: Nullable(Type.String()),
  project_id: Type.String(),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  monitor_address: Nullable(Type.String()),
  monitor_port: Nullable(Type.Integer()),
  tags: Type.Array(Type.String()),
  vnic_type: StringEnum(['normal', 'direct']),
  tenant_id: Type.String(),
});
export type Member = Static<typeof Member>;
/** `{"member": Member}`. */
export const MemberBody = Type.Object({ member: Member });
export type MemberBody = Static<typeof MemberBody>;
/** `{"members": [...], "members_links": [...]}`. */
export const MemberList = Type.Object({ members: Type.Array(Member), members_links: Links });
export type MemberList = Static<typeof MemberList>;
