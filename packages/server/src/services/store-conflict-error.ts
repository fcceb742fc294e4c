/** A write violated a unique constraint of the store (duplicate member, second health monitor, taken IP…). */
export class StoreConflictError extends Error {
  /** The table whose constraint was violated, e.g. 'port_ips' or 'members'. */
  readonly constraint: string;
  constructor(constraint: string, options?: { cause: unknown }) {
    super(`unique constraint violated on ${constraint}`, options);
    this.name = 'StoreConflictError';
    this.constraint = constraint;
  }
}
