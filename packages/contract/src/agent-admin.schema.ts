import { Type, type Static } from '@sinclair/typebox';
import { Wrapper } from './schema-builders.js';

// The operators' view of the agents, under the agent protocol's prefix (AGENT_API_PREFIX), admin-only:
// `GET /agents`, `GET /agents/{id}`, `PUT /agents/{id}`. `admin_state_up: false` is a drain switch (like
// `openstack network agent set --disable`): the agent gets no new load balancers, keeps the ones it runs.

/** One agent as an operator sees it. */
export const AgentView = Type.Object({
  id: Type.String(),
  host: Type.String(),
  /** Heard from within the server's dead-after window. */
  alive: Type.Boolean(),
  /** False: the agent is disabled and gets no new load balancers. */
  admin_state_up: Type.Boolean(),
  /** Ids of the load balancers placed on it (those being removed excluded), sorted. */
  load_balancers: Type.Array(Type.String()),
  version: Type.String(),
  base_dir: Type.String(),
  maxconn: Type.Integer(),
  /** ISO-8601 timestamp (with milliseconds) of the last heartbeat. */
  last_seen: Type.String(),
  created_at: Type.String(),
});
export type AgentView = Static<typeof AgentView>;

/** `GET /agent/v1/agents`: every agent, ordered by host then id. */
export const AgentListResponse = Type.Object({ agents: Type.Array(AgentView) });
export type AgentListResponse = Static<typeof AgentListResponse>;

/** `GET /agent/v1/agents/{id}` and the answer to `PUT /agent/v1/agents/{id}`. */
export const AgentShowResponse = Type.Object({ agent: AgentView });
export type AgentShowResponse = Static<typeof AgentShowResponse>;

/** `PUT /agent/v1/agents/{id}` body: enable or disable (drain) an agent. */
export const AgentUpdateBody = Wrapper(
  'agent',
  Type.Object({ admin_state_up: Type.Boolean() }, { additionalProperties: false }),
  'agent',
);
export type AgentUpdateBody = Static<typeof AgentUpdateBody>;
