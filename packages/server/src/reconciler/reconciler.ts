import { completionPlan, desiredState, type LoadBalancerTree } from '@lbaas/core';
import type { Clock, ProvisioningNotifier, Store, StoreTx } from '../services/ports.js';
import { ownedVipPortName, vipPortDeviceId } from '../services/vip-allocator.js';
import { DriverDeadlineError, type ProvisioningDriver } from './provisioning-driver.js';

/** Minimal logger surface (pino's). */
export interface ReconcilerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReconcilerOptions {
  store: Store;
  driver: ProvisioningDriver;
  clock: Clock;
  logger: ReconcilerLogger;
  /** How long a driver may take for one revision before the load balancer goes to ERROR. */
  driverTimeoutMs: number;
  /** Period of the level-triggered resync over every PENDING_* load balancer. */
  resyncIntervalMs: number;
}

/**
 * Drives PENDING_* load balancers to ACTIVE / ERROR / gone (DESIGN.md §3 steps 3–6).
 * Level-triggered: `notify` is only a nudge; every `resyncIntervalMs` all pending load balancers are
 * re-driven, which is also how a restarted server recovers what was in flight. At most one driver call
 * per load balancer runs at a time; a nudge during a call schedules one more pass.
 */
export class Reconciler implements ProvisioningNotifier {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: ReconcilerOptions) {}

  /** Starts the periodic resync and immediately drives whatever is pending (restart recovery). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.resync(), this.opts.resyncIntervalMs);
    this.timer.unref();
    void this.resync();
  }

  /** Stops the resync, aborts driver calls in flight and waits for them to settle. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.abort.abort(new Error('reconciler stopped'));
    await Promise.allSettled([...this.inFlight.values()]);
  }

  notify(loadBalancerId: string): void {
    if (this.abort.signal.aborted) return;
    if (this.inFlight.has(loadBalancerId)) {
      this.again.add(loadBalancerId);
      return;
    }
    const run = this.drive(loadBalancerId)
      .catch((err: unknown) => this.opts.logger.error({ err, loadBalancerId }, 'reconcile failed'))
      .finally(() => {
        this.inFlight.delete(loadBalancerId);
        if (this.again.delete(loadBalancerId)) this.notify(loadBalancerId);
      });
    this.inFlight.set(loadBalancerId, run);
  }

  /** Resolves when nothing is in flight (tests and graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight.values()]);
  }

  /** One level-triggered pass over every pending load balancer. */
  async resync(): Promise<void> {
    try {
      const ids = await this.opts.store.read((tx) => tx.loadBalancers.pendingIds());
      for (const id of ids) this.notify(id);
    } catch (err) {
      this.opts.logger.error({ err }, 'resync failed');
    }
  }

  private async drive(loadBalancerId: string): Promise<void> {
    const tree = await this.opts.store.read((tx) => readTree(tx, loadBalancerId));
    if (!tree || !tree.loadBalancer.provisioning_status.startsWith('PENDING_')) return;
    const revision = tree.loadBalancer.desired_revision;
    // A ref'd timer (unlike AbortSignal.timeout): a driver call in flight is real work that keeps the process up.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Error('driver timeout')), this.opts.driverTimeoutMs);
    const signal = AbortSignal.any([this.abort.signal, deadline.signal]);
    let ok = true;
    let reason: string | null = null;
    try {
      if (tree.loadBalancer.provisioning_status === 'PENDING_DELETE') {
        await this.opts.driver.remove(loadBalancerId, signal);
      } else {
        await this.opts.driver.apply(desiredState(tree), signal);
      }
    } catch (err) {
      if (this.abort.signal.aborted) return; // shutting down: the next start re-drives it
      ok = false;
      reason =
        deadline.signal.aborted && !(err instanceof DriverDeadlineError)
          ? `driver ${this.opts.driver.name} did not apply revision ${revision} within ${this.opts.driverTimeoutMs} ms`
          : err instanceof Error
            ? err.message
            : String(err);
      this.opts.logger.warn({ loadBalancerId, revision, reason }, 'provisioning failed');
    } finally {
      clearTimeout(timer);
    }
    await this.opts.store.write((tx) => this.complete(tx, loadBalancerId, revision, ok, reason));
  }

  /** Applies the completion plan, unless the tree moved on to a newer revision meanwhile. */
  private async complete(
    tx: StoreTx,
    id: string,
    revision: number,
    ok: boolean,
    reason: string | null,
  ): Promise<void> {
    const tree = await readTree(tx, id);
    if (!tree || tree.loadBalancer.desired_revision !== revision) {
      this.again.add(id);
      return;
    }
    const now = this.opts.clock.nowIso();
    const plan = completionPlan(tree, { ok });
    const repos = {
      listeners: tx.listeners,
      pools: tx.pools,
      members: tx.members,
      healthMonitors: tx.healthMonitors,
      l7Policies: tx.l7Policies,
      l7Rules: tx.l7Rules,
    };
    for (const r of plan.removals) await repos[r.kind].remove(r.id);
    for (const u of plan.updates) {
      const current = ((tree[u.kind] ?? []) as readonly { id: string }[]).find((o) => o.id === u.id);
      if (!current) continue;
      const next = {
        ...current,
        provisioning_status: u.provisioning_status,
        ...(u.operating_status ? { operating_status: u.operating_status } : {}),
      };
      await (repos[u.kind] as { update(r: typeof next): Promise<boolean> }).update(next);
    }
    if (plan.loadBalancer.provisioning_status === 'REMOVED') {
      for (const port of await tx.ports.find({ device_id: vipPortDeviceId(id) })) {
        if (port.name === ownedVipPortName(id)) await tx.ports.remove(port.id);
        else await tx.ports.update({ ...port, device_id: '', device_owner: '', updated_at: now });
      }
      await tx.loadBalancers.remove(id);
      this.opts.logger.info({ loadBalancerId: id }, 'load balancer deleted');
      return;
    }
    await tx.loadBalancers.update({
      ...tree.loadBalancer,
      provisioning_status: plan.loadBalancer.provisioning_status,
      applied_revision: ok ? revision : tree.loadBalancer.applied_revision,
      pending_since: null,
      last_error: reason,
      updated_at: now,
    });
  }
}

/** Reads every object of one load balancer; undefined when it does not exist. */
export async function readTree(tx: StoreTx, loadBalancerId: string): Promise<LoadBalancerTree | undefined> {
  const loadBalancer = await tx.loadBalancers.get(loadBalancerId);
  if (!loadBalancer) return undefined;
  const by = { load_balancer_id: loadBalancerId };
  const [listeners, pools, members, healthMonitors, l7Policies, l7Rules] = await Promise.all([
    tx.listeners.find(by),
    tx.pools.find(by),
    tx.members.find(by),
    tx.healthMonitors.find(by),
    tx.l7Policies.find(by),
    tx.l7Rules.find(by),
  ]);
  return { loadBalancer, listeners, pools, members, healthMonitors, l7Policies, l7Rules };
}
