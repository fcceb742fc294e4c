import { validationFailure } from '../errors/domain-error.js';
import type { LoadBalancerRecord } from '../model/records.js';
import { normalizeCidr, parseCidr } from '../net/cidr.js';
import { ipVersion } from '../net/ip-address.js';
import { pythonList } from './field-values.js';

/**
 * Listener `allowed_cidrs` (§4.2): each CIDR normalised to its network address, duplicates dropped (first
 * occurrence kept), and its IP version checked against every VIP of the load balancer. Empty or absent → null.
 */
export function normalizeAllowedCidrs(
  cidrs: readonly string[] | null | undefined,
  loadBalancer: LoadBalancerRecord,
): string[] | null {
  if (cidrs === null || cidrs === undefined || cidrs.length === 0) return null;
  const normalized = [...new Set(cidrs.map(normalizeCidr))];
  const vips = [loadBalancer.vip_address, ...loadBalancer.additional_vips.map((v) => v.ip_address)];
  const vipVersions = new Set(vips.map(ipVersion));
  for (const cidr of normalized) {
    if (!vipVersions.has(parseCidr(cidr)?.version)) {
      throw validationFailure(
        `CIDR ${cidr} IP version incompatible with all VIPs ${pythonList(vips)} IP version.`,
      );
    }
  }
  // With user-supplied VIP security groups the operator owns ingress filtering, so Octavia refuses both.
  if (loadBalancer.vip_sg_ids.length > 0) {
    throw validationFailure('Allowed CIDRs are not allowed when using custom VIP Security Groups.');
  }
  return normalized;
}
