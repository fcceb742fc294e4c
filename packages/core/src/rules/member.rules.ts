import { DomainError, validationFailure } from '../errors/domain-error.js';
import type { MemberCreateInput, MemberUpdateInput } from '../model/inputs.js';
import type { MemberRecord, PoolRecord } from '../model/records.js';
import { canonicalIp, parseIpAddress } from '../net/ip-address.js';
import { boolField, conflict, invalidOption, putValue, required, sameStrings } from './field-values.js';

/** Context of a member create. */
export interface BuildMemberContext {
  id: string;
  now: string;
  pool: PoolRecord;
  /** Whether the pool has a health monitor (decides OFFLINE vs NO_MONITOR, §3.2). */
  hasHealthMonitor: boolean;
  /** The pool's other members. */
  siblings: readonly MemberRecord[];
  /** `[networking] reserved_ips` (default `169.254.169.254`). */
  reservedIps: readonly string[];
}

/**
 * New member: OFFLINE if the pool has a HM else NO_MONITOR; 409 duplicate address+port; reserved
 * 169.254.169.254 (400 `169.254.169.254 is not a valid option for member address`).
 */
export function buildMember(input: MemberCreateInput, ctx: BuildMemberContext): MemberRecord {
  const address = required(input.address, 'address');
  const protocolPort = required(input.protocol_port, 'protocol_port');
  checkNotReserved(address, ctx.reservedIps);
  // No flavor can grant SR-IOV member ports in this deployment.
  if (input.request_sriov === true) {
    throw new DomainError('invalid', 'The load balancer flavor does not allow SR-IOV member ports.');
  }
  const key = memberKey(address, protocolPort);
  if (ctx.siblings.some((m) => isLive(m) && memberKey(m.address, m.protocol_port) === key)) {
    throw duplicateMember(address, protocolPort);
  }
  return {
    id: ctx.id,
    project_id: ctx.pool.project_id,
    provisioning_status: 'PENDING_CREATE',
    operating_status: ctx.hasHealthMonitor ? 'OFFLINE' : 'NO_MONITOR',
    admin_state_up: boolField(input.admin_state_up, true),
    tags: input.tags ?? [],
    created_at: ctx.now,
    updated_at: null,
    load_balancer_id: ctx.pool.load_balancer_id,
    pool_id: ctx.pool.id,
    name: input.name ?? null,
    address,
    protocol_port: protocolPort,
    weight: input.weight ?? 1,
    backup: input.backup ?? false,
    subnet_id: input.subnet_id ?? null,
    monitor_address: input.monitor_address ?? null,
    monitor_port: input.monitor_port ?? null,
    vnic_type: 'normal',
  };
}

/** Applies a member PUT (weight null → 1, backup null → false, others cleared). Keeps statuses. */
export function applyMemberUpdate(
  stored: MemberRecord,
  patch: MemberUpdateInput,
  ctx: { now: string },
): MemberRecord {
  return {
    ...stored,
    admin_state_up: boolField(patch.admin_state_up, stored.admin_state_up),
    tags: putValue(patch.tags, stored.tags, []),
    updated_at: ctx.now,
    name: putValue(patch.name, stored.name, null),
    weight: putValue(patch.weight, stored.weight, 1),
    backup: putValue(patch.backup, stored.backup, false),
    monitor_address: putValue(patch.monitor_address, stored.monitor_address, null),
    monitor_port: putValue(patch.monitor_port, stored.monitor_port, null),
  };
}

/** What a batch member PUT does to a pool's members. */
export interface MemberBatchPlan {
  create: MemberCreateInput[];
  update: { stored: MemberRecord; input: MemberCreateInput }[];
  remove: MemberRecord[];
}

/**
 * Batch PUT /pools/{id}/members (§4.4): match on (address, protocol_port); 400 `Validation failure: Member
 * must be updated only once in the same request.`; a new address+port twice → the duplicate 409.
 */
export function planMemberBatch(
  existing: readonly MemberRecord[],
  requested: readonly MemberCreateInput[],
  additiveOnly: boolean,
): MemberBatchPlan {
  const live = existing.filter(isLive);
  const byKey = new Map(live.map((m) => [memberKey(m.address, m.protocol_port), m]));
  const plan: MemberBatchPlan = { create: [], update: [], remove: [] };
  const requestedKeys = new Set<string>();
  for (const input of requested) {
    const address = required(input.address, 'address');
    const protocolPort = required(input.protocol_port, 'protocol_port');
    const key = memberKey(address, protocolPort);
    const seen = requestedKeys.has(key);
    requestedKeys.add(key);
    const stored = byKey.get(key);
    if (stored !== undefined) {
      if (seen) throw validationFailure('Member must be updated only once in the same request.');
      plan.update.push({ stored, input });
    } else {
      // Octavia would insert both and hit the (pool, address, port) unique constraint.
      if (seen) throw duplicateMember(address, protocolPort);
      plan.create.push(input);
    }
  }
  if (!additiveOnly) {
    plan.remove = live.filter((m) => !requestedKeys.has(memberKey(m.address, m.protocol_port)));
  }
  return plan;
}

/**
 * Batch update of a matched member: POST defaults reset (weight 1, admin_state_up true, backup false,
 * monitor_* null); name/tags/subnet_id kept when omitted. Returns the record unchanged (same object) when
 * nothing differs.
 */
export function applyMemberBatchUpdate(
  stored: MemberRecord,
  input: MemberCreateInput,
  now: string,
): MemberRecord {
  const next = {
    name: putValue(input.name, stored.name, null),
    tags: putValue(input.tags, stored.tags, []),
    subnet_id: input.subnet_id ?? stored.subnet_id,
    weight: input.weight ?? 1,
    admin_state_up: boolField(input.admin_state_up, true),
    backup: input.backup ?? false,
    monitor_address: input.monitor_address ?? null,
    monitor_port: input.monitor_port ?? null,
  };
  const unchanged =
    next.name === stored.name &&
    sameStrings(next.tags, stored.tags) &&
    next.subnet_id === stored.subnet_id &&
    next.weight === stored.weight &&
    next.admin_state_up === stored.admin_state_up &&
    next.backup === stored.backup &&
    next.monitor_address === stored.monitor_address &&
    next.monitor_port === stored.monitor_port;
  return unchanged ? stored : { ...stored, ...next, updated_at: now };
}

/** 409 `Another member on this pool is already using ip <ip> on protocol_port <n>`. */
export function duplicateMember(address: string, protocolPort: number): DomainError {
  return conflict(
    `Another member on this pool is already using ip ${address} on protocol_port ${protocolPort}`,
  );
}

/** 400 when the address is one of the deployment's reserved IPs (compared in canonical form). */
export function checkNotReserved(address: string, reservedIps: readonly string[]): void {
  const canonical = canonicalIp(address);
  if (reservedIps.some((r) => parseIpAddress(r) !== undefined && canonicalIp(r) === canonical)) {
    throw invalidOption(explodedUpper(address), 'member address');
  }
}

/** Octavia prints the address as Python's `ip_address(a).exploded.upper()`. */
function explodedUpper(address: string): string {
  const parsed = parseIpAddress(address);
  if (parsed === undefined || parsed.version === 4) return address;
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) {
    groups.push(((parsed.value >> shift) & 0xffffn).toString(16).padStart(4, '0').toUpperCase());
  }
  return groups.join(':');
}

/** Identity of a member inside its pool: canonical address and port. */
function memberKey(address: string, protocolPort: number): string {
  const parsed = parseIpAddress(address);
  return `${parsed === undefined ? address : canonicalIp(address)}|${protocolPort}`;
}

/** Members on their way out or gone do not block or match anything. */
function isLive(m: MemberRecord): boolean {
  return m.provisioning_status !== 'DELETED' && m.provisioning_status !== 'PENDING_DELETE';
}
