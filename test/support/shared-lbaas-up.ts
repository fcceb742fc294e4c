import { after, before } from 'node:test';
import { LbaasApi, type LoadBalancer } from './lbaas-api.js';
import { assertCliBuilt, cleanupStateDir, LbaasUpProcess, makeStateDir } from './lbaas-up-process.js';

/** The `lbaas up` a test file shares (see `sharedLbaasUp`). */
export interface SharedLbaasUp {
  /** Client of the running process (set in `before`). */
  readonly api: LbaasApi;
  readonly server: LbaasUpProcess | undefined;
  readonly stateDir: string | undefined;
}

/**
 * Registers `before`/`after` hooks that run one real `lbaas up` for the whole test file (unless `skip`),
 * and afterwards delete, through the API (so the agent stops HAProxy), the load balancers a failed test
 * left behind, stop the process and remove its state dir.
 */
export function sharedLbaasUp(skip: string | false): SharedLbaasUp {
  const shared: { api?: LbaasApi; server?: LbaasUpProcess; stateDir?: string } = {};
  before(async () => {
    if (skip) return;
    assertCliBuilt();
    shared.stateDir = makeStateDir();
    const s = await LbaasUpProcess.start(shared.stateDir);
    shared.server = s;
    shared.api = new LbaasApi(s.url, () => `lbaas up log tail:\n${s.tail()}`);
  });
  after(async () => {
    if (!shared.stateDir) return;
    const { api, server } = shared;
    if (api && server?.running) {
      const list = await api.request('GET', '/loadbalancers').catch(() => undefined);
      for (const lb of (list?.body.loadbalancers as LoadBalancer[] | undefined) ?? []) {
        await api.deleteLoadBalancer(lb.id).catch(() => undefined);
      }
    }
    await server?.stop();
    await cleanupStateDir(shared.stateDir);
  });
  return {
    get api(): LbaasApi {
      if (!shared.api) throw new Error('lbaas up is not running (skipped, or before() failed)');
      return shared.api;
    },
    get server() {
      return shared.server;
    },
    get stateDir() {
      return shared.stateDir;
    },
  };
}
