import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { NeutronProjectId, NeutronString255, NeutronTags } from './network.schema.js';
import { Nullable } from './schema-builders.js';

/** One allocation pool of a subnet. */
export const AllocationPool = Type.Object(
  { start: Type.String({ maxLength: 64 }), end: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);
export type AllocationPool = Static<typeof AllocationPool>;
/** One host route of a subnet (stored; nothing installs it). */
export const HostRoute = Type.Object(
  { destination: Type.String({ maxLength: 64 }), nexthop: Type.String({ maxLength: 64 }) },
  { additionalProperties: false },
);

/** A Neutron subnet. */
export const Subnet = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  network_id: Type.String(),
  tenant_id: Type.String(),
  project_id: Type.String(),
  ip_version: Type.Union([Type.Literal(4), Type.Literal(6)]),
  cidr: Type.String(),
  gateway_ip: Nullable(Type.String()),
  allocation_pools: Type.Array(AllocationPool),
  enable_dhcp: Type.Boolean(),
  dns_nameservers: Type.Array(Type.String()),
  host_routes: Type.Array(HostRoute),
  ipv6_ra_mode: Type.Null(),
  ipv6_address_mode: Type.Null(),
  subnetpool_id: Type.Null(),
  service_types: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  revision_number: Type.Integer(),
  created_at: Type.String(),
  updated_at: Nullable(Type.String()),
});
export type Subnet = Static<typeof Subnet>;
/** `{"subnet": Subnet}`. */
export const SubnetBody = Type.Object({ subnet: Subnet });
export type SubnetBody = Static<typeof SubnetBody>;
/** `{"subnets": [...]}` (`subnets_links` only when paginated). */
export const SubnetList = Type.Object({ subnets: Type.Array(Subnet), subnets_links: Type.Optional(Links) });
export type SubnetList = Static<typeof SubnetList>;

const subnetWritable = {
  name: Type.Optional(NeutronString255),
  description: Type.Optional(NeutronString255),
  gateway_ip: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  allocation_pools: Type.Optional(Type.Array(AllocationPool, { maxItems: 64 })),
  enable_dhcp: Type.Optional(Type.Boolean()),
  dns_nameservers: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 16 })),
  host_routes: Type.Optional(Type.Array(HostRoute, { maxItems: 32 })),
};

/** POST /v2.0/subnets (`cidr` is required: there are no subnet pools). */
export const SubnetCreateBody = Type.Object({
  subnet: Type.Object(
    {
      ...subnetWritable,
      network_id: Type.String({ maxLength: 255 }),
      cidr: Type.String({ maxLength: 64 }),
      ip_version: Type.Union([Type.Literal(4), Type.Literal(6)]),
      ipv6_ra_mode: Type.Optional(Type.Null()),
      ipv6_address_mode: Type.Optional(Type.Null()),
      subnetpool_id: Type.Optional(Type.Null()),
      project_id: Type.Optional(NeutronProjectId),
      tenant_id: Type.Optional(NeutronProjectId),
      tags: Type.Optional(NeutronTags),
    },
    { additionalProperties: false },
  ),
});
export type SubnetCreateBody = Static<typeof SubnetCreateBody>;
export type SubnetCreate = SubnetCreateBody['subnet'];

/** PUT /v2.0/subnets/{id}. */
export const SubnetUpdateBody = Type.Object({
  subnet: Type.Object(subnetWritable, { additionalProperties: false }),
});
export type SubnetUpdateBody = Static<typeof SubnetUpdateBody>;
export type SubnetUpdate = SubnetUpdateBody['subnet'];
