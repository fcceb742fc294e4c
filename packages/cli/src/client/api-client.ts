/**
 * The services the CLI talks to. `agent` is the server root's `/agent/v1` protocol (admin only);
 * `identity` is the Keystone v3 root (`<auth_url>` ending in /v3; used for `--project <name>` lookups; in
 * token/none modes without Keystone a request to it throws CliError).
 */
export type ServiceName = 'load-balancer' | 'network' | 'agent' | 'identity';

export interface RequestOptions {
  /** Query parameters in order; repeated names allowed (tags=a&tags=b). */
  query?: ReadonlyArray<readonly [string, string]>;
  body?: unknown;
}

/**
 * An authenticated client of one cloud. Paths are relative to the service root: load-balancer
 * `/v2.0/lbaas/loadbalancers`, network `/v2.0/networks`, agent `/agents`, identity `/projects`.
 * Non-2xx answers throw CliError with the server's faultstring (or the default text per status).
 */
export interface ApiClient {
  request<T = unknown>(service: ServiceName, method: string, path: string, opts?: RequestOptions): Promise<T>;
  /** Like request, but a 404 resolves to undefined instead of throwing. */
  requestOptional<T = unknown>(
    service: ServiceName,
    method: string,
    path: string,
    opts?: RequestOptions,
  ): Promise<T | undefined>;
}
