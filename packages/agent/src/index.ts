// Public surface of @lbaas/agent (what the CLI's `lbaas agent` / `lbaas up` use). Append one line per module.
export * from './apply/load-balancer-config.js';
export * from './apply/haproxy-applier.js';
export * from './apply/load-balancer-id.js';
export * from './apply/member-change-plan.js';
export * from './haproxy/haproxy-binary.js';
export * from './haproxy/haproxy-process.js';
export * from './haproxy/master-process-list.js';
export * from './haproxy/runtime-api.js';
export * from './haproxy/stat-csv.js';
export * from './system/clock.js';
export * from './system/file-system.js';
export * from './system/process-runner.js';
export * from './system/process-table.js';
export * from './system/unix-socket-client.js';
export * from './vip/loopback-vip-driver.js';
export * from './vip/vip-driver.js';
export * from './control/agent-controller.js';
