import type { ApiClient } from '../client/api-client.js';
import { waitForStatus } from '../client/wait-for-status.js';
import type { ActionContext } from './action-kit.js';

/** The object under `key` at `path`, or undefined once it is gone (404). */
export async function fetchObject(
  client: ApiClient,
  path: string,
  key: string,
): Promise<Record<string, unknown> | undefined> {
  const body = await client.requestOptional<Record<string, Record<string, unknown>>>(
    'load-balancer',
    'GET',
    path,
  );
  return body?.[key];
}

/** The object under `key` at `path` (a 404 is the server's fault, reported as such). */
export async function showObject(
  client: ApiClient,
  path: string,
  key: string,
): Promise<Record<string, unknown>> {
  const body = await client.request<Record<string, Record<string, unknown>>>('load-balancer', 'GET', path);
  return body[key] ?? {};
}

/** With --wait: polls `path` until provisioning_status is ACTIVE (ERROR or the timeout fail). */
export async function waitActiveIfAsked(
  ctx: ActionContext,
  client: ApiClient,
  path: string,
  key: string,
  label: string,
  statusField: 'provisioning_status' | 'status' = 'provisioning_status',
): Promise<void> {
  if (ctx.flags['wait'] !== true) return;
  await waitForStatus({
    fetch: () => fetchObject(client, path, key),
    statusField,
    success: ['ACTIVE'],
    failure: ['ERROR'],
    label,
    timeoutS: Number(ctx.flags['timeout']),
    stream: ctx.stderr,
  });
}

/** With --wait: polls `path` until it answers 404 or shows DELETED. */
export async function waitDeletedIfAsked(
  ctx: ActionContext,
  client: ApiClient,
  path: string,
  key: string,
  label: string,
  statusField: 'provisioning_status' | 'status' = 'provisioning_status',
): Promise<void> {
  if (ctx.flags['wait'] !== true) return;
  await waitForStatus({
    fetch: () => fetchObject(client, path, key),
    statusField,
    success: ['DELETED'],
    failure: ['ERROR'],
    deleted: true,
    label,
    timeoutS: Number(ctx.flags['timeout']),
    stream: ctx.stderr,
  });
}

/** The id of the load balancer a freshly created child belongs to (`loadbalancers[0].id`). */
export function parentLoadBalancerId(obj: Record<string, unknown>): string | undefined {
  const lbs = obj['loadbalancers'] as { id: string }[] | undefined;
  return lbs?.[0]?.id;
}

/** The API path of one load balancer. */
export function lbPath(id: string): string {
  return `/v2.0/lbaas/loadbalancers/${encodeURIComponent(id)}`;
}
