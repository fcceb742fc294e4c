// Public surface of @lbaas/agent (what the CLI's `lbaas agent` / `lbaas up` use). Append one line per module.
export * from './apply/load-balancer-config.js';
