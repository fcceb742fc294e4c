import type {
  ClientAuthentication,
  HealthMonitorType,
  LbAlgorithm,
  ListenerProtocol,
  PoolProtocol,
  SessionPersistence,
} from './records.js';

/**
 * Wire-shaped request bodies as the domain rules receive them, after schema validation and coercion.
 * Every field is optional (key absent) and nullable (JSON null), because PUT gives the two different
 * meanings ("keep" vs "reset/clear") and the rules have to see the difference.
 */

/** `session_persistence` object of a pool POST/PUT. */
export interface SessionPersistenceInput {
  type?: SessionPersistence['type'] | null;
  cookie_name?: string | null;
  persistence_timeout?: number | null;
  persistence_granularity?: string | null;
}

/** Listener fields accepted by both POST and PUT. */
export interface ListenerUpdateInput {
  name?: string | null;
  description?: string | null;
  admin_state_up?: boolean | null;
  connection_limit?: number | null;
  default_pool_id?: string | null;
  default_tls_container_ref?: string | null;
  sni_container_refs?: string[] | null;
  client_ca_tls_container_ref?: string | null;
  client_authentication?: ClientAuthentication | null;
  client_crl_container_ref?: string | null;
  insert_headers?: Record<string, string> | null;
  timeout_client_data?: number | null;
  timeout_member_connect?: number | null;
  timeout_member_data?: number | null;
  timeout_tcp_inspect?: number | null;
  allowed_cidrs?: string[] | null;
  tls_ciphers?: string | null;
  tls_versions?: string[] | null;
  alpn_protocols?: string[] | null;
  hsts_max_age?: number | null;
  hsts_include_subdomains?: boolean | null;
  hsts_preload?: boolean | null;
  tags?: string[] | null;
}

/** Body of POST /listeners. */
export interface ListenerCreateInput extends ListenerUpdateInput {
  loadbalancer_id?: string | null;
  protocol?: ListenerProtocol | null;
  protocol_port?: number | null;
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}

/** Pool fields accepted by both POST and PUT. */
export interface PoolUpdateInput {
  name?: string | null;
  description?: string | null;
  admin_state_up?: boolean | null;
  lb_algorithm?: LbAlgorithm | null;
  session_persistence?: SessionPersistenceInput | null;
  tls_enabled?: boolean | null;
  tls_container_ref?: string | null;
  ca_tls_container_ref?: string | null;
  crl_container_ref?: string | null;
  tls_ciphers?: string | null;
  tls_versions?: string[] | null;
  alpn_protocols?: string[] | null;
  tags?: string[] | null;
}

/** Body of POST /pools. */
export interface PoolCreateInput extends PoolUpdateInput {
  loadbalancer_id?: string | null;
  listener_id?: string | null;
  protocol?: PoolProtocol | null;
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}

/** Member fields accepted by both POST and PUT. */
export interface MemberUpdateInput {
  name?: string | null;
  weight?: number | null;
  backup?: boolean | null;
  admin_state_up?: boolean | null;
  monitor_address?: string | null;
  monitor_port?: number | null;
  tags?: string[] | null;
}

/** Body of POST /pools/{id}/members, and one item of the batch PUT. */
export interface MemberCreateInput extends MemberUpdateInput {
  address?: string | null;
  protocol_port?: number | null;
  subnet_id?: string | null;
  request_sriov?: boolean | null;
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}

/** Health-monitor fields accepted by both POST and PUT. */
export interface HealthMonitorUpdateInput {
  name?: string | null;
  delay?: number | null;
  timeout?: number | null;
  max_retries?: number | null;
  max_retries_down?: number | null;
  http_method?: string | null;
  url_path?: string | null;
  expected_codes?: string | null;
  http_version?: number | null;
  domain_name?: string | null;
  admin_state_up?: boolean | null;
  tags?: string[] | null;
}

/** Body of POST /healthmonitors. */
export interface HealthMonitorCreateInput extends HealthMonitorUpdateInput {
  pool_id?: string | null;
  type?: HealthMonitorType | null;
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}
