import { CliError } from '../cli-error.js';
import { apiErrorFrom } from './api-error.js';
import type { CloudConfig } from './cloud-config.js';
import type { DebugSink } from './http-debug.js';
import { sendHttp } from './http-transport.js';
import type { CatalogEntry } from './service-catalog.js';

/** A Keystone v3 token with what the client keeps of it. */
export interface KeystoneToken {
  token: string;
  /** ISO time, as Keystone sent it. */
  expiresAt: string | undefined;
  catalog: CatalogEntry[];
  projectId: string | undefined;
}

/** `<auth_url>/v3`, whether or not auth_url already ends in /v3. */
export function identityV3Url(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, '');
  return /\/v3$/.test(base) ? base : `${base}/v3`;
}

/**
 * Keystone v3 password login: `POST <auth_url>/v3/auth/tokens`, scoped to the project (by id, or by name
 * and domain). Errors are Keystone's own (`The request you have made requires authentication. (HTTP 401)`).
 */
export async function keystonePasswordLogin(cfg: CloudConfig, debug?: DebugSink): Promise<KeystoneToken> {
  const domain = (id: string | undefined, name: string | undefined): Record<string, string> =>
    id !== undefined ? { id } : name !== undefined ? { name } : {};
  const project =
    cfg.projectId !== undefined
      ? { id: cfg.projectId }
      : cfg.projectName !== undefined
        ? { name: cfg.projectName, domain: domain(cfg.projectDomainId, cfg.projectDomainName) }
        : undefined;
  const body = {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: cfg.username,
            domain: domain(cfg.userDomainId, cfg.userDomainName),
            password: cfg.password,
          },
        },
      },
      ...(project ? { scope: { project } } : {}),
    },
  };
  const res = await sendHttp(
    { method: 'POST', url: `${identityV3Url(cfg.authUrl ?? '')}/auth/tokens`, body },
    debug,
  );
  if (res.status < 200 || res.status >= 300) {
    throw apiErrorFrom(res.status, res.json, res.headers.get('x-openstack-request-id') ?? undefined);
  }
  const token = res.headers.get('x-subject-token');
  const data = (res.json as { token?: Record<string, unknown> } | undefined)?.token;
  if (!token || data === undefined)
    throw new CliError('Keystone answered without a token (no X-Subject-Token)');
  const projectId = (data.project as { id?: unknown } | undefined)?.id;
  return {
    token,
    expiresAt: typeof data.expires_at === 'string' ? data.expires_at : undefined,
    catalog: Array.isArray(data.catalog) ? (data.catalog as CatalogEntry[]) : [],
    projectId: typeof projectId === 'string' ? projectId : undefined,
  };
}
