import { setTimeout as delay } from 'node:timers/promises';

/** Time source for bounded waits, so tests can drive timeouts without real sleeping. */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** Clock over performance.now() and timers. */
export class SystemClock implements Clock {
  now(): number {
    return performance.now();
  }

  async sleep(ms: number): Promise<void> {
    await delay(ms);
  }
}
