import { notImplemented } from '@lbaas/core';
import type { FastifyInstance } from 'fastify';

/**
 * Octavia API areas this deployment does not implement yet. They answer 501 with a fault body (which the
 * conformance harnesses turn into skips) instead of a misleading 404 or canned data.
 */
const OCTAVIA_UNIMPLEMENTED: readonly [string, string][] = [
  ['/loadbalancers/:id/failover', 'Load balancer failover'],
];

/** Registers the 501 answers under one Octavia prefix (`…/lbaas` or the bare version root). */
export function notImplementedRoutes(app: FastifyInstance): void {
  for (const [url, what] of OCTAVIA_UNIMPLEMENTED) {
    app.all(url, async () => {
      throw notImplemented(what);
    });
  }
}

/** The amphora admin API (`/v2/octavia/amphorae`) has no equivalent yet. */
export function amphoraRoutes(app: FastifyInstance): void {
  for (const url of ['/amphorae', '/amphorae/*']) {
    app.all(url, async () => {
      throw notImplemented('The amphora API');
    });
  }
}
