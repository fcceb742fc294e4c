import { CliError } from '../cli-error.js';
import type { ApiClient, RequestOptions, ServiceName } from './api-client.js';
import { apiErrorFrom } from './api-error.js';
import type { CloudConfig } from './cloud-config.js';
import type { DebugSink } from './http-debug.js';
import { sendHttp, type HttpResponse } from './http-transport.js';
import { identityV3Url, keystonePasswordLogin } from './keystone-login.js';
import { endpointFromCatalog, type CatalogEntry } from './service-catalog.js';
import { TokenCache } from './token-cache.js';

/** Options of HttpApiClient besides the cloud. */
export interface HttpApiClientOptions {
  /** Where Keystone tokens are cached (see tokenCacheDir). */
  tokenCacheDir: string;
  /** `--debug`: requests and responses are written here. */
  debug?: DebugSink | undefined;
  /** Clock for token expiry (tests). */
  now?: () => number;
}

interface Session {
  /** X-Auth-Token to send (none mode: osc's `notused`). */
  token: string;
  /** The token came from the cache (a 401 then means: log in again). */
  cached: boolean;
  catalog: readonly CatalogEntry[];
  projectId: string | undefined;
}

/**
 * ApiClient over HTTP. Authenticates lazily on the first request: Keystone password login (token cached
 * on disk), a fixed token, or none. A 401 on a cached token drops it, logs in again and retries once.
 */
export class HttpApiClient implements ApiClient {
  #session: Promise<Session> | undefined;
  readonly #cache: TokenCache | undefined;

  constructor(
    private readonly cfg: CloudConfig,
    private readonly opts: HttpApiClientOptions,
  ) {
    this.#cache = cfg.authMode === 'password' ? new TokenCache(opts.tokenCacheDir, cfg, opts.now) : undefined;
  }

  async request<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<T> {
    const res = await this.#send(service, method, path, opts);
    if (res.status < 200 || res.status >= 300) throw errorOf(res);
    return res.json as T;
  }

  async requestOptional<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<T | undefined> {
    const res = await this.#send(service, method, path, opts);
    if (res.status === 404) return undefined;
    if (res.status < 200 || res.status >= 300) throw errorOf(res);
    return res.json as T;
  }

  /** The project of the token (password mode); undefined with a fixed token or no auth. */
  async projectId(): Promise<string | undefined> {
    return (await this.#authenticated()).projectId;
  }

  /**
   * The root URL of a service, e.g. `http://h:9876/load-balancer` (no trailing slash, no /v2.0); identity is
   * `<auth_url>/v3`, agent `<server root>/agent/v1`.
   */
  async serviceRoot(service: ServiceName): Promise<string> {
    const session = await this.#authenticated();
    if (service === 'identity') {
      if (this.cfg.authUrl === undefined) {
        throw new CliError(
          'No identity service: Keystone needs --os-auth-url (not used with a token or no auth)',
        );
      }
      return identityV3Url(this.cfg.authUrl);
    }
    if (service === 'agent') {
      return `${(await this.serviceRoot('load-balancer')).replace(/\/load-balancer$/, '')}/agent/v1`;
    }
    let url =
      service === 'load-balancer' ? this.cfg.loadBalancerEndpointOverride : this.cfg.networkEndpointOverride;
    if (url === undefined && this.cfg.authMode === 'password') {
      url = endpointFromCatalog(session.catalog, service, this.cfg.interface, this.cfg.regionName);
    }
    url ??= this.cfg.loadBalancerEndpointOverride ?? this.cfg.endpoint ?? '';
    return url.replace(/\/+$/, '').replace(/\/v2\.0$/, '');
  }

  async #send(
    service: ServiceName,
    method: string,
    path: string,
    opts: RequestOptions,
  ): Promise<HttpResponse> {
    let session = await this.#authenticated();
    const query =
      opts.query && opts.query.length > 0
        ? `?${new URLSearchParams(opts.query.map(([k, v]): [string, string] => [k, v])).toString()}`
        : '';
    const url = `${await this.serviceRoot(service)}${path}${query}`;
    const call = (token: string): Promise<HttpResponse> =>
      sendHttp({ method, url, headers: { 'X-Auth-Token': token }, body: opts.body }, this.opts.debug);
    const res = await call(session.token);
    if (res.status !== 401 || !session.cached) return res;
    this.#cache?.drop();
    session = await this.#start(this.#login());
    return call(session.token);
  }

  #authenticated(): Promise<Session> {
    if (this.#session !== undefined) return this.#session;
    const cached = this.#cache?.read();
    return this.#start(
      cached
        ? Promise.resolve({
            token: cached.token,
            cached: true,
            catalog: cached.catalog,
            projectId: cached.projectId,
          })
        : this.#login(),
    );
  }

  /** Makes `session` the current one; a failed login is not remembered, so the next request tries again. */
  #start(session: Promise<Session>): Promise<Session> {
    this.#session = session;
    session.catch(() => {
      if (this.#session === session) this.#session = undefined;
    });
    return session;
  }

  async #login(): Promise<Session> {
    if (this.cfg.authMode === 'token') {
      return { token: this.cfg.token ?? '', cached: false, catalog: [], projectId: undefined };
    }
    if (this.cfg.authMode === 'none')
      return { token: 'notused', cached: false, catalog: [], projectId: undefined };
    const t = await keystonePasswordLogin(this.cfg, this.opts.debug);
    if (t.catalog.length === 0) throw new CliError('The service catalog is empty.');
    this.#cache?.write(t);
    return { token: t.token, cached: false, catalog: t.catalog, projectId: t.projectId };
  }
}

function errorOf(res: HttpResponse): CliError {
  return apiErrorFrom(res.status, res.json, res.headers.get('x-openstack-request-id') ?? undefined);
}
