import { parseIpv4, parseIpv6 } from '@lbaas/contract';
import type { VipDriver } from './vip-driver.js';

/** True for an address in 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string): boolean {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return v4[0] === 127;
  const v6 = parseIpv6(address);
  return v6 !== undefined && v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1;
}

/**
 * `loopback` networking mode (DESIGN.md §4): Linux routes all of 127.0.0.0/8 to `lo`, so HAProxy can bind
 * any such address without plumbing. The driver only refuses addresses this mode cannot serve.
 */
export class LoopbackVipDriver implements VipDriver {
  plug(address: string): Promise<void> {
    return this.validate(address);
  }

  unplug(address: string): Promise<void> {
    return this.validate(address);
  }

  private validate(address: string): Promise<void> {
    if (isLoopbackAddress(address)) return Promise.resolve();
    return Promise.reject(
      new Error(
        `loopback VIP mode serves only 127.0.0.0/8 and ::1; ${JSON.stringify(address)} is not one of them`,
      ),
    );
  }
}
