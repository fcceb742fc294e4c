// Public surface of @lbaas/contract: wire schemas (TypeBox) and the validator built from them. No node:* imports.
export * from './schema-builders.js';
export * from './common.schema.js';
export * from './member.schema.js';
export * from './health-monitor.schema.js';
export * from './pool.schema.js';
export * from './l7-rule.schema.js';
export * from './l7-policy.schema.js';
export * from './listener.schema.js';
export * from './load-balancer.schema.js';
export * from './stats.schema.js';
export * from './status-tree.schema.js';
export * from './network.schema.js';
export * from './validator.js';
export { propertyNames } from './schema-view.js';
export * from './ip-format.js';
export * from './uuid-format.js';
export * from './url-format.js';
export * from './agent-protocol.schema.js';
