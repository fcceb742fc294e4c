import { PING_CHECK_SCRIPT, PING_CHECK_SCRIPT_NAME, type AgentConfigFile } from '@lbaas/contract';
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
import {
  assertConfigFiles,
  CONFIG_FILE_DIR,
  isConfigFileName,
  planConfigUpdate,
  type ConfigUpdatePlan,
} from './config-file-plan.js';

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
    assertConfigFiles(config.files ?? []);
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
    const files = config.files ?? [];
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
    // Set while tls/ may differ from what the process loaded (an apply was interrupted): reload to agree.
    const pendingMarker = join(paths.dir, pendingMarkerName);
    const pending = await fs.exists(pendingMarker);
    if (applied?.hash === config.hash && running && !pending) {
      // Same text under a newer revision (e.g. a rename the data plane does not see): only the record moves.
      if (applied.revision !== config.revision) await this.record(id, config);
      return;
    }
    await fs.mkdirp(paths.dir);
    const current = await fs.readText(paths.cfg);
    const previousFiles = await this.readConfigFiles(paths.dir);
    // Helper programs the rendered config may refer to (PING monitors), present before the first check.
    await fs.writeFileAtomic(join(paths.dir, PING_CHECK_SCRIPT_NAME), PING_CHECK_SCRIPT, 0o755);

    let dirty = pending;
    if (running && current !== undefined && !pending) {
      const plan = planConfigUpdate(
        { cfg: current, files: previousFiles },
        { cfg: config.haproxyCfg, files },
      );
      if (plan.action === 'runtime') {
        const outcome = await this.updateAtRuntime(process, config, current, plan, previousFiles);
        if (outcome === 'done') {
          await this.record(id, config);
          return;
        }
        dirty = outcome === 'reload-dirty';
      }
    }

    // Files first: `haproxy -c` and the new worker load them. Until the outcome is known, the marker says
    // that disk and process may disagree.
    if (files.length > 0 || previousFiles.size > 0) await fs.writeFileAtomic(pendingMarker, '');
    await this.writeConfigFiles(paths.dir, files, previousFiles);
    const staged = `${paths.cfg}.new`;
    await fs.writeFileAtomic(staged, config.haproxyCfg);
    const check = await binary.check(staged);
    if (!check.ok) {
      await fs.removeFile(staged);
      const restored = await this.restoreAfterFailedCheck(process, files, previousFiles, running && dirty);
      throw new Error(
        `haproxy rejected revision ${config.revision} of load balancer ${id}: ${check.message}${restored}`,
      );
    }

    if (current !== undefined) await fs.writeFileAtomic(`${paths.cfg}.last-good`, current);
    await fs.rename(staged, paths.cfg);
    try {
      if (running) await process.reload();
      else await process.start(start);
    } catch (error) {
      let restored: string;
      try {
        // The previous files back before the previous cfg: its process must load what it loaded before.
        await this.restoreConfigFiles(paths.dir, files, previousFiles);
        restored = await this.rollBack(process, current, running, start);
        if (restored !== rollBackFailed) await fs.removeFile(pendingMarker);
      } catch (restoreError) {
        restored = `restoring the previous files failed too: ${message(restoreError)}`;
      }
      throw new Error(
        `applying revision ${config.revision} of load balancer ${id} failed: ${message(error)}; ${restored}`,
      );
    }
    await this.removeStaleConfigFiles(paths.dir, files);
    await fs.removeFile(pendingMarker);
    await this.record(id, config);
  }

  /**
   * The runtime path of a plan: haproxy.cfg checked when it changed, certificate / CA / CRL files replaced
   * through the runtime API, then member weights and states; then disk follows (files, cfg). On a failure,
   * files already committed are set back to their previous content and the caller reloads instead;
   * 'reload-dirty' means that revert failed too, so the process may serve content that is not on disk.
   */
  private async updateAtRuntime(
    process: HaproxyProcess,
    config: LoadBalancerConfig,
    current: string,
    plan: Extract<ConfigUpdatePlan, { action: 'runtime' }>,
    previousFiles: ReadonlyMap<string, string>,
  ): Promise<'done' | 'reload' | 'reload-dirty'> {
    const { fs, binary } = this.options;
    const paths = process.paths;
    const staged = `${paths.cfg}.new`;
    const cfgChanged = config.haproxyCfg !== current;
    if (cfgChanged) {
      // Same file names as before, so the check finds every file it refers to.
      await fs.writeFileAtomic(staged, config.haproxyCfg);
      const check = await binary.check(staged);
      if (!check.ok) {
        await fs.removeFile(staged);
        return 'reload'; // the reload path checks again (with the new files) and reports the error
      }
    }
    const pendingMarker = join(paths.dir, pendingMarkerName);
    if (plan.fileUpdates.length > 0) await fs.writeFileAtomic(pendingMarker, '');
    const committed: AgentConfigFile[] = [];
    try {
      for (const file of plan.fileUpdates) {
        if (file.kind === 'crt-list') throw new Error(`crt-list ${file.name} cannot change at runtime`);
        await process.runtime.updateSslFile(file.kind, join(paths.dir, file.name), file.content);
        committed.push(file);
      }
      for (const change of plan.memberChanges) {
        if (change.weight !== undefined) {
          await process.runtime.setServerWeight(change.backend, change.server, change.weight);
        }
        if (change.state !== undefined) {
          await process.runtime.setServerState(change.backend, change.server, change.state);
        }
      }
    } catch (error) {
      this.options.warn?.(`runtime update of ${paths.dir} failed, reloading instead: ${message(error)}`);
      if (cfgChanged) await fs.removeFile(staged);
      let reverted = true;
      for (const file of committed.reverse()) {
        const previous = previousFiles.get(file.name);
        try {
          if (file.kind === 'crt-list' || previous === undefined) throw new Error('no previous content');
          await process.runtime.updateSslFile(file.kind, join(paths.dir, file.name), previous);
        } catch (revertError) {
          reverted = false;
          this.options.warn?.(
            `could not set ${file.name} of ${paths.dir} back at runtime: ${message(revertError)}`,
          );
        }
      }
      if (reverted) await fs.removeFile(pendingMarker);
      return reverted ? 'reload' : 'reload-dirty';
    }
    // Disk follows, so that a later reload or restart serves the same content.
    await this.writeConfigFiles(paths.dir, plan.fileUpdates, previousFiles);
    if (cfgChanged) await fs.rename(staged, paths.cfg);
    await fs.removeFile(pendingMarker);
    return 'done';
  }

  /** The files under `<dir>/tls/` that carry a valid name, as `tls/<name>` → content. */
  private async readConfigFiles(dir: string): Promise<Map<string, string>> {
    const { fs } = this.options;
    const result = new Map<string, string>();
    for (const entry of (await fs.listFiles(join(dir, CONFIG_FILE_DIR))).sort()) {
      const name = `${CONFIG_FILE_DIR}/${entry}`;
      if (!isConfigFileName(name)) continue; // temp files of interrupted writes; removed after the next apply
      const content = await fs.readText(join(dir, name));
      if (content !== undefined) result.set(name, content);
    }
    return result;
  }

  /** Writes the files whose content differs from `previous` (atomically, 0600, under a 0700 tls/). */
  private async writeConfigFiles(
    dir: string,
    files: readonly { name: string; content: string }[],
    previous: ReadonlyMap<string, string>,
  ): Promise<void> {
    const { fs } = this.options;
    if (files.length > 0) await fs.mkdirp(join(dir, CONFIG_FILE_DIR), 0o700);
    for (const file of files) {
      if (previous.get(file.name) === file.content) continue;
      await fs.writeFileAtomic(join(dir, file.name), file.content, 0o600);
    }
  }

  /** Undoes writeConfigFiles: previous contents back, files that did not exist before removed. */
  private async restoreConfigFiles(
    dir: string,
    files: readonly { name: string; content: string }[],
    previous: ReadonlyMap<string, string>,
  ): Promise<void> {
    const { fs } = this.options;
    for (const file of files) {
      const before = previous.get(file.name);
      if (before === undefined) await fs.removeFile(join(dir, file.name));
      else if (before !== file.content) await fs.writeFileAtomic(join(dir, file.name), before, 0o600);
    }
  }

  /**
   * After a rejected check: the previous files back; when the process may serve something else (`resync`:
   * an interrupted apply or a failed runtime revert), a reload makes it load what is on disk again.
   * Returns a suffix for the error message.
   */
  private async restoreAfterFailedCheck(
    process: HaproxyProcess,
    files: readonly AgentConfigFile[],
    previous: ReadonlyMap<string, string>,
    resync: boolean,
  ): Promise<string> {
    try {
      await this.restoreConfigFiles(process.paths.dir, files, previous);
      if (resync) await process.reload();
      await this.options.fs.removeFile(join(process.paths.dir, pendingMarkerName));
      return '';
    } catch (error) {
      return `; restoring the previous files failed too: ${message(error)}`;
    }
  }

  /** After success: removes whatever under tls/ the config no longer names (and leftover temp files). */
  private async removeStaleConfigFiles(dir: string, files: readonly AgentConfigFile[]): Promise<void> {
    const { fs } = this.options;
    const named = new Set(files.map((f) => f.name));
    for (const entry of await fs.listFiles(join(dir, CONFIG_FILE_DIR))) {
      const name = `${CONFIG_FILE_DIR}/${entry}`;
      if (!named.has(name)) await fs.removeFile(join(dir, name));
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
      this.options.warn?.(`restoring the previous configuration failed too: ${message(error)}`);
      return rollBackFailed;
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

/** In a load balancer's directory while tls/ may differ from what its process loaded; forces a reload. */
const pendingMarkerName = 'tls.pending';
const rollBackFailed = 'restoring the previous configuration failed too (see the warning)';

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
