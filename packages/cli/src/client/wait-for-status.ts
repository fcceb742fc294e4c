import { CliError } from '../cli-error.js';

/** Time source of waitForStatus (injectable for tests). */
export interface WaitClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Where progress goes: stderr; drawn only when it is a TTY. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): unknown;
}

/** What to poll and when to stop. */
export interface WaitForStatusOptions {
  /** The object's current state; undefined when it is gone (404). */
  fetch: () => Promise<Record<string, unknown> | undefined>;
  statusField: 'provisioning_status' | 'status';
  success: readonly string[];
  failure: readonly string[];
  /** Waiting for a delete: gone (or DELETED) is success. */
  deleted?: boolean;
  /** The object in messages, e.g. `load balancer lb1`. */
  label: string;
  timeoutS: number;
  /** Poll interval (default 500 ms; osc polls every 3 s). */
  intervalMs?: number;
  stream: ProgressStream;
  clock?: WaitClock;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';
/** Fields a server may explain a failure in. */
const REASON_FIELDS = ['provisioning_status_reason', 'status_reason', 'last_error'];

const systemClock: WaitClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * osc's `--wait`: polls until the status is a success one (or, for deletes, the object is gone). On a TTY a
 * spinner line shows the statuses and the time spent, and is replaced by a one-line summary at the end;
 * elsewhere nothing is printed. A failure status throws `<label> went to ERROR[: reason]`, the timeout
 * `Timed out after <n>s waiting for <label> (still <STATUS>)`. Resolves with the last object seen.
 */
export async function waitForStatus(
  opts: WaitForStatusOptions,
): Promise<Record<string, unknown> | undefined> {
  const clock = opts.clock ?? systemClock;
  const interval = opts.intervalMs ?? 500;
  const tty = opts.stream.isTTY === true;
  const start = clock.now();
  // a missing --timeout (NaN) means no deadline rather than a busy loop
  const deadline = Number.isFinite(opts.timeoutS) ? start + opts.timeoutS * 1000 : Infinity;
  const elapsed = (): string => `${((clock.now() - start) / 1000).toFixed(1)}s`;
  let frame = 0;
  try {
    for (;;) {
      const obj = await opts.fetch();
      if (obj === undefined) {
        if (!opts.deleted) throw new CliError(`${opts.label} not found`);
        if (tty) opts.stream.write(`${CLEAR_LINE}${opts.label}: deleted (${elapsed()})\n`);
        return undefined;
      }
      const status = String(obj[opts.statusField] ?? 'UNKNOWN');
      if (opts.success.includes(status)) {
        if (tty) opts.stream.write(`${CLEAR_LINE}${opts.label}: ${status} (${elapsed()})\n`);
        return obj;
      }
      if (opts.failure.includes(status)) {
        const reason = REASON_FIELDS.map((f) => obj[f]).find((v) => typeof v === 'string' && v !== '');
        throw new CliError(
          `${opts.label} went to ${status}${reason === undefined ? '' : `: ${String(reason)}`}`,
        );
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        throw new CliError(`Timed out after ${opts.timeoutS}s waiting for ${opts.label} (still ${status})`);
      }
      const shown = [obj.provisioning_status ?? status, obj.operating_status]
        .filter((v) => v !== undefined && v !== null)
        .join(' / ');
      const until = clock.now() + Math.min(interval, remaining);
      do {
        if (tty) {
          opts.stream.write(
            `${CLEAR_LINE}${FRAMES[frame++ % FRAMES.length]} waiting for ${opts.label}: ${shown} (${elapsed()})`,
          );
        }
        await clock.sleep(tty ? Math.min(REDRAW_MS, until - clock.now()) : until - clock.now());
      } while (clock.now() < until);
    }
  } catch (err) {
    if (tty) opts.stream.write(CLEAR_LINE);
    throw err;
  }
}
