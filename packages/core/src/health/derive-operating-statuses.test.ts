import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OperatingStatus } from '../model/status.js';
import type { DesiredState } from '../plan/load-balancer-tree.js';
import { lbRecord, listenerRecord, memberRecord, poolRecord } from '../rules/test-fixtures.js';
import { deriveOperatingStatuses, type HealthStatRow } from './derive-operating-statuses.js';

// One LB, listener L1 → pool P1 (members M1, M2); pool P2 (member M3) is used by no listener unless a
// case reports it.
function tree(
  over: {
    lbAdminUp?: boolean;
    lbProv?: 'ACTIVE' | 'PENDING_UPDATE';
    listenerUp?: boolean;
    m2Status?: OperatingStatus;
  } = {},
): DesiredState {
  return {
    revision: 1,
    loadBalancer: lbRecord({
      admin_state_up: over.lbAdminUp ?? true,
      provisioning_status: over.lbProv ?? 'ACTIVE',
    }),
    listeners: [listenerRecord({ id: 'L1', default_pool_id: 'P1', admin_state_up: over.listenerUp ?? true })],
    pools: [poolRecord({ id: 'P1', operating_status: 'ONLINE' }), poolRecord({ id: 'P2' })],
    members: [
      memberRecord({ id: 'M1', pool_id: 'P1', operating_status: 'ONLINE' }),
      memberRecord({ id: 'M2', pool_id: 'P1', operating_status: over.m2Status ?? 'ONLINE' }),
      memberRecord({ id: 'M3', pool_id: 'P2', operating_status: 'OFFLINE' }),
    ],
    healthMonitors: [],
    l7Policies: [],
    l7Rules: [],
  };
}

const fe = (status = 'OPEN', scur = 0, slim: number | null = 100): HealthStatRow => ({
  pxname: 'L1',
  svname: 'FRONTEND',
  type: 'frontend',
  status,
  scur,
  slim,
  weight: 0,
});
const be = (pool: string, status = 'UP'): HealthStatRow => ({
  pxname: `${pool}:L1`,
  svname: 'BACKEND',
  type: 'backend',
  status,
  scur: 0,
  slim: null,
  weight: 2,
});
const srv = (pool: string, member: string, status: string, weight = 1): HealthStatRow => ({
  pxname: `${pool}:L1`,
  svname: member,
  type: 'server',
  status,
  scur: 0,
  slim: null,
  weight,
});

interface Case {
  name: string;
  tree?: DesiredState;
  rows: HealthStatRow[];
  lb: OperatingStatus;
  listener?: OperatingStatus;
  p1?: OperatingStatus;
  p2?: OperatingStatus;
  m1?: OperatingStatus;
  m2?: OperatingStatus;
  m3?: OperatingStatus;
}

const healthy = [fe(), be('P1'), srv('P1', 'M1', 'UP'), srv('P1', 'M2', 'UP')];
const cases: Case[] = [
  {
    name: 'all up',
    rows: healthy,
    lb: 'ONLINE',
    listener: 'ONLINE',
    p1: 'ONLINE',
    m1: 'ONLINE',
    m2: 'ONLINE',
  },
  {
    name: 'unused pool is OFFLINE, its members untouched',
    rows: healthy,
    lb: 'ONLINE',
    p2: 'OFFLINE',
    m3: 'OFFLINE',
  },
  {
    name: 'one member DOWN → member ERROR, pool and LB DEGRADED',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'UP'), srv('P1', 'M2', 'DOWN')],
    lb: 'DEGRADED',
    p1: 'DEGRADED',
    m2: 'ERROR',
  },
  {
    name: 'failing but not yet down (UP 1/3) is ONLINE, recovering (DOWN 1/2) is ERROR',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'UP 1/3'), srv('P1', 'M2', 'DOWN 1/2')],
    lb: 'DEGRADED',
    m1: 'ONLINE',
    m2: 'ERROR',
  },
  {
    name: 'backend DOWN → pool ERROR, LB ERROR',
    rows: [fe(), be('P1', 'DOWN'), srv('P1', 'M1', 'DOWN'), srv('P1', 'M2', 'DOWN')],
    lb: 'ERROR',
    p1: 'ERROR',
    m1: 'ERROR',
  },
  {
    name: 'UP with weight 0 → DRAINING; admin DRAIN and NOLB too',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'UP', 0), srv('P1', 'M2', 'NOLB')],
    lb: 'ONLINE',
    p1: 'ONLINE',
    m1: 'DRAINING',
    m2: 'DRAINING',
  },
  {
    name: 'MAINT (disabled member) and MAINT(via) → OFFLINE',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'MAINT'), srv('P1', 'M2', 'MAINT(via)')],
    lb: 'ONLINE',
    m1: 'OFFLINE',
    m2: 'OFFLINE',
  },
  {
    name: 'no check → NO_MONITOR, also with weight 0',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'no check'), srv('P1', 'M2', 'no check', 0)],
    lb: 'ONLINE',
    m1: 'NO_MONITOR',
    m2: 'NO_MONITOR',
  },
  {
    name: 'member missing from the report → OFFLINE',
    rows: [fe(), be('P1'), srv('P1', 'M1', 'UP')],
    lb: 'ONLINE',
    m2: 'OFFLINE',
  },
  {
    name: 'member missing but already NO_MONITOR stays NO_MONITOR',
    tree: tree({ m2Status: 'NO_MONITOR' }),
    rows: [fe(), be('P1'), srv('P1', 'M1', 'UP')],
    lb: 'ONLINE',
    m2: 'NO_MONITOR',
  },
  {
    name: 'RESTARTING and unknown strings leave the member unchanged',
    tree: tree({ m2Status: 'DRAINING' }),
    rows: [fe(), be('P1'), srv('P1', 'M1', 'RESTARTING'), srv('P1', 'M2', 'WHATEVER')],
    lb: 'ONLINE',
    m1: 'ONLINE',
    m2: 'DRAINING',
  },
  {
    name: 'frontend at its limit (scur >= slim) → listener and LB DEGRADED',
    rows: [fe('OPEN', 100, 100), be('P1'), srv('P1', 'M1', 'UP'), srv('P1', 'M2', 'UP')],
    lb: 'DEGRADED',
    listener: 'DEGRADED',
  },
  {
    name: 'a WAITING listener socket row also means FULL',
    rows: [
      fe('OPEN', 3, null),
      { pxname: 'L1', svname: 'sock-1', type: 'listener', status: 'WAITING', scur: 3, slim: 3, weight: 0 },
      be('P1'),
    ],
    lb: 'DEGRADED',
    listener: 'DEGRADED',
  },
  {
    name: 'listener STOP leaves the listener unchanged',
    rows: [fe('STOP'), be('P1'), srv('P1', 'M1', 'UP'), srv('P1', 'M2', 'UP')],
    lb: 'ONLINE',
    listener: 'ONLINE',
  },
  {
    name: 'enabled listener not reported on an ACTIVE LB → ERROR; every pool OFFLINE',
    rows: [],
    lb: 'ONLINE',
    listener: 'ERROR',
    p1: 'OFFLINE',
    m1: 'ONLINE',
  },
  {
    name: 'listener not reported while the LB is PENDING_UPDATE → OFFLINE',
    tree: tree({ lbProv: 'PENDING_UPDATE' }),
    rows: [],
    lb: 'ONLINE',
    listener: 'OFFLINE',
  },
  {
    name: 'disabled listener (not rendered) → OFFLINE',
    tree: tree({ listenerUp: false }),
    rows: [],
    lb: 'ONLINE',
    listener: 'OFFLINE',
  },
  {
    name: 'LB admin_state_up=false → OFFLINE (nothing rendered)',
    tree: tree({ lbAdminUp: false }),
    rows: [],
    lb: 'OFFLINE',
    listener: 'OFFLINE',
  },
  {
    name: 'DOWN member after a DOWN pool keeps LB ERROR',
    rows: [
      fe(),
      be('P2', 'DOWN'),
      srv('P2', 'M3', 'DOWN'),
      be('P1'),
      srv('P1', 'M1', 'DOWN'),
      srv('P1', 'M2', 'UP'),
    ],
    lb: 'ERROR',
    p1: 'DEGRADED',
    p2: 'ERROR',
    m3: 'ERROR',
  },
  {
    name: 'prometheus rows are ignored',
    rows: [
      ...healthy,
      { ...be('prometheus-exporter-internal', 'DOWN'), pxname: 'prometheus-exporter-internal' },
    ],
    lb: 'ONLINE',
  },
  {
    name: 'rows without `type` are classified by svname',
    rows: healthy.map(({ type: _type, ...rest }) => rest),
    lb: 'ONLINE',
    listener: 'ONLINE',
    p1: 'ONLINE',
    m1: 'ONLINE',
  },
];

for (const c of cases) {
  test(`deriveOperatingStatuses: ${c.name}`, () => {
    const out = deriveOperatingStatuses(c.tree ?? tree(), c.rows);
    assert.equal(out.loadBalancer, c.lb, 'load balancer');
    const expect: [string, OperatingStatus | undefined, OperatingStatus | undefined][] = [
      ['listener L1', c.listener, out.listeners['L1']],
      ['pool P1', c.p1, out.pools['P1']],
      ['pool P2', c.p2, out.pools['P2']],
      ['member M1', c.m1, out.members['M1']],
      ['member M2', c.m2, out.members['M2']],
      ['member M3', c.m3, out.members['M3']],
    ];
    for (const [what, want, got] of expect) if (want !== undefined) assert.equal(got, want, what);
  });
}

test('deriveOperatingStatuses: a pool behind two listeners — the last backend reported wins', () => {
  const t = tree();
  const two: DesiredState = {
    ...t,
    listeners: [...t.listeners, listenerRecord({ id: 'L2', default_pool_id: 'P1', protocol_port: 81 })],
  };
  const out = deriveOperatingStatuses(two, [
    fe(),
    { ...fe(), pxname: 'L2' },
    be('P1', 'DOWN'),
    { ...be('P1'), pxname: 'P1:L2' },
    { ...srv('P1', 'M1', 'UP'), pxname: 'P1:L2' },
    { ...srv('P1', 'M2', 'UP'), pxname: 'P1:L2' },
  ]);
  assert.equal(out.pools['P1'], 'ONLINE');
  assert.equal(out.loadBalancer, 'ONLINE');
  assert.deepEqual(out.listeners, { L1: 'ONLINE', L2: 'ONLINE' });
});
