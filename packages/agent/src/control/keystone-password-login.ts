import type { IssuedToken } from './token-source.js';

/** Credentials of `lbaas agent` against the server's identity API. */
export interface KeystoneLogin {
  /** The server's base URL (its identity API is at `<serverUrl>/identity/v3`). */
  serverUrl: string;
  /**
   * Where to log in instead (`lbaas agent --auth-url`): an external Keystone's identity URL, with or
   * without the trailing `/v3`, e.g. `http://keystone:5000/v3`.
   */
  authUrl?: string | undefined;
  username: string;
  password: string;
  projectName: string;
  /** Domain name of both the user and the project (default `Default`). */
  domainName?: string;
}

const LOGIN_TIMEOUT_MS = 15_000;

/** Logs in with the password method (project scope by name + domain): `POST /identity/v3/auth/tokens`. */
export function keystonePasswordLogin(opts: KeystoneLogin): (signal: AbortSignal) => Promise<IssuedToken> {
  const url = `${identityV3(opts)}/auth/tokens`;
  const domain = { name: opts.domainName ?? 'Default' };
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: opts.username, domain, password: opts.password } },
      },
      scope: { project: { name: opts.projectName, domain } },
    },
  });
  return async (signal) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: AbortSignal.any([signal, AbortSignal.timeout(LOGIN_TIMEOUT_MS)]),
    });
    const text = await response.text();
    const token = response.headers.get('x-subject-token');
    if (response.status !== 201 || !token) {
      // Never include the request (it holds the password); the server's message is safe.
      throw new Error(`login as ${opts.username} failed: ${response.status} ${text.slice(0, 200)}`);
    }
    const expires = Date.parse(
      (JSON.parse(text) as { token?: { expires_at?: string } }).token?.expires_at ?? '',
    );
    return { token, expiresAtMs: Number.isFinite(expires) ? expires : Date.now() + 3_600_000 };
  };
}

/** The identity v3 base the agent logs in at: `authUrl` normalised to end in `/v3`, else the server's. */
export function identityV3(opts: Pick<KeystoneLogin, 'serverUrl' | 'authUrl'>): string {
  if (opts.authUrl) {
    const base = opts.authUrl.trim().replace(/\/+$/, '');
    return base.endsWith('/v3') ? base : `${base}/v3`;
  }
  return `${opts.serverUrl.replace(/\/+$/, '')}/identity/v3`;
}
