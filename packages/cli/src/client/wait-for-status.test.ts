import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CliError } from '../cli-error.js';
import { waitForStatus, type WaitClock, type WaitForStatusOptions } from './wait-for-status.js';

function fakeClock(): WaitClock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: (ms: number) => {
      clock.t += ms;
      return Promise.resolve();
    },
  };
  return clock;
}

function stream(isTTY: boolean): { isTTY: boolean; write(s: string): boolean; out: string } {
  const s = {
    isTTY,
    out: '',
    write(chunk: string) {
      s.out += chunk;
      return true;
    },
  };
  return s;
}

/** fetch answering the given states in turn (the last one repeats). */
function states(
  ...list: Array<Record<string, unknown> | undefined>
): () => Promise<Record<string, unknown> | undefined> {
  let i = 0;
  return () => Promise.resolve(list[Math.min(i++, list.length - 1)]);
}

const base = (over: Partial<WaitForStatusOptions>): WaitForStatusOptions => ({
  fetch: states(),
  statusField: 'provisioning_status',
  success: ['ACTIVE'],
  failure: ['ERROR'],
  label: 'load balancer lb1',
  timeoutS: 10,
  stream: stream(false),
  clock: fakeClock(),
  ...over,
});

test('waits until ACTIVE; silent without a TTY', async () => {
  const s = stream(false);
  const clock = fakeClock();
  const obj = await waitForStatus(
    base({
      fetch: states(
        { provisioning_status: 'PENDING_CREATE' },
        { provisioning_status: 'PENDING_CREATE' },
        { provisioning_status: 'ACTIVE', id: 'x' },
      ),
      stream: s,
      clock,
    }),
  );
  assert.deepEqual(obj, { provisioning_status: 'ACTIVE', id: 'x' });
  assert.equal(clock.t, 1000);
  assert.equal(s.out, '');
});

test('on a TTY: a spinner with both statuses and the time, then a summary line', async () => {
  const s = stream(true);
  await waitForStatus(
    base({
      fetch: states(
        { provisioning_status: 'PENDING_CREATE', operating_status: 'OFFLINE' },
        { provisioning_status: 'ACTIVE', operating_status: 'ONLINE' },
      ),
      stream: s,
      intervalMs: 300,
    }),
  );
  const frames = s.out.split('\r\x1b[2K').filter((f) => f !== '');
  assert.deepEqual(frames, [
    '⠋ waiting for load balancer lb1: PENDING_CREATE / OFFLINE (0.0s)',
    '⠙ waiting for load balancer lb1: PENDING_CREATE / OFFLINE (0.1s)',
    '⠹ waiting for load balancer lb1: PENDING_CREATE / OFFLINE (0.2s)',
    'load balancer lb1: ACTIVE (0.3s)\n',
  ]);
});

test('ERROR fails with the reason when the object carries one; the TTY line is cleared', async () => {
  const s = stream(true);
  await assert.rejects(
    waitForStatus(
      base({
        fetch: states(
          { provisioning_status: 'PENDING_UPDATE' },
          { provisioning_status: 'ERROR', provisioning_status_reason: 'haproxy failed' },
        ),
        stream: s,
      }),
    ),
    (err: unknown) =>
      err instanceof CliError && err.message === 'load balancer lb1 went to ERROR: haproxy failed',
  );
  assert.ok(s.out.endsWith('\r\x1b[2K'));
  await assert.rejects(
    waitForStatus(base({ fetch: states({ provisioning_status: 'ERROR' }) })),
    (err: unknown) => err instanceof CliError && err.message === 'load balancer lb1 went to ERROR',
  );
});

test('timeout: "Timed out after <n>s waiting for <label> (still <STATUS>)", exit code 1', async () => {
  const clock = fakeClock();
  await assert.rejects(
    waitForStatus(base({ fetch: states({ provisioning_status: 'PENDING_CREATE' }), timeoutS: 2, clock })),
    (err: unknown) =>
      err instanceof CliError &&
      err.exitCode === 1 &&
      err.message === 'Timed out after 2s waiting for load balancer lb1 (still PENDING_CREATE)',
  );
  assert.equal(clock.t, 2000);
});

test('deleted: success once gone (404) or DELETED', async () => {
  const s = stream(true);
  const gone = await waitForStatus(
    base({
      fetch: states({ provisioning_status: 'PENDING_DELETE' }, undefined),
      deleted: true,
      success: ['DELETED'],
      stream: s,
    }),
  );
  assert.equal(gone, undefined);
  assert.ok(s.out.endsWith('load balancer lb1: deleted (0.5s)\n'));
  const marked = await waitForStatus(
    base({
      fetch: states({ status: 'DELETED' }),
      deleted: true,
      success: ['DELETED'],
      statusField: 'status',
    }),
  );
  assert.deepEqual(marked, { status: 'DELETED' });
});

test('an object that vanishes while waiting for ACTIVE is an error', async () => {
  await assert.rejects(waitForStatus(base({ fetch: states(undefined) })), /load balancer lb1 not found/);
});

test('amphorae: the status field', async () => {
  const s = stream(true);
  await waitForStatus(
    base({
      fetch: states({ status: 'PENDING_CREATE' }, { status: 'ALLOCATED' }),
      statusField: 'status',
      success: ['ALLOCATED'],
      label: 'amphora a1',
      stream: s,
    }),
  );
  assert.ok(s.out.includes('waiting for amphora a1: PENDING_CREATE (0.0s)'));
  assert.ok(s.out.endsWith('amphora a1: ALLOCATED (0.5s)\n'));
});

test('without a finite timeout it keeps polling at the interval', async () => {
  const clock = fakeClock();
  await waitForStatus(
    base({
      fetch: states(
        { provisioning_status: 'PENDING_CREATE' },
        { provisioning_status: 'PENDING_CREATE' },
        { provisioning_status: 'ACTIVE' },
      ),
      timeoutS: Number(undefined),
      clock,
    }),
  );
  assert.equal(clock.t, 1000);
});
