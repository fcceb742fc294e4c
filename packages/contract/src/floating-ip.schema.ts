import { Type, type Static } from '@sinclair/typebox';
import { Links } from './common.schema.js';
import { NeutronProjectId, NeutronString255, NeutronTags } from './network.schema.js';
import { Nullable, StringEnum } from './schema-builders.js';

/** `port_details` of an associated floating IP (extension fip-port-details). */
export const FloatingIpPortDetails = Type.Object({
  name: Type.String(),
  network_id: Type.String(),
  mac_address: Type.String(),
  admin_state_up: Type.Boolean(),
  status: Type.String(),
  device_id: Type.String(),
  device_owner: Type.String(),
});

/** A Neutron floating IP. */
export const FloatingIp = Type.Object({
  id: Type.String(),
  floating_ip_address: Type.String(),
  floating_network_id: Type.String(),
  router_id: Type.Null(),
  port_id: Nullable(Type.String()),
  fixed_ip_address: Nullable(Type.String()),
  status: StringEnum(['ACTIVE', 'DOWN', 'ERROR']),
  tenant_id: Type.String(),
  project_id: Type.String(),
  description: Type.String(),
  tags: Type.Array(Type.String()),
  port_details: Nullable(FloatingIpPortDetails),
  dns_domain: Type.String(),
  dns_name: Type.String(),
  qos_policy_id: Type.Null(),
  revision_number: Type.Integer(),
  created_at: Type.String(),
  updated_at: Nullable(Type.String()),
});
export type FloatingIp = Static<typeof FloatingIp>;
/** `{"floatingips": [...]}`. */
export const FloatingIpList = Type.Object({
  floatingips: Type.Array(FloatingIp),
  floatingips_links: Type.Optional(Links),
});

/** POST /v2.0/floatingips. */
export const FloatingIpCreateBody = Type.Object({
  floatingip: Type.Object(
    {
      floating_network_id: Type.String({ maxLength: 255 }),
      floating_ip_address: Type.Optional(Type.String({ maxLength: 64 })),
      subnet_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
      port_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
      fixed_ip_address: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      description: Type.Optional(NeutronString255),
      project_id: Type.Optional(NeutronProjectId),
      tenant_id: Type.Optional(NeutronProjectId),
      tags: Type.Optional(NeutronTags),
      // No DNS integration or QoS: only the empty values are accepted.
      dns_domain: Type.Optional(Type.String({ maxLength: 0 })),
      dns_name: Type.Optional(Type.String({ maxLength: 0 })),
      qos_policy_id: Type.Optional(Type.Null()),
    },
    { additionalProperties: false },
  ),
});
export type FloatingIpCreateBody = Static<typeof FloatingIpCreateBody>;
export type FloatingIpCreate = FloatingIpCreateBody['floatingip'];

/** PUT /v2.0/floatingips/{id}: associate (`port_id`), disassociate (`port_id: null`), describe. */
export const FloatingIpUpdateBody = Type.Object({
  floatingip: Type.Object(
    {
      port_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
      fixed_ip_address: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
      description: Type.Optional(NeutronString255),
      qos_policy_id: Type.Optional(Type.Null()),
    },
    { additionalProperties: false },
  ),
});
export type FloatingIpUpdateBody = Static<typeof FloatingIpUpdateBody>;
export type FloatingIpUpdate = FloatingIpUpdateBody['floatingip'];
