import { PING_CHECK_SCRIPT, PING_CHECK_SCRIPT_NAME } from '@lbaas/contract';
import { join } from 'node:path';
import {
  HaproxyProcess,
  type HaproxyProcessDeps,
  type HaproxyProcessTimeouts,
} from '../haproxy/haproxy-process.js';
import { LoopbackNetworkPlumber } from '../net/loopback-network-plumber.js';
import type { NetworkPlumber } from '../net/network-plumber.js';
import type { StartOptions } from '../haproxy/haproxy-binary.js';
import type { AppliedLoadBalancer, Applier, LoadBalancerConfig, StatRow } from './load-balancer-config.js';
import { assertLoadBalancerId } from './load-balancer-id.js';
import { planMemberChanges, type MemberChange } from './member-change-plan.js';

/** What HaproxyApplier needs: the process collaborators plus where load-balancer directories live. */
export interface HaproxyApplierOptions extends HaproxyProcessDeps {
  /** One sub-directory per load balancer, e.g. /var/lib/lbaas/lb. */
  baseDir: string;
  timeouts?: Partial<HaproxyProcessTimeouts>;
  /** Realises each config's network plan (the networking mode); default: loopback mode. */
  plumber?: NetworkPlumber;
}

/** Contents of `<dir>/applied.json`: the last revision that is known to be serving. */
interface AppliedRecord {
  loadBalancerId: string;
  revision: number;
  hash: string;
}

/** Applier over real HAProxy master-worker processes (DESIGN.md §3 step 5). */
export class HaproxyApplier implements Applier {
  // Per load balancer, the tail of its queue: applies and removes of one LB never interleave.
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly plumber: NetworkPlumber;

  constructor(private readonly options: HaproxyApplierOptions) {
    this.plumber = options.plumber ?? new LoopbackNetworkPlumber();
  }

  async apply(config: LoadBalancerConfig): Promise<void> {
    const id = assertLoadBalancerId(config.loadBalancerId);
    return await this.serialized(id, () => this.applyNow(id, config));
  }

  async remove(loadBalancerId: string): Promise<void> {
    const id = assertLoadBalancerId(loadBalancerId);
    return await this.serialized(id, async () => {
      const dir = this.dirOf(id);
      if (await this.options.fs.exists(dir)) await this.processOf(id).stop();
      // After HAProxy: the namespace must not be held by a process when it is deleted. Also without a
      // directory (deleted by hand): the plumber finds its objects by their deterministic names.
      await this.plumber.remove(id);
      await this.options.fs.removeDir(dir);
    });
  }

  async list(): Promise<AppliedLoadBalancer[]> {
    const result: AppliedLoadBalancer[] = [];
    for (const name of (await this.options.fs.listDirs(this.options.baseDir)).sort()) {
      try {
        assertLoadBalancerId(name);
      } catch {
        continue; // not ours (lost+found, editor leftovers)
      }
      const applied = await this.readApplied(name);
      if (applied === undefined) continue;
      const pid = await this.processOf(name).masterPid();
      result.push({
        loadBalancerId: name,
        revision: applied.revision,
        hash: applied.hash,
        running: pid !== undefined,
        masterPid: pid ?? 0,
      });
    }
    return result;
  }

  async stats(loadBalancerId: string): Promise<StatRow[]> {
    const id = assertLoadBalancerId(loadBalancerId);
    return this.processOf(id).runtime.showStat();
  }

  private async applyNow(id: string, config: LoadBalancerConfig): Promise<void> {
    const { fs, binary } = this.options;
    const process = this.processOf(id);
    const paths = process.paths;
    // The network first, on every call (the caller re-applies periodically as the repair): a namespace
    // deleted by hand or lost in a reboot comes back before HAProxy is looked at.
    const network = await this.plumber.ensure(id, config.network);
    const start: StartOptions = network.netns === undefined ? {} : { netns: network.netns };
    const applied = await this.readApplied(id);
    let running = await process.isRunning();
    if (running && network.namespaceCreated) {
      // It runs in the namespace that was replaced (its interfaces are gone): only a new start moves it.
      this.options.warn?.(`network namespace of load balancer ${id} was re-created; restarting haproxy`);
      await process.stop();
      running = false;
    }
    if (applied?.hash === config.hash && running) {
      // Same text under a newer revision (e.g. a rename the data plane does not see): only the record moves.
      if (applied.revision !== config.revision) await this.record(id, config);
      return;
    }
    await fs.mkdirp(paths.dir);
    const current = await fs.readText(paths.cfg);
    const staged = `${paths.cfg}.new`;
    // Helper programs the rendered config may refer to (PING monitors), present before the first check.
    await fs.writeFileAtomic(join(paths.dir, PING_CHECK_SCRIPT_NAME), PING_CHECK_SCRIPT, 0o755);
    await fs.writeFileAtomic(staged, config.haproxyCfg);
    const check = await binary.check(staged);
    if (!check.ok) {
      await fs.removeFile(staged);
      throw new Error(
        `haproxy rejected revision ${config.revision} of load balancer ${id}: ${check.message}`,
      );
    }

    const changes =
      running && current !== undefined ? planMemberChanges(current, config.haproxyCfg) : undefined;
    if (changes !== undefined && (await this.applyAtRuntime(process, changes))) {
      await fs.rename(staged, paths.cfg);
      await this.record(id, config);
      return;
    }

    if (current !== undefined) await fs.writeFileAtomic(`${paths.cfg}.last-good`, current);
    await fs.rename(staged, paths.cfg);
    try {
      if (running) await process.reload();
      else await process.start(start);
    } catch (error) {
      const restored = await this.rollBack(process, current, running, start);
      throw new Error(
        `applying revision ${config.revision} of load balancer ${id} failed: ${message(error)}; ${restored}`,
      );
    }
    await this.record(id, config);
  }

  /** Weight / admin-state changes without a reload; false (after a warning) means "reload instead". */
  private async applyAtRuntime(process: HaproxyProcess, changes: MemberChange[]): Promise<boolean> {
    try {
      for (const change of changes) {
        if (change.weight !== undefined) {
          await process.runtime.setServerWeight(change.backend, change.server, change.weight);
        }
        if (change.state !== undefined) {
          await process.runtime.setServerState(change.backend, change.server, change.state);
        }
      }
      return true;
    } catch (error) {
      this.options.warn?.(
        `runtime member update of ${process.paths.dir} failed, reloading instead: ${message(error)}`,
      );
      return false;
    }
  }

  /** Puts the previous config back and makes the process serve it again; returns what happened, for the error. */
  private async rollBack(
    process: HaproxyProcess,
    previous: string | undefined,
    wasRunning: boolean,
    start: StartOptions,
  ): Promise<string> {
    const { fs } = this.options;
    try {
      if (previous === undefined) {
        // A first start that failed half-way must not leave an unrecorded process behind.
        await process.stop();
        await fs.removeFile(process.paths.cfg);
        return 'nothing was running before';
      }
      await fs.writeFileAtomic(process.paths.cfg, previous);
      if (wasRunning && (await process.isRunning())) await process.reload();
      else await process.start(start);
      return 'the previous configuration is serving again';
    } catch (error) {
      return `restoring the previous configuration failed too: ${message(error)}`;
    }
  }

  private async readApplied(id: string): Promise<AppliedRecord | undefined> {
    const text = await this.options.fs.readText(join(this.dirOf(id), 'applied.json'));
    if (text === undefined) return undefined;
    try {
      const value = JSON.parse(text) as Partial<AppliedRecord>;
      if (typeof value.revision !== 'number' || typeof value.hash !== 'string') return undefined;
      return { loadBalancerId: id, revision: value.revision, hash: value.hash };
    } catch {
      return undefined; // a torn record cannot happen (atomic writes); a hand-edited one means "unknown"
    }
  }

  private async record(id: string, config: LoadBalancerConfig): Promise<void> {
    const record: AppliedRecord = { loadBalancerId: id, revision: config.revision, hash: config.hash };
    await this.options.fs.writeFileAtomic(
      join(this.dirOf(id), 'applied.json'),
      `${JSON.stringify(record)}\n`,
    );
  }

  private dirOf(id: string): string {
    return join(this.options.baseDir, id);
  }

  private processOf(id: string): HaproxyProcess {
    return new HaproxyProcess(this.dirOf(id), this.options, this.options.timeouts);
  }

  private serialized<T>(id: string, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) this.queues.delete(id);
    });
    return next;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
