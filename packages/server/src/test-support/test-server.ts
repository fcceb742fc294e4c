import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { composeServer, type ServerHandle } from '../main.js';
import type { ServerConfig } from '../config/server-config.js';
import type { ProvisioningDriver } from '../reconciler/provisioning-driver.js';
import type { Store } from '../services/ports.js';
import { createStore } from '../store/create-store.js';

/** Config for in-process tests: nothing listens, no files are written, resync is fast. */
export function testConfig(over: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    stateDir: '/nonexistent',
    databaseUrl: undefined,
    auth: 'noauth',
    driver: 'noop',
    noopDelayMs: 0,
    vipCidr: '127.77.0.0/16',
    defaultProjectId: 'default-project',
    driverTimeoutMs: 5_000,
    resyncIntervalMs: 60_000,
    logLevel: 'silent',
    ...over,
  };
}

/** An in-process server on an in-memory SQLite store (or the given store), driven with `inject`. */
export class TestServer {
  private constructor(
    readonly handle: ServerHandle,
    private readonly ownStore: Store | undefined,
  ) {}

  static async start(
    opts: {
      config?: Partial<ServerConfig>;
      store?: Store;
      driver?: ProvisioningDriver;
      secretKey?: Uint8Array;
    } = {},
  ): Promise<TestServer> {
    const ownStore = opts.store ? undefined : await createStore({ kind: 'sqlite', path: ':memory:' });
    const store = opts.store ?? ownStore;
    const handle = await composeServer(testConfig(opts.config), {
      store: store as Store,
      listen: false,
      secretKey: opts.secretKey ?? randomBytes(32),
      ...(opts.driver ? { driver: opts.driver } : {}),
    });
    return new TestServer(handle, ownStore);
  }

  /** Sends a request; `body` is JSON-encoded unless it is a string. */
  async request(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return this.handle.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(payload !== undefined ? { payload } : {}),
    });
  }

  /** Same as `request` but parses the JSON body. */
  async json(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await this.request(method, url, body, headers);
    return {
      status: res.statusCode,
      body: res.body === '' ? {} : (JSON.parse(res.body) as Record<string, unknown>),
    };
  }

  /** Waits until the reconciler has nothing in flight (every PENDING_* object settled). */
  async settle(): Promise<void> {
    await this.handle.reconciler.resync();
    await this.handle.reconciler.idle();
  }

  async close(): Promise<void> {
    await this.handle.close();
    await this.ownStore?.close();
  }
}
