/**
 * In-process wake-ups between the agent API, the agent service and the agent driver: "agent X's
 * assignments changed" (wakes its long-polls) and "load balancer Y's placement changed" (wakes the driver
 * waiting for Y). Each key has a version counter, so a waiter that read the store at version v and then
 * waits for "> v" cannot miss a notification that landed in between. Other server processes sharing
 * PostgreSQL are not reached; waiters therefore wait in bounded slices and re-read the store.
 */
export class AgentSignals {
  private readonly versions = new Map<string, number>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private closed = false;

  /** Current version of an agent's assignments signal. */
  agentVersion(agentId: string): number {
    return this.versions.get(`agent:${agentId}`) ?? 0;
  }
  /** Wakes the long-polls of one agent. */
  agentChanged(agentId: string): void {
    this.bump(`agent:${agentId}`);
  }
  /** Resolves when the agent's signal passes `since`, after `timeoutMs`, on abort, or on close. */
  waitAgent(agentId: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait(`agent:${agentId}`, since, timeoutMs, signal);
  }

  /** Current version of the "an agent registered" signal. */
  agentsVersion(): number {
    return this.versions.get('agents') ?? 0;
  }
  /** Wakes drivers waiting for an alive agent to place a load balancer on. */
  agentRegistered(): void {
    this.bump('agents');
  }
  /** Like waitAgent, for any agent's registration (not cut short by close: the reconciler's abort is). */
  waitAgents(since: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    return this.wait('agents', since, timeoutMs, signal);
  }

  /** Current version of a load balancer's placement signal. */
  placementVersion(loadBalancerId: string): number {
    return this.versions.get(`lb:${loadBalancerId}`) ?? 0;
  }
  /** Wakes whoever waits for a load balancer's placement (the driver). */
  placementChanged(loadBalancerId: string): void {
    this.bump(`lb:${loadBalancerId}`);
  }
  /** Like waitAgent, for a load balancer's placement. */
  waitPlacement(
    loadBalancerId: string,
    since: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<void> {
    return this.wait(`lb:${loadBalancerId}`, since, timeoutMs, signal);
  }

  /** True once close() was called: long-polls answer at once. */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Wakes the agents' long-polls and makes later agent waits return at once (server shutdown must not
   * hang on them). Placement waits are left alone: the reconciler's abort ends those, and waking them
   * early would only make the driver spin until it does.
   */
  close(): void {
    this.closed = true;
    for (const [key, set] of this.waiters) {
      if (key.startsWith('agent:')) for (const wake of [...set]) wake();
    }
  }

  private bump(key: string): void {
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
    const set = this.waiters.get(key);
    if (set) for (const wake of [...set]) wake();
  }

  private wait(key: string, since: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const closed = this.closed && key.startsWith('agent:');
    if (closed || signal?.aborted || (this.versions.get(key) ?? 0) > since || timeoutMs <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const set = this.waiters.get(key) ?? new Set<() => void>();
      this.waiters.set(key, set);
      const wake = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', wake);
        set.delete(wake);
        if (set.size === 0 && this.waiters.get(key) === set) this.waiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, timeoutMs);
      signal?.addEventListener('abort', wake, { once: true });
      set.add(wake);
    });
  }
}
