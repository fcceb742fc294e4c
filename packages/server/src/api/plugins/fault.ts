import type { DomainErrorKind } from '@lbaas/core';

/** HTTP status of each domain error kind (the only place the mapping lives). */
export const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  unsupported_media_type: 415,
  not_implemented: 501,
  unavailable: 503,
};

/** Octavia's (WSME) fault body. */
export interface FaultBody {
  faultcode: 'Client' | 'Server';
  faultstring: string;
  debuginfo: string | null;
}

/** Builds the fault body for an HTTP status and message. */
export function faultBody(status: number, message: string): FaultBody {
  return { faultcode: status >= 500 ? 'Server' : 'Client', faultstring: message, debuginfo: null };
}
