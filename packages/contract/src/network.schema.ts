import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { Nullable, StringEnum } from './schema-builders.js';

// Neutron-shaped views of the built-in network model: just the fields the openstack/neutron CLIs read
// when resolving `--vip-subnet-id` / `--vip-network-id` and when listing networks and subnets.

/** A Neutron network. */
export const Network = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  tenant_id: Type.String(),
  project_id: Type.String(),
  status: StringEnum(['ACTIVE', 'DOWN', 'BUILD', 'ERROR']),
  subnets: Type.Array(Type.String()),
  admin_state_up: Type.Boolean(),
  shared: Type.Boolean(),
  'router:external': Type.Boolean(),
  mtu: Type.Integer(),
  tags: Type.Array(Type.String()),
  created_at: Type.String(),
  updated_at: Nullable(Type.String()),
});
export type Network = Static<typeof Network>;
/** `{"network": Network}`. */
export const NetworkBody = Type.Object({ network: Network });
export type NetworkBody = Static<typeof NetworkBody>;
/** `{"networks": [...]}` (`networks_links` only when paginated). */
export const NetworkList = Type.Object({
  networks: Type.Array(Network),
  networks_links: Type.Optional(Links),
});
export type NetworkList = Static<typeof NetworkList>;

/** One allocation pool of a subnet. */
export const AllocationPool = Type.Object({ start: Type.String(), end: Type.String() });
export type AllocationPool = Static<typeof AllocationPool>;

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
  tags: Type.Array(Type.String()),
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
