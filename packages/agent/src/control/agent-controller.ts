import type { AgentReportBody, AgentStatRow, AssignmentsResponse } from '@lbaas/contract';
import type {
  AppliedLoadBalancer,
  Applier,
  LoadBalancerConfig,
  StatRow,
} from '../apply/load-balancer-config.js';
import { abortableSleep } from './abortable-sleep.js';
import { AgentHttpClient, AgentHttpError } from './agent-http-client.js';
import type { AgentTokenSource } from './token-source.js';

/** pino's logging surface. */
export interface AgentControllerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** How an agent is identified and paced; the CLI persists id and baseDir, the controller only uses them. */
export interface AgentControllerOptions {
  /** The server's base URL, e.g. http://127.0.0.1:9876. */
  serverUrl: string;
  agentId: string;
  /** Absolute directory with one folder per load balancer (the server renders paths under it). */
  baseDir: string;
  maxconn: number;
  applier: Applier;
  /**
   * The networking mode's garbage collector: after every converge, namespaces and bridges no kept load
   * balancer needs are deleted (what a crash between HAProxy's stop and the cleanup left behind).
   */
  network?: { collectGarbage(keepLoadBalancerIds: Iterable<string>): Promise<void> };
  logger: AgentControllerLogger;
  host?: string;
  version?: string;
  /** Extra request headers. */
  headers?: Readonly<Record<string, string>>;
  /** Keystone tokens for every request (servers with keystone auth); none under noauth. */
  tokens?: AgentTokenSource;
  /** Period of stats reports, which are also the heartbeats (default 3000). */
  statsIntervalMs?: number;
  /**
   * How often `show stat` is sampled for health changes (default 1000, never above the stats period): a
   * member going UP or DOWN is reported at once instead of waiting for the next stats report.
   */
  healthPollMs?: number;
  /** How long one assignments long-poll may wait on the server (default 25000, at most 30000). */
  pollWaitMs?: number;
  /** First and longest delay between retries while the server is unreachable (defaults 250 / 5000). */
  retryMinMs?: number;
  retryMaxMs?: number;
}

type Report = AgentReportBody['report'];
type AppliedEntry = NonNullable<Report['applied']>[number];

const key = (revision: number, hash: string): string => `${revision}:${hash}`;

/**
 * The agent's control loop (DESIGN.md §3 steps 3–5, 7): register, adopt what already runs, then converge
 * on the server's assignment list — level-triggered: every answer carries the full list, and whatever
 * runs here but is not on it is removed. A second loop reports stats (the heartbeat). The controller
 * never stops HAProxy on its own account: with the server down the data plane keeps serving.
 */
export class AgentController {
  private readonly client: AgentHttpClient;
  private readonly stopping = new AbortController();
  private readonly statsIntervalMs: number;
  private readonly healthPollMs: number;
  private readonly pollWaitMs: number;
  private readonly retryMinMs: number;
  private readonly retryMaxMs: number;
  /** (revision, hash) this process applied per load balancer; the applier's own list may lag a revision. */
  private readonly done = new Map<string, string>();
  /** (revision, hash) last reported applied per load balancer: what the server already knows. */
  private readonly reported = new Map<string, string>();
  /** The last config applied per load balancer (with its network plan), for repairs. */
  private readonly configs = new Map<string, LoadBalancerConfig>();
  /** (revision, hash) that failed: not retried until the server assigns something else. */
  private readonly failed = new Map<string, string>();
  private heartbeatMs: number;
  private loops: Promise<void>[] = [];
  private registeredResolve!: () => void;
  /** Resolves once the agent is registered and has reported what it adopted. */
  readonly registered: Promise<void> = new Promise((resolve) => (this.registeredResolve = resolve));

  constructor(private readonly opts: AgentControllerOptions) {
    this.client = new AgentHttpClient(opts.serverUrl, opts.agentId, opts.headers ?? {}, opts.tokens);
    this.statsIntervalMs = opts.statsIntervalMs ?? 3_000;
    this.healthPollMs = opts.healthPollMs ?? 1_000;
    this.pollWaitMs = Math.min(opts.pollWaitMs ?? 25_000, 30_000);
    this.retryMinMs = opts.retryMinMs ?? 250;
    this.retryMaxMs = opts.retryMaxMs ?? 5_000;
    this.heartbeatMs = this.statsIntervalMs;
  }

  /** Starts the loops in the background (registration retries until the server answers). */
  start(): void {
    if (this.loops.length > 0) return;
    this.loops = [this.controlLoop(), this.statsLoop()];
  }

  /** Ends the loops and waits for them; HAProxy processes keep running. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.registeredResolve();
    await Promise.allSettled(this.loops);
  }

  private get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** Retries `fn` with exponential backoff until it succeeds or the controller stops. */
  private async retry<T>(what: string, fn: () => Promise<T>): Promise<T | undefined> {
    let delay = this.retryMinMs;
    while (!this.signal.aborted) {
      try {
        return await fn();
      } catch (err) {
        if (this.signal.aborted) return undefined;
        this.opts.logger.warn({ err: String(err), retryInMs: delay }, `${what} failed`);
        await abortableSleep(delay, this.signal);
        delay = Math.min(delay * 2, this.retryMaxMs);
      }
    }
    return undefined;
  }

  private async register(): Promise<void> {
    const { opts } = this;
    const agent = {
      id: opts.agentId,
      host: opts.host ?? 'localhost',
      base_dir: opts.baseDir,
      maxconn: opts.maxconn,
      version: opts.version ?? '0.0.0',
    };
    const answer = await this.retry('registration', () => this.client.register(agent, this.signal));
    if (answer) this.heartbeatMs = Math.min(this.statsIntervalMs, answer.agent.heartbeat_interval_ms);
  }

  private async controlLoop(): Promise<void> {
    await this.register();
    // Adoption: whatever a previous agent process left running is reported as applied, so the server
    // does not wait for (or re-render) what already serves.
    await this.retry('adoption report', async () => {
      const running = (await this.opts.applier.list()).filter((lb) => lb.running);
      const applied = running.map((lb) => this.ok(lb.loadBalancerId, lb.revision, lb.hash));
      if (applied.length > 0) await this.send({ applied });
    });
    this.registeredResolve();
    let generation = -1;
    let delay = this.retryMinMs;
    while (!this.signal.aborted) {
      try {
        const assignments = await this.client.assignments(generation, this.pollWaitMs, this.signal);
        await this.converge(assignments);
        // Only a converged generation counts: after a failure the next poll answers at once.
        generation = assignments.generation;
        delay = this.retryMinMs;
      } catch (err) {
        if (this.signal.aborted) break;
        this.opts.logger.warn({ err: String(err), retryInMs: delay }, 'assignments poll failed');
        // The server forgot this agent (a fresh database): register again and start over.
        if (err instanceof AgentHttpError && err.status === 404) {
          await this.register();
          generation = -1;
        }
        await abortableSleep(delay, this.signal);
        delay = Math.min(delay * 2, this.retryMaxMs);
      }
    }
  }

  /** Brings this host to the assignment list and reports the outcome. */
  private async converge(assignments: AssignmentsResponse): Promise<void> {
    const { applier, logger } = this.opts;
    const local = new Map((await applier.list()).map((lb) => [lb.loadBalancerId, lb]));
    const wanted = new Set<string>();
    const applied: AppliedEntry[] = [];
    const removed: string[] = [];
    for (const entry of assignments.load_balancers) {
      if (this.signal.aborted) return;
      if (entry.deleted) {
        if (local.has(entry.id)) await applier.remove(entry.id);
        this.forget(entry.id);
        removed.push(entry.id);
        continue;
      }
      wanted.add(entry.id);
      const want = key(entry.revision, entry.hash);
      if (this.isApplied(local.get(entry.id), entry.revision, entry.hash)) {
        // Applied but perhaps never reported (a report lost to a server outage): tell the server again.
        if (this.reported.get(entry.id) !== want) applied.push(this.ok(entry.id, entry.revision, entry.hash));
        await this.repair(entry.id, entry.revision, entry.hash);
        continue;
      }
      if (this.failed.get(entry.id) === want) continue;
      let config;
      try {
        config = await this.client.config(entry.id, this.signal);
      } catch (err) {
        // Not assigned any more (the list moved on): the next answer has the current state.
        if (err instanceof AgentHttpError && err.status === 404) continue;
        throw err;
      }
      const lbConfig: LoadBalancerConfig = {
        loadBalancerId: config.load_balancer_id,
        revision: config.revision,
        hash: config.hash,
        haproxyCfg: config.haproxy_cfg,
        files: config.files,
        network: config.network,
      };
      try {
        await applier.apply(lbConfig);
        this.configs.set(entry.id, lbConfig);
        this.done.set(entry.id, key(config.revision, config.hash));
        this.failed.delete(entry.id);
        applied.push(this.ok(entry.id, config.revision, config.hash));
      } catch (err) {
        if (this.signal.aborted) return;
        const error = err instanceof Error ? err.message : String(err);
        logger.error({ loadBalancerId: entry.id, revision: entry.revision, error }, 'apply failed');
        this.failed.set(entry.id, want);
        applied.push({
          load_balancer_id: entry.id,
          revision: entry.revision,
          hash: entry.hash,
          ok: false,
          error,
        });
      }
    }
    for (const id of local.keys()) {
      if (wanted.has(id) || removed.includes(id)) continue;
      logger.info({ loadBalancerId: id }, 'removing a load balancer that is not assigned here');
      await applier.remove(id);
      this.forget(id);
      removed.push(id);
    }
    if (applied.length > 0 || removed.length > 0) await this.send({ applied, removed });
    await this.collectGarbage(wanted);
  }

  private async collectGarbage(wanted: ReadonlySet<string>): Promise<void> {
    if (!this.opts.network) return;
    try {
      const keep = new Set([...wanted, ...(await this.opts.applier.list()).map((lb) => lb.loadBalancerId)]);
      await this.opts.network.collectGarbage(keep);
    } catch (err) {
      if (this.signal.aborted) return;
      this.opts.logger.warn({ err: String(err) }, 'network garbage collection failed');
    }
  }

  /**
   * Re-applies what already runs (level-triggered repair, on every assignments answer — at least every
   * long-poll period): the applier re-creates whatever of the load balancer's network is missing (a
   * namespace deleted by hand, a host rebooted under a running agent) and does nothing else when all is
   * in place. After an agent restart the config is fetched once to know the network plan.
   */
  private async repair(id: string, revision: number, hash: string): Promise<void> {
    let config = this.configs.get(id);
    try {
      if (config?.revision !== revision || config.hash !== hash) {
        const fetched = await this.client.config(id, this.signal);
        if (fetched.revision !== revision || fetched.hash !== hash) return; // moved on: next answer
        config = {
          loadBalancerId: fetched.load_balancer_id,
          revision: fetched.revision,
          hash: fetched.hash,
          haproxyCfg: fetched.haproxy_cfg,
          files: fetched.files,
          network: fetched.network,
        };
        this.configs.set(id, config);
      }
      await this.opts.applier.apply(config);
    } catch (err) {
      if (this.signal.aborted) return;
      this.opts.logger.warn(
        { loadBalancerId: id, err: String(err) },
        'repair of a running load balancer failed',
      );
    }
  }

  /** Sends an applied/removed report and remembers what the server now knows. */
  private async send(report: Report): Promise<void> {
    await this.client.report(report, this.signal);
    for (const a of report.applied ?? [])
      if (a.ok) this.reported.set(a.load_balancer_id, key(a.revision, a.hash));
  }

  private isApplied(lb: AppliedLoadBalancer | undefined, revision: number, hash: string): boolean {
    if (!lb || !lb.running || lb.hash !== hash) return false;
    return lb.revision === revision || this.done.get(lb.loadBalancerId) === key(revision, hash);
  }

  private ok(id: string, revision: number, hash: string): AppliedEntry {
    return { load_balancer_id: id, revision, hash, ok: true };
  }

  private forget(id: string): void {
    this.configs.delete(id);
    this.done.delete(id);
    this.reported.delete(id);
    this.failed.delete(id);
  }

  /**
   * Stats of every running load balancer, every heartbeat interval (an empty report still beats), and at
   * once when a sample taken every `healthPollMs` shows a server or proxy changing state.
   */
  private async statsLoop(): Promise<void> {
    await this.registered;
    let lastSentAt = Number.NEGATIVE_INFINITY;
    let lastHealth: string | undefined;
    while (!this.signal.aborted) {
      try {
        const load_balancers = await this.sampleStats();
        const health = healthSignature(load_balancers);
        if (health !== lastHealth || Date.now() - lastSentAt >= this.heartbeatMs) {
          await this.client.report({ load_balancers }, this.signal);
          lastSentAt = Date.now();
          lastHealth = health;
        }
      } catch (err) {
        if (this.signal.aborted) break;
        this.opts.logger.warn({ err: String(err) }, 'stats report failed');
      }
      await abortableSleep(Math.min(this.healthPollMs, this.heartbeatMs), this.signal);
    }
  }

  private async sampleStats(): Promise<StatsEntry[]> {
    const running = (await this.opts.applier.list()).filter((lb) => lb.running);
    const out: StatsEntry[] = [];
    for (const lb of running) {
      try {
        const rows = await this.opts.applier.stats(lb.loadBalancerId);
        out.push({ load_balancer_id: lb.loadBalancerId, stats: rows.map(wireRow) });
      } catch (err) {
        this.opts.logger.warn({ loadBalancerId: lb.loadBalancerId, err: String(err) }, 'stats failed');
      }
    }
    return out;
  }
}

type StatsEntry = NonNullable<Report['load_balancers']>[number];

/** What operating statuses derive from: which load balancers run and each row's status and weight. */
function healthSignature(entries: StatsEntry[]): string {
  const parts: string[] = [];
  for (const lb of entries) {
    parts.push(lb.load_balancer_id);
    for (const r of lb.stats) parts.push(`${r.pxname}/${r.svname}=${r.status}:${r.weight}`);
  }
  return parts.join('\n');
}

/** Exactly the wire columns (the server refuses unknown keys; StatRow may grow). */
function wireRow(row: StatRow): AgentStatRow {
  return {
    pxname: row.pxname,
    svname: row.svname,
    type: row.type,
    status: row.status,
    scur: row.scur,
    slim: row.slim,
    stot: row.stot,
    bin: row.bin,
    bout: row.bout,
    ereq: row.ereq,
    weight: row.weight,
    checkStatus: row.checkStatus,
  };
}
