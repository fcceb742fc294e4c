import type { DomainRecord, ProjectRecord, RoleRecord, UserRecord } from '../services/identity-ports.js';
import type { AssignmentDetail } from './identity-admin.service.js';
import type { ValidToken } from './identity.service.js';
import { tokenCatalog } from './token-catalog.js';

/** A JSON object of the identity API. */
export type KeystoneView = Record<string, unknown>;

/** Keystone's timestamp format: microseconds and a `Z`. */
export function keystoneTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** The v3 version document (shared/spec/openstack-clients.md §1.2). */
export function versionV3(publicUrl: string): KeystoneView {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${publicUrl}/identity/v3/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/** `{id, name}` of a record (a reference inside a token). */
function idAndName(r: { id: string; name: string }): KeystoneView {
  return { id: r.id, name: r.name };
}

/** Renders records with links relative to `<public>/identity/v3`. */
export class KeystoneViews {
  readonly v3: string;
  constructor(
    readonly publicUrl: string,
    private readonly region: string,
  ) {
    this.v3 = `${publicUrl}/identity/v3`;
  }

  /** `{"links": {...}}` of a collection. */
  listLinks(path: string): KeystoneView {
    return { self: `${this.v3}/${path}`, previous: null, next: null };
  }

  /** An entity of `collection`: `id` first, then `fields`, then its `links`. */
  private entity(collection: string, id: string, fields: KeystoneView): KeystoneView {
    return { id, ...fields, links: { self: `${this.v3}/${collection}/${id}` } };
  }

  domain(d: DomainRecord): KeystoneView {
    return this.entity('domains', d.id, {
      name: d.name,
      description: d.description,
      enabled: d.enabled,
      tags: [],
      options: {},
    });
  }

  project(p: ProjectRecord): KeystoneView {
    return this.entity('projects', p.id, {
      name: p.name,
      domain_id: p.domain_id,
      description: p.description,
      enabled: p.enabled,
      parent_id: p.domain_id,
      is_domain: false,
      tags: [],
      options: {},
    });
  }

  /** A user, never with its password or hash. */
  user(u: UserRecord): KeystoneView {
    return this.entity('users', u.id, {
      name: u.name,
      domain_id: u.domain_id,
      enabled: u.enabled,
      password_expires_at: null,
      options: {},
      ...(u.default_project_id !== null ? { default_project_id: u.default_project_id } : {}),
      ...(u.description !== null ? { description: u.description } : {}),
      ...(u.email !== null ? { email: u.email } : {}),
    });
  }

  role(r: RoleRecord): KeystoneView {
    return this.entity('roles', r.id, {
      name: r.name,
      domain_id: null,
      description: r.description,
      options: {},
    });
  }

  /** One entry of `GET /v3/role_assignments`. */
  assignment(d: AssignmentDetail, includeNames: boolean): KeystoneView {
    const a = d.assignment;
    const named = <T extends KeystoneView>(base: T, extra: KeystoneView): KeystoneView =>
      includeNames ? { ...base, ...extra } : base;
    const domainOf = (dom: DomainRecord | undefined, id: string | undefined): KeystoneView => ({
      id: dom?.id ?? id,
      name: dom?.name,
    });
    return {
      role: named({ id: a.role_id }, { name: d.role?.name }),
      user: named(
        { id: a.user_id },
        { name: d.user?.name, domain: domainOf(d.userDomain, d.user?.domain_id) },
      ),
      scope: {
        project: named(
          { id: a.project_id },
          { name: d.project?.name, domain: domainOf(d.projectDomain, d.project?.domain_id) },
        ),
      },
      links: { assignment: `${this.v3}/projects/${a.project_id}/users/${a.user_id}/roles/${a.role_id}` },
    };
  }

  /** The body of an issued or validated token. */
  token(t: ValidToken): KeystoneView {
    return {
      token: {
        methods: ['password'],
        user: {
          ...idAndName(t.user),
          domain: idAndName(t.userDomain),
          password_expires_at: null,
        },
        audit_ids: [],
        expires_at: keystoneTime(t.expiresAtMs),
        issued_at: keystoneTime(t.issuedAtMs),
        project: {
          ...idAndName(t.project),
          domain: idAndName(t.projectDomain),
        },
        is_domain: false,
        roles: t.roles.map(idAndName),
        catalog: tokenCatalog(this.publicUrl, this.region),
      },
    };
  }
}
