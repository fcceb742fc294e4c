// The golden-file scenarios of the HAProxy renderer (see golden.test.ts); the *fixtures.ts suffix keeps
// this file out of the build.
import type { DesiredState } from '../plan/load-balancer-tree.js';
import { desired, lb, listener, member, monitor, pool, uuid } from './render-fixtures.js';

const TCP_HM = { type: 'TCP', http_method: null, url_path: null, expected_codes: null } as const;
const NO_HTTP = { ...TCP_HM, http_version: null, domain_name: null } as const;

/** Golden scenarios by file name (without `.cfg`). */
export const GOLDEN_SCENARIOS: Readonly<Record<string, DesiredState>> = {
  'http-roundrobin-2-members-http-hm': desired({
    listeners: [
      listener(1, {
        insert_headers: {
          'X-Forwarded-For': 'true',
          'X-Forwarded-Port': 'true',
          'X-Forwarded-Proto': 'True',
        },
      }),
    ],
    pools: [pool(1)],
    members: [member(2, { weight: 2 }), member(1)],
    healthMonitors: [monitor(1)],
  }),
  'tcp-source-ip-persistence': desired({
    loadBalancer: lb({ vip_address: '192.0.2.100' }),
    listeners: [
      listener(1, {
        protocol: 'TCP',
        protocol_port: 5432,
        connection_limit: 2000,
        timeout_client_data: 3600000,
        timeout_member_data: 3600000,
      }),
    ],
    pools: [
      pool(1, {
        protocol: 'TCP',
        lb_algorithm: 'SOURCE_IP',
        session_persistence: {
          type: 'SOURCE_IP',
          cookie_name: null,
          persistence_timeout: null,
          persistence_granularity: null,
        },
      }),
    ],
    members: [
      member(1, { address: '10.0.3.41', protocol_port: 5432 }),
      member(2, { address: '10.0.3.42', protocol_port: 5432 }),
    ],
    healthMonitors: [monitor(1, { ...NO_HTTP, delay: 5, timeout: 5, max_retries: 3 })],
  }),
  'https-passthrough-tls-hello': desired({
    loadBalancer: lb({ additional_vips: [{ subnet_id: 's6', ip_address: '2001:db8::10', port_id: 'p6' }] }),
    listeners: [listener(1, { protocol: 'HTTPS', protocol_port: 443, timeout_tcp_inspect: 3000 })],
    pools: [pool(1, { protocol: 'HTTPS', lb_algorithm: 'SOURCE_IP' })],
    members: [member(1, { address: '2001:db8::21', protocol_port: 443 }), member(2, { protocol_port: 443 })],
    healthMonitors: [monitor(1, { ...NO_HTTP, type: 'TLS-HELLO' })],
  }),
  'http-cookie-and-app-cookie': desired({
    listeners: [
      listener(1, { default_pool_id: uuid('p', 1) }),
      listener(2, { protocol_port: 8080, default_pool_id: uuid('p', 2) }),
    ],
    pools: [
      pool(1, {
        session_persistence: {
          type: 'HTTP_COOKIE',
          cookie_name: null,
          persistence_timeout: null,
          persistence_granularity: null,
        },
      }),
      pool(2, {
        session_persistence: {
          type: 'APP_COOKIE',
          cookie_name: 'JSESSIONID',
          persistence_timeout: null,
          persistence_granularity: null,
        },
      }),
    ],
    members: [
      member(1),
      member(2),
      member(3, { pool_id: uuid('p', 2) }),
      member(4, { pool_id: uuid('p', 2) }),
    ],
  }),
  'leastconn-backup-weight0-disabled': desired({
    listeners: [listener(1)],
    pools: [pool(1, { lb_algorithm: 'LEAST_CONNECTIONS' })],
    members: [
      member(1),
      member(2, { backup: true }),
      member(3, { weight: 0 }),
      member(4, { admin_state_up: false }),
    ],
    healthMonitors: [monitor(1, { ...NO_HTTP, delay: 10, timeout: 5, max_retries: 3 })],
  }),
  'proxy-and-proxyv2-pools': desired({
    listeners: [
      listener(1, { default_pool_id: uuid('p', 1) }),
      listener(2, { protocol: 'TCP', protocol_port: 9000, default_pool_id: uuid('p', 2) }),
    ],
    pools: [pool(1, { protocol: 'PROXY' }), pool(2, { protocol: 'PROXYV2' })],
    members: [member(1), member(2, { pool_id: uuid('p', 2), protocol_port: 9000 })],
  }),
  'insert-headers-allowed-cidrs-timeouts': desired({
    listeners: [
      listener(1, {
        connection_limit: 10000,
        insert_headers: {
          'X-Forwarded-For': 'true',
          'X-Forwarded-Port': 'false',
          'X-Forwarded-Proto': 'true',
          'X-Forwarded-IP': 'true',
          'X-Client-IP': 'true',
          'X-Real-IP': 'TRUE',
        },
        allowed_cidrs: ['192.168.0.0/16', '10.0.0.0/8', '10.1.2.3/8'],
        timeout_client_data: 20000,
        timeout_member_connect: 1500,
        timeout_member_data: 0,
        timeout_tcp_inspect: 100,
      }),
    ],
    pools: [pool(1)],
    members: [member(1)],
  }),
  'lb-admin-down': desired({
    loadBalancer: lb({ admin_state_up: false }),
    listeners: [listener(1)],
    pools: [pool(1)],
    members: [member(1)],
    healthMonitors: [monitor(1)],
  }),
  'listener-disabled': desired({
    listeners: [
      listener(1, { admin_state_up: false }),
      listener(2, { protocol: 'TCP', protocol_port: 81, default_pool_id: uuid('p', 2) }),
    ],
    pools: [pool(1), pool(2, { protocol: 'TCP', admin_state_up: false })],
    members: [member(1), member(2, { pool_id: uuid('p', 2) })],
    healthMonitors: [monitor(1, { admin_state_up: false })],
  }),
  'ping-monitor': desired({
    listeners: [listener(1)],
    pools: [pool(1)],
    members: [member(1, { monitor_address: '10.0.9.1', monitor_port: 81 }), member(2)],
    healthMonitors: [
      monitor(1, { ...NO_HTTP, type: 'PING', delay: 2, timeout: 1, max_retries: 2, max_retries_down: 2 }),
    ],
  }),
  'source-ip-port': desired({
    listeners: [listener(1, { protocol: 'TCP', protocol_port: 3306 })],
    pools: [pool(1, { protocol: 'TCP', lb_algorithm: 'SOURCE_IP_PORT' })],
    members: [member(1, { protocol_port: 3306 }), member(2, { protocol_port: 3306 })],
    healthMonitors: [
      monitor(1, {
        type: 'HTTPS',
        http_method: 'HEAD',
        url_path: '/x?y=1',
        expected_codes: '200, 302,301',
        http_version: 1.0,
        domain_name: null,
      }),
    ],
  }),
  'multiple-listeners-shared-pool': desired({
    listeners: [
      listener(2, { protocol_port: 8080, connection_limit: 100 }),
      listener(1, { protocol_port: 80 }),
      listener(3, {
        protocol: 'TCP',
        protocol_port: 9090,
        allowed_cidrs: ['2001:db8::/32', '198.51.100.0/24'],
      }),
    ],
    loadBalancer: lb({
      additional_vips: [{ subnet_id: 's6', ip_address: '2001:DB8:0:0::10', port_id: 'p6' }],
    }),
    pools: [pool(1)],
    members: [
      member(3, { address: '10.0.0.2' }),
      member(1, { address: '10.0.0.10' }),
      member(2, { address: '10.0.0.10', protocol_port: 80 }),
    ],
    healthMonitors: [
      monitor(1, { expected_codes: '200', http_version: null, domain_name: null, url_path: '/' }),
    ],
  }),
};
