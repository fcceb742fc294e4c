import { randomBytes } from 'node:crypto';
import type { IdentityRepositories, UserRecord } from '../services/identity-ports.js';
import type { Clock, IdGenerator, Store } from '../services/ports.js';
import { StoreConflictError } from '../services/store-conflict-error.js';
import {
  ADMIN_PASSWORD_FILE,
  AGENT_PASSWORD_FILE,
  readSecretFile,
  writeSecretFile,
} from './credential-files.js';
import { hashPassword, verifyPassword } from './password-hash.js';

/** Roles every installation has: Keystone's defaults, Octavia's advanced-RBAC roles and `service`. */
export const BOOTSTRAP_ROLES = [
  'admin',
  'member',
  'reader',
  'load-balancer_admin',
  'load-balancer_member',
  'load-balancer_observer',
  'load-balancer_global_observer',
  'load-balancer_quota_admin',
  'service',
] as const;

/** The user agents log in as (role admin on project `service`). */
export const AGENT_USER_NAME = 'lbaas-agent';
export const DEFAULT_DOMAIN_ID = 'default';

/** What bootstrap found or created. Passwords are set only when known to this process. */
export interface BootstrapResult {
  adminUserId: string;
  adminProjectId: string;
  serviceProjectId: string;
  agentUserId: string;
  /** From the config (LBAAS_ADMIN_PASSWORD), generated now, or read back from `<state-dir>/admin-password`. */
  adminPassword: string | undefined;
  /** Paths of secret files written by this start. */
  written: string[];
}

/** Options of the bootstrap. */
export interface BootstrapOptions {
  stateDir: string;
  adminPassword?: string | undefined;
  agentPassword?: string | undefined;
}

/** A random password of 32 URL-safe characters (192 bits). */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Creates, in one transaction, whatever of the bootstrap set is missing: domain `default` (Default),
 * projects `admin` and `service`, the roles, user `admin` (role admin on admin) and user `lbaas-agent`
 * (role admin on service). Idempotent: existing rows and passwords are kept — except that an explicitly
 * configured admin/agent password replaces a different stored one (a way to reset it). A generated
 * password is written to `<state-dir>/admin-password` / `agent-password` (0600) before the commit.
 */
export async function bootstrapIdentity(
  deps: { store: Store; clock: Clock; ids: IdGenerator },
  opts: BootstrapOptions,
): Promise<BootstrapResult> {
  try {
    return await deps.store.write((tx) => run(tx.identity, deps, opts));
  } catch (err) {
    // Another server bootstrapping the same database at the same moment: its rows are ours now.
    if (err instanceof StoreConflictError) return deps.store.write((tx) => run(tx.identity, deps, opts));
    throw err;
  }
}

async function run(
  r: IdentityRepositories,
  deps: { clock: Clock; ids: IdGenerator },
  opts: BootstrapOptions,
): Promise<BootstrapResult> {
  const now = deps.clock.nowIso();
  const newId = (): string => deps.ids.uuid().replace(/-/g, '');
  const written: string[] = [];
  if (!(await r.domains.get(DEFAULT_DOMAIN_ID))) {
    await r.domains.insert({
      id: DEFAULT_DOMAIN_ID,
      name: 'Default',
      description: 'The default domain',
      enabled: true,
      created_at: now,
    });
  }
  const roleIds = new Map<string, string>();
  for (const name of BOOTSTRAP_ROLES) {
    let role = (await r.roles.list({ name }))[0];
    if (!role) {
      role = { id: newId(), name, description: null, created_at: now };
      await r.roles.insert(role);
    }
    roleIds.set(name, role.id);
  }
  const project = async (name: string, description: string): Promise<string> => {
    const found = (await r.projects.list({ name, domain_id: DEFAULT_DOMAIN_ID }))[0];
    if (found) return found.id;
    const id = newId();
    await r.projects.insert({
      id,
      name,
      domain_id: DEFAULT_DOMAIN_ID,
      description,
      enabled: true,
      created_at: now,
    });
    return id;
  };
  const adminProjectId = await project('admin', 'Bootstrap project for initializing the cloud.');
  const serviceProjectId = await project('service', 'Project of the lbaas agents and other services.');
  const user = async (name: string, projectId: string, configured: string | undefined, file: string) => {
    let record: UserRecord | undefined = (await r.users.list({ name, domain_id: DEFAULT_DOMAIN_ID }))[0];
    let password = configured;
    if (!record) {
      if (password === undefined) {
        password = generatePassword();
        written.push(writeSecretFile(opts.stateDir, file, `${password}\n`));
      }
      record = {
        id: newId(),
        name,
        domain_id: DEFAULT_DOMAIN_ID,
        password_hash: await hashPassword(password),
        enabled: true,
        default_project_id: projectId,
        description: null,
        email: null,
        created_at: now,
      };
      await r.users.insert(record);
    } else if (
      password !== undefined &&
      !(record.password_hash && (await verifyPassword(password, record.password_hash)))
    ) {
      await r.users.update({ ...record, password_hash: await hashPassword(password) });
      await r.tokens.removeWhere({ user_id: record.id });
    }
    await r.roleAssignments.add({
      user_id: record.id,
      project_id: projectId,
      role_id: roleIds.get('admin') ?? '',
    });
    return { id: record.id, password };
  };
  const admin = await user('admin', adminProjectId, opts.adminPassword, ADMIN_PASSWORD_FILE);
  const agent = await user(AGENT_USER_NAME, serviceProjectId, opts.agentPassword, AGENT_PASSWORD_FILE);
  return {
    adminUserId: admin.id,
    adminProjectId,
    serviceProjectId,
    agentUserId: agent.id,
    adminPassword: admin.password ?? readSecretFile(opts.stateDir, ADMIN_PASSWORD_FILE),
    written,
  };
}
