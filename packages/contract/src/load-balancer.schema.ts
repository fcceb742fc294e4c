import { Type, type Static } from '@sinclair/typebox';
import {
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
  Uuid,
} from './common.schema.js';
import { ListenerFull, ListenerGraphCreate } from './listener.schema.js';
import { PoolFull, PoolGraphCreate } from './pool.schema.js';
import { Nullable, Opt, StringEnum, Wrapper } from './schema-builders.js';

/** An additional VIP requested on create. */
export const AdditionalVipCreate = Type.Object(
  { subnet_id: Uuid, ip_address: Opt(IpAddress), port_id: Opt(Uuid) },
  { additionalProperties: false },
);
export type AdditionalVipCreate = Static<typeof AdditionalVipCreate>;

/** An additional VIP as returned by the API. */
export const AdditionalVip = Type.Object({
  subnet_id: Type.String(),
  ip_address: Type.String(),
  port_id: Type.String(),
});
export type AdditionalVip = Static<typeof AdditionalVip>;

/**
 * `POST /loadbalancers` inner object (LoadBalancerPOST), including the fully populated graph:
 * `listeners[]` (with `default_pool` and `l7policies[]`) and `pools[]` (with `healthmonitor`, `members[]`).
 */
export const LoadBalancerCreate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    vip_address: Opt(IpAddress),
    vip_port_id: Opt(Uuid),
    vip_subnet_id: Opt(Uuid),
    vip_network_id: Opt(Uuid),
    vip_qos_policy_id: Opt(Uuid),
    vip_sg_ids: Opt(Type.Array(Uuid)),
    additional_vips: Opt(Type.Array(AdditionalVipCreate)),
    project_id: Opt(ProjectId),
    listeners: Opt(Type.Array(ListenerGraphCreate)),
    pools: Opt(Type.Array(PoolGraphCreate)),
    provider: Opt(Type.String({ maxLength: 64 })),
    tags: Opt(Tags),
    flavor_id: Opt(Uuid),
    availability_zone: Opt(Type.String({ maxLength: 255 })),
    tenant_id: Opt(ProjectId),
  },
  { additionalProperties: false },
);
export type LoadBalancerCreate = Static<typeof LoadBalancerCreate>;
/** `{"loadbalancer": LoadBalancerCreate}`. */
export const LoadBalancerCreateBody = Wrapper('loadbalancer', LoadBalancerCreate, 'load_balancer');
export type LoadBalancerCreateBody = Static<typeof LoadBalancerCreateBody>;

/** `PUT /loadbalancers/{id}` inner object (LoadBalancerPUT). */
export const LoadBalancerUpdate = Type.Object(
  {
    name: Opt(Name255),
    description: Opt(Description255),
    admin_state_up: Opt(Type.Boolean()),
    vip_qos_policy_id: Opt(Uuid),
    vip_sg_ids: Opt(Type.Array(Uuid)),
    tags: Opt(Tags),
  },
  { additionalProperties: false },
);
export type LoadBalancerUpdate = Static<typeof LoadBalancerUpdate>;
/** `{"loadbalancer": LoadBalancerUpdate}`. */
export const LoadBalancerUpdateBody = Wrapper('loadbalancer', LoadBalancerUpdate, 'load_balancer');
export type LoadBalancerUpdateBody = Static<typeof LoadBalancerUpdateBody>;

/** Response properties shared by the reference and the full (create) view. */
const loadBalancerProperties = {
  id: Type.String(),
  name: Type.String(),
  description: Type.String(),
  admin_state_up: Type.Boolean(),
  project_id: Type.String(),
  provisioning_status: ProvisioningStatus,
  operating_status: OperatingStatus,
  vip_address: Type.String(),
  vip_port_id: Type.String(),
  vip_subnet_id: Type.String(),
  vip_network_id: Type.String(),
  vip_qos_policy_id: Nullable(Type.String()),
  vip_sg_ids: Type.Array(Type.String()),
  vip_vnic_type: StringEnum(['normal', 'direct']),
  additional_vips: Type.Array(AdditionalVip),
  provider: Type.String(),
  flavor_id: Nullable(Type.String()),
  availability_zone: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  created_at: Timestamp,
  updated_at: Nullable(Timestamp),
  tenant_id: Type.String(),
};

/** A load balancer as returned by GET/PUT/list (reference view: `listeners`/`pools` are `[{id}]`). */
export const LoadBalancer = Type.Object({ ...loadBalancerProperties, listeners: IdRefs, pools: IdRefs });
export type LoadBalancer = Static<typeof LoadBalancer>;
/** The load balancer returned by POST (full view: nested listener and pool objects). */
export const LoadBalancerFull = Type.Object({
  ...loadBalancerProperties,
  listeners: Type.Array(ListenerFull),
  pools: Type.Array(PoolFull),
});
export type LoadBalancerFull = Static<typeof LoadBalancerFull>;
/** `{"loadbalancer": LoadBalancer}`. */
export const LoadBalancerBody = Type.Object({ loadbalancer: LoadBalancer });
export type LoadBalancerBody = Static<typeof LoadBalancerBody>;
/** `{"loadbalancer": LoadBalancerFull}` — the 201 body of a create. */
export const LoadBalancerFullBody = Type.Object({ loadbalancer: LoadBalancerFull });
export type LoadBalancerFullBody = Static<typeof LoadBalancerFullBody>;
/** `{"loadbalancers": [...], "loadbalancers_links": [...]}`. */
export const LoadBalancerList = Type.Object({
  loadbalancers: Type.Array(LoadBalancer),
  loadbalancers_links: Links,
});
export type LoadBalancerList = Static<typeof LoadBalancerList>;
