// The golden-file scenarios of the HAProxy renderer (see golden.test.ts); the *fixtures.ts suffix keeps
// this file out of the build.
import type { DesiredState } from '../plan/load-balancer-tree.js';
import {
  TLS_REFS,
  desired,
  lb,
  listener,
  member,
  monitor,
  policy,
  pool,
  rule,
  uuid,
} from './render-fixtures.js';

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
  // Position order across mixed actions; a redirect pool that is not a default pool gets its own backend;
  // disabled policies, policies without enabled rules and redirects to disabled pools are left out.
  'l7-mixed-actions-positions': desired({
    listeners: [listener(1)],
    pools: [pool(1), pool(2, { lb_algorithm: 'LEAST_CONNECTIONS' }), pool(3, { admin_state_up: false })],
    members: [member(1), member(2, { pool_id: uuid('p', 2), address: '10.0.2.31' })],
    healthMonitors: [monitor(2)],
    l7Policies: [
      policy(8, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 1) }),
      policy(4, { action: 'REDIRECT_PREFIX', redirect_prefix: 'https://legacy.example.com' }),
      policy(1, {
        action: 'REDIRECT_TO_URL',
        redirect_url: 'https://www.example.com/',
        redirect_http_code: 301,
      }),
      policy(3, { action: 'REJECT' }),
      policy(2, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
      policy(5, { admin_state_up: false }),
      policy(6),
      policy(7, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 3) }),
    ],
    l7Rules: [
      rule(1, 1, { type: 'HOST_NAME', compare_type: 'EQUAL_TO', value: 'old.example.com' }),
      rule(2, 2, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/api/' }),
      rule(3, 2, { type: 'HEADER', compare_type: 'REGEX', key: 'X-Api-Version', value: '^v[23]$' }),
      rule(4, 3, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/admin' }),
      rule(5, 3, { type: 'COOKIE', compare_type: 'EQUAL_TO', key: 'session', value: 'ok', invert: true }),
      rule(6, 4, { type: 'FILE_TYPE', compare_type: 'EQUAL_TO', value: '.php' }),
      rule(7, 5, { value: '/disabled-policy' }),
      rule(8, 6, { value: '/disabled-rule', admin_state_up: false }),
      rule(9, 7, { value: '/disabled-pool' }),
      rule(10, 8, { type: 'HOST_NAME', compare_type: 'ENDS_WITH', value: '.internal' }),
    ],
  }),
  // Every rule type and compare type, hostile values, no default pool (only the redirect pool's backend).
  'l7-every-rule-type': desired({
    listeners: [listener(1, { default_pool_id: null })],
    pools: [pool(2)],
    members: [member(1, { pool_id: uuid('p', 2) })],
    l7Policies: [
      policy(1, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) }),
      policy(2, {
        action: 'REDIRECT_TO_URL',
        redirect_url: 'https://x.example/a%20b?q=$HOME#frag',
        redirect_http_code: 308,
      }),
      policy(3, {
        action: 'REDIRECT_PREFIX',
        redirect_prefix: 'https://p.example/%[src]',
        redirect_http_code: 303,
      }),
      policy(4, { action: 'REJECT' }),
      policy(5, {
        action: 'REDIRECT_TO_URL',
        redirect_url: 'https://ü.example/日本',
        redirect_http_code: 307,
      }),
    ],
    l7Rules: [
      rule(1, 1, { type: 'HOST_NAME', compare_type: 'REGEX', value: '^(www\\.)?example\\.com(:[0-9]+)?$' }),
      rule(2, 1, { type: 'HOST_NAME', compare_type: 'STARTS_WITH', value: 'www.' }),
      rule(3, 1, { type: 'HOST_NAME', compare_type: 'ENDS_WITH', value: '.com' }),
      rule(4, 1, { type: 'HOST_NAME', compare_type: 'CONTAINS', value: 'example', invert: true }),
      rule(5, 1, { type: 'HOST_NAME', compare_type: 'EQUAL_TO', value: 'example.com' }),
      rule(6, 2, { type: 'PATH', compare_type: 'REGEX', value: '^/a\\d+ b"c"#d$' }),
      rule(7, 2, { type: 'PATH', compare_type: 'STARTS_WITH', value: '/a#b' }),
      rule(8, 2, { type: 'PATH', compare_type: 'ENDS_WITH', value: '/a b' }),
      rule(9, 2, { type: 'PATH', compare_type: 'CONTAINS', value: '"x"' }),
      rule(10, 2, { type: 'PATH', compare_type: 'EQUAL_TO', value: '-i' }),
      rule(11, 3, { type: 'FILE_TYPE', compare_type: 'EQUAL_TO', value: '.jpg' }),
      rule(12, 3, { type: 'FILE_TYPE', compare_type: 'REGEX', value: '\\.(png|gif)$' }),
      rule(13, 3, {
        type: 'HEADER',
        compare_type: 'CONTAINS',
        key: 'X-Weird#$%',
        value: '%[src] ${HOME} \\',
      }),
      rule(14, 3, { type: 'COOKIE', compare_type: 'ENDS_WITH', key: 'sess', value: 'é€😀', invert: true }),
      rule(15, 4, { type: 'SSL_CONN_HAS_CERT', compare_type: 'EQUAL_TO', value: 'true', invert: true }),
      rule(16, 4, { type: 'SSL_VERIFY_RESULT', compare_type: 'EQUAL_TO', value: '0' }),
      rule(17, 4, { type: 'SSL_DN_FIELD', compare_type: 'EQUAL_TO', key: 'CN', value: 'client one' }),
      rule(18, 4, { type: 'SSL_DN_FIELD', compare_type: 'REGEX', key: 'OU', value: '^(ops|dev)$' }),
      rule(19, 5, { type: 'HEADER', compare_type: 'STARTS_WITH', key: 'X-Api', value: 'a#b' }),
      rule(20, 5, { type: 'COOKIE', compare_type: 'REGEX', key: 'c#1', value: '^[a-z]+$' }),
    ],
  }),
};

const ALL_SSL_HEADERS = Object.fromEntries(
  [
    'X-Forwarded-For',
    'X-Forwarded-Port',
    'X-Forwarded-Proto',
    'X-SSL-Client-Verify',
    'X-SSL-Client-Has-Cert',
    'X-SSL-Client-DN',
    'X-SSL-Client-CN',
    'X-SSL-Issuer',
    'X-SSL-Client-SHA1',
    'X-SSL-Client-Not-Before',
    'X-SSL-Client-Not-After',
  ].map((h) => [h, 'true']),
);

/**
 * TLS golden scenarios (golden/tls/<name>.cfg + <name>.files), rendered with GOLDEN_TLS_ENV. They live in a
 * sub-directory because `haproxy -c` needs the referenced PEM files to exist: tls-termination.test.ts
 * writes real ones from a test PKI and checks these there.
 */
export const TLS_GOLDEN_SCENARIOS: Readonly<Record<string, DesiredState>> = {
  'tls-terminated-sni-mtls-hsts-reencrypt': desired({
    loadBalancer: lb({ additional_vips: [{ subnet_id: 's6', ip_address: '2001:db8::10', port_id: 'p6' }] }),
    listeners: [
      listener(1, {
        protocol: 'TERMINATED_HTTPS',
        protocol_port: 443,
        connection_limit: 10000,
        default_tls_container_ref: TLS_REFS.default,
        // The default appears again among the SNI refs: the crt-list names it once.
        sni_container_refs: [TLS_REFS.sniB, TLS_REFS.default, TLS_REFS.sniA],
        client_ca_tls_container_ref: TLS_REFS.clientCa,
        client_authentication: 'MANDATORY',
        client_crl_container_ref: TLS_REFS.clientCrl,
        tls_ciphers:
          'TLS_AES_256_GCM_SHA384:ECDHE-ECDSA-AES256-GCM-SHA384:TLS_CHACHA20_POLY1305_SHA256:ECDHE-RSA-AES256-GCM-SHA384',
        hsts_max_age: 31536000,
        hsts_include_subdomains: true,
        hsts_preload: true,
        insert_headers: ALL_SSL_HEADERS,
      }),
    ],
    pools: [
      pool(1, {
        lb_algorithm: 'LEAST_CONNECTIONS',
        tls_enabled: true,
        tls_container_ref: TLS_REFS.poolCert,
        ca_tls_container_ref: TLS_REFS.poolCa,
        crl_container_ref: TLS_REFS.poolCrl,
        alpn_protocols: ['h2', 'http/1.1'],
        tls_ciphers: 'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256',
      }),
      pool(2, { protocol: 'PROXYV2' }),
    ],
    members: [
      member(1, { address: '10.0.2.31', protocol_port: 8443, monitor_port: 8444 }),
      member(2, { address: '10.0.2.32', protocol_port: 8443 }),
      member(3, { pool_id: uuid('p', 2), address: '10.0.3.1', protocol_port: 443 }),
    ],
    healthMonitors: [
      monitor(1, {
        type: 'HTTPS',
        url_path: '/status',
        expected_codes: '200',
        delay: 10,
        timeout: 5,
        max_retries: 3,
      }),
    ],
    l7Policies: [policy(1, { action: 'REDIRECT_TO_POOL', redirect_pool_id: uuid('p', 2) })],
    l7Rules: [
      rule(1, 1, { type: 'SSL_DN_FIELD', compare_type: 'EQUAL_TO', key: 'CN', value: 'proxy client' }),
    ],
  }),
  'tls-terminated-tls13-only-optional': desired({
    listeners: [
      listener(1, {
        protocol: 'TERMINATED_HTTPS',
        protocol_port: 8443,
        default_tls_container_ref: TLS_REFS.default,
        client_ca_tls_container_ref: TLS_REFS.clientCa,
        client_authentication: 'OPTIONAL',
        tls_versions: ['TLSv1.3'],
        tls_ciphers: 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384',
        alpn_protocols: ['http/1.1'],
        hsts_max_age: 0,
        insert_headers: { 'X-Forwarded-Proto': 'true', 'X-SSL-Client-Verify': 'true' },
      }),
      // NONE with a CA still renders `verify none`; a CRL without a CA is ignored; defaults otherwise.
      listener(2, {
        protocol: 'TERMINATED_HTTPS',
        protocol_port: 9443,
        default_tls_container_ref: TLS_REFS.sniA,
        client_ca_tls_container_ref: TLS_REFS.clientCa,
        client_authentication: 'NONE',
      }),
      listener(3, {
        protocol: 'TERMINATED_HTTPS',
        protocol_port: 10443,
        default_tls_container_ref: TLS_REFS.sniB,
        client_crl_container_ref: TLS_REFS.clientCrl,
        // Invalid stored cipher string: falls back to the default, like Octavia.
        tls_ciphers: 'ECDHE-RSA-AES128-GCM-SHA256 #x',
        tls_versions: ['SSLv3', 'TLSv1.1', 'TLSv1.3'],
      }),
    ],
    pools: [pool(1)],
    members: [member(1)],
  }),
  'tls-reencrypt-behind-plain-listeners': desired({
    listeners: [
      listener(1, { protocol: 'HTTP', protocol_port: 80 }),
      listener(2, { protocol: 'TCP', protocol_port: 3306, default_pool_id: uuid('p', 2) }),
    ],
    pools: [
      // CA without CRL: `verify required` written out; no client certificate; no SNI behind plain HTTP.
      pool(1, { tls_enabled: true, ca_tls_container_ref: TLS_REFS.poolCa, tls_versions: ['TLSv1.3'] }),
      // No CA: `verify none`; disabled ALPN; a TLS-HELLO monitor does a real handshake.
      pool(2, {
        protocol: 'TCP',
        tls_enabled: true,
        alpn_protocols: [],
        tls_container_ref: TLS_REFS.poolCert,
      }),
      // tls refs on a pool without tls_enabled are ignored.
      pool(3, { tls_enabled: false, ca_tls_container_ref: 'https://kms.example/unused' }),
    ],
    members: [member(1), member(2, { pool_id: uuid('p', 2), protocol_port: 3306 })],
    healthMonitors: [monitor(1, { ...NO_HTTP, type: 'TCP' }), monitor(2, { ...NO_HTTP, type: 'TLS-HELLO' })],
  }),
};
