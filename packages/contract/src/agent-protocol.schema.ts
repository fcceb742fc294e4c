import { Type, type Static } from '@sinclair/typebox';
import { Nullable, Opt, StringEnum } from './schema-builders.js';

// The agent protocol: HTTP JSON on the server's own port under /agent/v1, admin-only. The agent pulls
// (register, long-poll assignments, fetch configs) and pushes reports; the server never connects to an
// agent, so agents behind NAT or on hosts the server cannot reach work unchanged.

/** URL prefix of the agent protocol. */
export const AGENT_API_PREFIX = '/agent/v1';
/** Upper bound of a long-poll's `wait_ms`. */
export const MAX_ASSIGNMENT_WAIT_MS = 30_000;

const AgentId = Type.String({ format: 'uuid' });
const Counter = Type.Integer({ minimum: 0 });

/** `POST /agent/v1/agents` body: register (or re-register) an agent; counts as a heartbeat. */
export const AgentRegisterBody = Type.Object(
  {
    agent: Type.Object(
      {
        id: AgentId,
        host: Type.String({ minLength: 1, maxLength: 255 }),
        base_dir: Type.String({ minLength: 2, maxLength: 1024, pattern: '^/' }),
        maxconn: Type.Integer({ minimum: 1 }),
        version: Type.String({ maxLength: 64 }),
      },
      { additionalProperties: false },
    ),
  },
  { wsmeArg: 'agent', additionalProperties: false },
);
export type AgentRegisterBody = Static<typeof AgentRegisterBody>;

/** Answer to a registration: the agent as stored plus the liveness timing the server applies to it. */
export const AgentRegisterResponse = Type.Object({
  agent: Type.Object({
    ...AgentRegisterBody.properties.agent.properties,
    /** Report at least this often (stats reports double as heartbeats). */
    heartbeat_interval_ms: Type.Integer(),
    /** Without a heartbeat for this long the agent gets no new load balancers. */
    dead_after_ms: Type.Integer(),
  }),
});
export type AgentRegisterResponse = Static<typeof AgentRegisterResponse>;

/** One load balancer assigned to an agent, at the revision and config hash it should run. */
export const AssignmentEntry = Type.Object({
  id: Type.String(),
  revision: Type.Integer(),
  hash: Type.String(),
  /** True when the agent must remove it (and then report it in `removed`). */
  deleted: Type.Boolean(),
});
export type AssignmentEntry = Static<typeof AssignmentEntry>;

/** `GET /agent/v1/agents/{id}/assignments`: the agent's FULL assignment list (level-triggered). */
export const AssignmentsResponse = Type.Object({
  /** Bumped on every change of the agent's assignments; pass it back as `after`. */
  generation: Type.Integer(),
  load_balancers: Type.Array(AssignmentEntry),
});
export type AssignmentsResponse = Static<typeof AssignmentsResponse>;

/** A floating IP that must reach the VIP: DNAT/SNAT between the external network's bridge and the VIP. */
export const AgentFloatingIp = Type.Object({
  id: Type.String(),
  /** The public address (IPv4; Neutron has no IPv6 floating IPs). */
  address: Type.String(),
  /** The external network (its bridge is `brq` + the first 11 characters of this id). */
  network_id: Type.String(),
  /** CIDR and gateway of the external subnet the address belongs to. */
  cidr: Type.String(),
  gateway_ip: Nullable(Type.String()),
  mtu: Type.Integer(),
});
export type AgentFloatingIp = Static<typeof AgentFloatingIp>;

/**
 * Where a load balancer's VIP lives, as the agent must plumb it (DESIGN.md §4). The agent's networking
 * mode decides how: `loopback` serves only the built-in loopback network, `host` puts the VIP on a host
 * interface, `netns` builds namespace `qlbaas-<lb-id>` on the network's bridge. Part of the placement hash:
 * a floating IP associated or released re-plans the load balancer without a new revision.
 */
export const AgentNetworkPlan = Type.Object({
  vip: Type.Object({
    address: Type.String(),
    ip_version: Type.Union([Type.Literal(4), Type.Literal(6)]),
    port_id: Type.String(),
    /** The VIP port's MAC (Neutron style fa:16:3e:…), given to the namespace end of the veth. */
    mac_address: Type.String(),
    network_id: Type.String(),
    subnet_id: Type.String(),
    cidr: Type.String(),
    gateway_ip: Nullable(Type.String()),
    mtu: Type.Integer(),
    /** True for the built-in loopback network: the VIP stays on `lo` in every mode. */
    loopback: Type.Boolean(),
  }),
  floating_ips: Type.Array(AgentFloatingIp),
});
export type AgentNetworkPlan = Static<typeof AgentNetworkPlan>;

/**
 * A file haproxy.cfg refers to (certificates, CA bundles, CRLs, crt-lists), written by the agent under the
 * load balancer's directory with mode 0600. `name` is relative to that directory: `tls/<[A-Za-z0-9._-]+>`.
 */
export const AgentConfigFile = Type.Object({
  name: Type.String({ pattern: '^tls/[A-Za-z0-9._-]+$', maxLength: 200 }),
  kind: Type.Union([
    Type.Literal('crt-list'),
    Type.Literal('certificate'),
    Type.Literal('ca'),
    Type.Literal('crl'),
  ]),
  content: Type.String(),
});
export type AgentConfigFile = Static<typeof AgentConfigFile>;

/** `GET /agent/v1/agents/{id}/load-balancers/{lb_id}/config`; `hash` covers haproxy_cfg, files and network. */
export const AgentConfigResponse = Type.Object({
  config: Type.Object({
    load_balancer_id: Type.String(),
    revision: Type.Integer(),
    hash: Type.String(),
    haproxy_cfg: Type.String(),
    /** Sorted by name; empty without TLS. */
    files: Type.Array(AgentConfigFile),
    network: AgentNetworkPlan,
  }),
});
export type AgentConfigResponse = Static<typeof AgentConfigResponse>;

/** One row of HAProxy's `show stat`, as the agent sends it. */
export const AgentStatRow = Type.Object(
  {
    pxname: Type.String(),
    svname: Type.String(),
    type: StringEnum(['frontend', 'backend', 'server', 'listener'] as const),
    status: Type.String(),
    scur: Counter,
    // Optional because the validator treats null in a required attribute as missing (WSME's quirk).
    slim: Opt(Counter),
    stot: Counter,
    bin: Counter,
    bout: Counter,
    ereq: Counter,
    weight: Counter,
    checkStatus: Type.String(),
  },
  { additionalProperties: false },
);
export type AgentStatRow = Static<typeof AgentStatRow>;

/** Outcome of applying one (revision, hash) of a load balancer. */
export const AppliedEntry = Type.Object(
  {
    load_balancer_id: AgentId,
    revision: Type.Integer({ minimum: 0 }),
    hash: Type.String({ minLength: 1, maxLength: 128 }),
    ok: Type.Boolean(),
    error: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type AppliedEntry = Static<typeof AppliedEntry>;

/** `POST /agent/v1/agents/{id}/reports` body (answered 204); counts as a heartbeat. */
export const AgentReportBody = Type.Object(
  {
    report: Type.Object(
      {
        applied: Type.Optional(Type.Array(AppliedEntry)),
        removed: Type.Optional(Type.Array(AgentId)),
        load_balancers: Type.Optional(
          Type.Array(
            Type.Object(
              { load_balancer_id: AgentId, stats: Type.Array(AgentStatRow) },
              { additionalProperties: false },
            ),
          ),
        ),
      },
      { additionalProperties: false },
    ),
  },
  { wsmeArg: 'report', additionalProperties: false },
);
export type AgentReportBody = Static<typeof AgentReportBody>;
