import type { DesiredState } from '@lbaas/core';
import type { ProvisioningDriver } from './provisioning-driver.js';

/**
 * A driver with no data plane: every revision is "applied" at once (optionally after a delay, to exercise
 * PENDING_* states). For API tests and API-only deployments; it never claims anything about traffic or
 * member health, so operating statuses stay as the API set them.
 */
export class NoopDriver implements ProvisioningDriver {
  readonly name = 'noop';
  /** Last revision applied per load balancer (what a test can assert on). */
  readonly applied = new Map<string, number>();
  constructor(private readonly delayMs = 0) {}

  async apply(desired: DesiredState, signal: AbortSignal): Promise<void> {
    await this.wait(signal);
    this.applied.set(desired.loadBalancer.id, desired.revision);
  }

  async remove(loadBalancerId: string, signal: AbortSignal): Promise<void> {
    await this.wait(signal);
    this.applied.delete(loadBalancerId);
  }

  private wait(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.delayMs <= 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, this.delayMs);
      signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    });
  }
}
