import type { OperatingStatus, ProvisioningStatus } from './status.js';

/**
 * Domain records. Field names are the Octavia wire names (snake_case) so that list filters, sorting and
 * field selection work on the same names clients send; the API mappers only add derived fields
 * (`tenant_id`, back-references such as `loadbalancers`, `listeners`, `members`).
 */

/** Columns every load-balancer object carries. */
export interface TrackedRecord {
  id: string;
  project_id: string;
  provisioning_status: ProvisioningStatus;
  operating_status: OperatingStatus;
  admin_state_up: boolean;
  tags: string[];
  created_at: string;
  updated_at: string | null;
}

export interface AdditionalVip {
  subnet_id: string;
  ip_address: string;
  port_id: string;
}

export interface LoadBalancerRecord extends TrackedRecord {
  name: string | null;
  description: string | null;
  vip_address: string;
  vip_port_id: string;
  vip_subnet_id: string;
  vip_network_id: string;
  vip_qos_policy_id: string | null;
  vip_sg_ids: string[];
  vip_vnic_type: 'normal' | 'direct';
  additional_vips: AdditionalVip[];
  provider: string;
  flavor_id: string | null;
  availability_zone: string | null;
  /** Bumped by every mutation of the load balancer or anything under it. */
  desired_revision: number;
  /** Highest revision a driver reported as applied. */
  applied_revision: number;
  /** When the load balancer entered its current PENDING_* status (null when not pending). */
  pending_since: string | null;
  /** Last driver error, shown in logs and the status of ERROR load balancers. */
  last_error: string | null;
}

export type ListenerProtocol = 'HTTP' | 'HTTPS' | 'TCP' | 'TERMINATED_HTTPS' | 'UDP' | 'SCTP' | 'PROMETHEUS';
export type PoolProtocol = 'HTTP' | 'HTTPS' | 'PROXY' | 'PROXYV2' | 'TCP' | 'UDP' | 'SCTP';
export type LbAlgorithm = 'ROUND_ROBIN' | 'LEAST_CONNECTIONS' | 'SOURCE_IP' | 'SOURCE_IP_PORT';
export type HealthMonitorType = 'HTTP' | 'HTTPS' | 'PING' | 'TCP' | 'TLS-HELLO' | 'UDP-CONNECT' | 'SCTP';
export type ClientAuthentication = 'NONE' | 'OPTIONAL' | 'MANDATORY';

export interface ListenerRecord extends TrackedRecord {
  load_balancer_id: string;
  name: string | null;
  description: string | null;
  protocol: ListenerProtocol;
  protocol_port: number;
  connection_limit: number;
  default_pool_id: string | null;
  default_tls_container_ref: string | null;
  sni_container_refs: string[];
  client_ca_tls_container_ref: string | null;
  client_authentication: ClientAuthentication;
  client_crl_container_ref: string | null;
  insert_headers: Record<string, string>;
  timeout_client_data: number;
  timeout_member_connect: number;
  timeout_member_data: number;
  timeout_tcp_inspect: number;
  allowed_cidrs: string[] | null;
  tls_ciphers: string | null;
  tls_versions: string[] | null;
  alpn_protocols: string[] | null;
  hsts_max_age: number | null;
  hsts_include_subdomains: boolean;
  hsts_preload: boolean;
}

export interface SessionPersistence {
  type: 'SOURCE_IP' | 'HTTP_COOKIE' | 'APP_COOKIE';
  cookie_name: string | null;
  persistence_timeout: number | null;
  persistence_granularity: string | null;
}

export interface PoolRecord extends TrackedRecord {
  load_balancer_id: string;
  name: string | null;
  description: string | null;
  protocol: PoolProtocol;
  lb_algorithm: LbAlgorithm;
  session_persistence: SessionPersistence | null;
  tls_enabled: boolean;
  tls_container_ref: string | null;
  ca_tls_container_ref: string | null;
  crl_container_ref: string | null;
  tls_ciphers: string | null;
  tls_versions: string[] | null;
  alpn_protocols: string[] | null;
}

export interface MemberRecord extends TrackedRecord {
  load_balancer_id: string;
  pool_id: string;
  name: string | null;
  address: string;
  protocol_port: number;
  weight: number;
  backup: boolean;
  subnet_id: string | null;
  monitor_address: string | null;
  monitor_port: number | null;
  vnic_type: 'normal' | 'direct';
}

export type L7PolicyAction = 'REDIRECT_TO_POOL' | 'REDIRECT_TO_URL' | 'REDIRECT_PREFIX' | 'REJECT';

/** An L7 policy of a listener (spec §4.6); policies of a listener are numbered 1..N by `position`. */
export interface L7PolicyRecord extends TrackedRecord {
  load_balancer_id: string;
  listener_id: string;
  name: string | null;
  description: string | null;
  action: L7PolicyAction;
  redirect_pool_id: string | null;
  redirect_url: string | null;
  redirect_prefix: string | null;
  redirect_http_code: number | null;
  position: number;
}

export type L7RuleType =
  | 'HOST_NAME'
  | 'PATH'
  | 'FILE_TYPE'
  | 'HEADER'
  | 'COOKIE'
  | 'SSL_CONN_HAS_CERT'
  | 'SSL_VERIFY_RESULT'
  | 'SSL_DN_FIELD';
export type L7CompareType = 'REGEX' | 'STARTS_WITH' | 'ENDS_WITH' | 'CONTAINS' | 'EQUAL_TO';

/** An L7 rule of a policy (spec §4.7); the rules of a policy are ANDed. */
export interface L7RuleRecord extends TrackedRecord {
  load_balancer_id: string;
  l7policy_id: string;
  type: L7RuleType;
  compare_type: L7CompareType;
  key: string | null;
  value: string;
  invert: boolean;
}

export interface HealthMonitorRecord extends TrackedRecord {
  load_balancer_id: string;
  pool_id: string;
  name: string | null;
  type: HealthMonitorType;
  delay: number;
  timeout: number;
  max_retries: number;
  max_retries_down: number;
  http_method: string | null;
  url_path: string | null;
  expected_codes: string | null;
  http_version: number | null;
  domain_name: string | null;
}

/** A Neutron-shaped network of the built-in network model. */
export interface NetworkRecord {
  id: string;
  project_id: string;
  name: string;
  description: string;
  admin_state_up: boolean;
  shared: boolean;
  external: boolean;
  mtu: number;
  /** Absent on rows written before the Neutron CRUD API (true). */
  port_security_enabled?: boolean;
  tags: string[];
  /** Bumped by every update (absent on rows written before the Neutron CRUD API: 0). */
  revision_number?: number;
  created_at: string;
  updated_at: string | null;
}

export interface AllocationPool {
  start: string;
  end: string;
}

export interface SubnetRecord {
  id: string;
  project_id: string;
  network_id: string;
  name: string;
  description: string;
  ip_version: 4 | 6;
  cidr: string;
  gateway_ip: string | null;
  allocation_pools: AllocationPool[];
  enable_dhcp: boolean;
  /** Stored as given; nothing serves DNS or routes (absent on older rows: []). */
  dns_nameservers?: string[];
  host_routes?: HostRoute[];
  tags: string[];
  revision_number?: number;
  created_at: string;
  updated_at: string | null;
}

export interface HostRoute {
  destination: string;
  nexthop: string;
}

export interface FixedIp {
  subnet_id: string;
  ip_address: string;
}

export interface PortRecord {
  id: string;
  project_id: string;
  network_id: string;
  name: string;
  device_owner: string;
  device_id: string;
  fixed_ips: FixedIp[];
  admin_state_up: boolean;
  /** `fa:16:3e:xx:xx:xx`; rows stored before ports had one get one derived from the id on read. */
  mac_address: string;
  /** Neutron attributes kept for the wire (absent on older rows: '', true, [], 0). */
  description?: string;
  port_security_enabled?: boolean;
  tags?: string[];
  revision_number?: number;
  created_at: string;
  updated_at: string | null;
}

/**
 * A Neutron floating IP: an address of an external network (held by an internal port with device_owner
 * `network:floatingip`, so it shares the IPAM of every other port) optionally mapped to a fixed IP of a port.
 */
export interface FloatingIpRecord {
  id: string;
  project_id: string;
  floating_network_id: string;
  floating_subnet_id: string;
  floating_ip_address: string;
  /** The internal port on the external network that holds floating_ip_address. */
  floating_port_id: string;
  port_id: string | null;
  fixed_ip_address: string | null;
  description: string;
  tags: string[];
  revision_number: number;
  created_at: string;
  updated_at: string | null;
}
