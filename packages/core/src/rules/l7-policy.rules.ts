import { DomainError } from '../errors/domain-error.js';
import type {
  L7PolicyAction,
  L7PolicyRecord,
  ListenerRecord,
  LoadBalancerRecord,
  PoolRecord,
} from '../model/records.js';
import { boolField, putValue, required } from './field-values.js';
import { checkListenerPoolProtocol, listenerNoChildren } from './protocol-matrix.js';

/** Highest (and default: "append") L7 policy position. */
export const L7POLICY_MAX_POSITION = 2147483647;

/** L7 policy fields accepted by both POST and PUT (wire names). */
export interface L7PolicyUpdateInput {
  name?: string | null;
  description?: string | null;
  admin_state_up?: boolean | null;
  action?: string | null;
  redirect_pool_id?: string | null;
  redirect_url?: string | null;
  redirect_prefix?: string | null;
  redirect_http_code?: number | null;
  position?: number | null;
  tags?: string[] | null;
}

/** Body of POST /l7policies. */
export interface L7PolicyCreateInput extends L7PolicyUpdateInput {
  listener_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  project_id?: string | null;
  /** Ignored: children inherit the load balancer's project. */
  tenant_id?: string | null;
}

/** The redirect arguments sanitising looks at (absent key = undefined, JSON null = null). */
interface RedirectArgs {
  action?: string | null | undefined;
  redirect_pool_id?: string | null | undefined;
  redirect_url?: string | null | undefined;
  redirect_prefix?: string | null | undefined;
  redirect_http_code?: number | null | undefined;
}

/** Listener protocols the amphora-style data plane accepts L7 policies on. */
const L7_LISTENER_PROTOCOLS: readonly string[] = ['HTTP', 'TERMINATED_HTTPS'];

function invalidArgs(msg: string): DomainError {
  return new DomainError('invalid', `Invalid L7 Policy arguments: ${msg}`);
}

function invalidAction(action: string | null | undefined): DomainError {
  return new DomainError('invalid', `Invalid L7 Policy action specified: ${action ?? 'None'}`);
}

/**
 * Octavia's sanitize_l7policy_api_args on the keys the request carried: checks the action's required
 * argument, clears the arguments other actions use and derives the action from a lone redirect argument.
 */
export function sanitizeL7PolicyArgs<T extends RedirectArgs>(input: T): T {
  const p: T = { ...input };
  if (p.action !== undefined) {
    switch (p.action) {
      case 'REJECT':
        p.redirect_url = null;
        p.redirect_pool_id = null;
        break;
      case 'REDIRECT_TO_URL':
        if (!p.redirect_url) throw invalidArgs('redirect_url must not be None');
        p.redirect_pool_id = null;
        break;
      case 'REDIRECT_TO_POOL':
        if (!p.redirect_pool_id) throw invalidArgs('redirect_pool_id or redirect_pool must not be None');
        p.redirect_url = null;
        break;
      case 'REDIRECT_PREFIX':
        if (!p.redirect_prefix) throw invalidArgs('redirect_prefix must not be None');
        break;
      default:
        throw invalidAction(p.action);
    }
  }
  if (p.redirect_pool_id && (p.redirect_url || p.redirect_prefix)) {
    throw invalidArgs('Cannot specify redirect_pool_id and redirect_url or redirect_prefix at the same time');
  }
  if (p.redirect_pool_id) {
    p.action = 'REDIRECT_TO_POOL';
    p.redirect_url = null;
    p.redirect_prefix = null;
    p.redirect_http_code = null;
  }
  if (p.redirect_url) {
    p.action = 'REDIRECT_TO_URL';
    p.redirect_pool_id = null;
    p.redirect_prefix = null;
    if (!p.redirect_http_code) p.redirect_http_code = 302;
  }
  if (p.redirect_prefix) {
    p.action = 'REDIRECT_PREFIX';
    p.redirect_pool_id = null;
    p.redirect_url = null;
    if (!p.redirect_http_code) p.redirect_http_code = 302;
  }
  return p;
}

/**
 * A listener can carry L7 policies: PROMETHEUS → 400 (no children); anything but HTTP/TERMINATED_HTTPS →
 * the provider's 501 (`<P> protocol listeners do not support L7 policies`).
 */
export function checkL7PolicyListener(listener: ListenerRecord, loadBalancer: LoadBalancerRecord): void {
  if (listener.protocol === 'PROMETHEUS') throw listenerNoChildren(listener.protocol);
  if (!L7_LISTENER_PROTOCOLS.includes(listener.protocol)) {
    throw new DomainError(
      'not_implemented',
      `Provider '${loadBalancer.provider}' does not support a requested option: ${listener.protocol} protocol listeners do not support L7 policies`,
    );
  }
}

/** A redirect pool must be protocol-compatible with the policy's listener (§5.1). */
export function checkL7PolicyRedirectPool(listener: ListenerRecord, pool: PoolRecord): void {
  checkListenerPoolProtocol(listener.protocol, pool.protocol);
}

/** Context of an L7 policy create. */
export interface BuildL7PolicyContext {
  id: string;
  now: string;
  listener: ListenerRecord;
}

/** New policy (PENDING_CREATE / OFFLINE) with sanitised redirect arguments; the position is placed later. */
export function buildL7Policy(input: L7PolicyCreateInput, ctx: BuildL7PolicyContext): L7PolicyRecord {
  required(input.action, 'action');
  const args = sanitizeL7PolicyArgs({
    action: input.action,
    redirect_pool_id: input.redirect_pool_id,
    redirect_url: input.redirect_url,
    redirect_prefix: input.redirect_prefix,
    redirect_http_code: input.redirect_http_code,
  });
  return {
    id: ctx.id,
    project_id: ctx.listener.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: 'OFFLINE',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: ctx.listener.load_balancer_id,
    listener_id: ctx.listener.id,
    name: input.name ?? null,
    description: input.description ?? null,
    action: args.action as L7PolicyAction,
    redirect_pool_id: args.redirect_pool_id ?? null,
    redirect_url: args.redirect_url ?? null,
    redirect_prefix: args.redirect_prefix ?? null,
    redirect_http_code: args.redirect_http_code ?? null,
    position: input.position ?? L7POLICY_MAX_POSITION,
  };
}

/**
 * Applies an L7 policy PUT: sanitises the given redirect keys (a REJECT also drops prefix and code), then
 * PUT semantics for the rest. An empty PUT is Octavia's 400 `Invalid update options`.
 */
export function applyL7PolicyUpdate(
  stored: L7PolicyRecord,
  patch: L7PolicyUpdateInput,
  ctx: { now: string },
): L7PolicyRecord {
  const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  if (Object.keys(given).length === 0) throw invalidArgs('Invalid update options');
  const args = sanitizeL7PolicyArgs({
    action: patch.action,
    redirect_pool_id: patch.redirect_pool_id,
    redirect_url: patch.redirect_url,
    redirect_prefix: patch.redirect_prefix,
    redirect_http_code: patch.redirect_http_code,
  });
  if (args.action === 'REJECT') {
    args.redirect_prefix = null;
    args.redirect_http_code = null;
  }
  return {
    ...stored,
    updated_at: ctx.now,
    name: putValue(patch.name, stored.name, null),
    description: putValue(patch.description, stored.description, null),
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
    action: (args.action ?? stored.action) as L7PolicyAction,
    redirect_pool_id: putValue(args.redirect_pool_id, stored.redirect_pool_id, null),
    redirect_url: putValue(args.redirect_url, stored.redirect_url, null),
    redirect_prefix: putValue(args.redirect_prefix, stored.redirect_prefix, null),
    redirect_http_code: putValue(args.redirect_http_code, stored.redirect_http_code, null),
    position: putValue(patch.position, stored.position, L7POLICY_MAX_POSITION),
  };
}

/** Whether an L7 object still counts (not being deleted, not deleted). */
export function isLiveL7(o: { provisioning_status: string }): boolean {
  return o.provisioning_status !== 'PENDING_DELETE' && o.provisioning_status !== 'DELETED';
}

/**
 * Octavia's ordered list of a listener's policies: `policy` is put at index `position` (1-based; anything
 * past the end appends) among its live `siblings`, and all are renumbered 1..N. Returns every policy of
 * the new order with its new position (`policy` included); omit `policy` to just close gaps.
 */
export function placeL7Policy(
  siblings: readonly L7PolicyRecord[],
  policy?: L7PolicyRecord,
): L7PolicyRecord[] {
  const others = siblings
    .filter((p) => p.id !== policy?.id && isLiveL7(p))
    .sort(
      (a, b) =>
        a.position - b.position || a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id),
    );
  const order: L7PolicyRecord[] = [...others];
  if (policy) {
    const index = Math.min(Math.max(policy.position, 1), others.length + 1) - 1;
    order.splice(index, 0, policy);
  }
  return order.map((p, i) => ({ ...p, position: i + 1 }));
}
