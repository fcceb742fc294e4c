import type { ListenerStatsRecord } from './ports.js';

/** The FRONTEND counters of one `show stat` snapshot. */
export interface FrontendCounters {
  scur: number;
  stot: number;
  bin: number;
  bout: number;
  ereq: number;
}

/**
 * Folds one snapshot into a listener's accumulated stats. HAProxy's counters live in the worker process,
 * so a reload or restart starts them again from zero: when any cumulative counter went down, the whole
 * snapshot counts as new (delta = current value), otherwise the delta is the difference. The totals are
 * therefore monotonic. active_connections is a gauge and simply replaced.
 */
export function accumulateListenerStats(
  previous: ListenerStatsRecord | undefined,
  ids: { listener_id: string; load_balancer_id: string },
  row: FrontendCounters,
  now: string,
): ListenerStatsRecord {
  const raw = { bin: row.bin, bout: row.bout, stot: row.stot, ereq: row.ereq };
  const before = previous?.raw ?? { bin: 0, bout: 0, stot: 0, ereq: 0 };
  const reset =
    raw.bin < before.bin || raw.bout < before.bout || raw.stot < before.stot || raw.ereq < before.ereq;
  const delta = (key: keyof typeof raw): number => (reset ? raw[key] : raw[key] - before[key]);
  return {
    ...ids,
    bytes_in: (previous?.bytes_in ?? 0) + delta('bin'),
    bytes_out: (previous?.bytes_out ?? 0) + delta('bout'),
    active_connections: row.scur,
    total_connections: (previous?.total_connections ?? 0) + delta('stot'),
    request_errors: (previous?.request_errors ?? 0) + delta('ereq'),
    raw,
    updated_at: now,
  };
}
