import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AgentRegisterBody, AgentReportBody } from './agent-protocol.schema.js';
import { compileValidator } from './validator.js';

const AGENT = '0c6b7d52-3a0a-4b8e-9d0f-111111111111';
const LB = '0c6b7d52-3a0a-4b8e-9d0f-222222222222';
const register = compileValidator(AgentRegisterBody);
const report = compileValidator(AgentReportBody);

const row = {
  pxname: 'l1',
  svname: 'FRONTEND',
  type: 'frontend',
  status: 'OPEN',
  scur: 1,
  slim: null,
  stot: 2,
  bin: 3,
  bout: 4,
  ereq: 0,
  weight: 0,
  checkStatus: '',
};

test('agent registration: accepted with an absolute base_dir, refused with a relative one', () => {
  const agent = { id: AGENT, host: 'h1', base_dir: '/var/lib/lbaas', maxconn: 1000, version: '0.1.0' };
  assert.equal(register({ agent }).ok, true);
  const bad = register({ agent: { ...agent, base_dir: 'var/lib' } });
  assert.equal(bad.ok, false);
  assert.match(bad.ok ? '' : bad.message, /base_dir/);
  assert.equal(register({ agent: { ...agent, id: 'nope' } }).ok, false);
  assert.equal(register({ agent: { ...agent, extra: 1 } }).ok, false);
});

test('agent report: applied, removed and stat rows validate; unknown row keys are refused', () => {
  const body = {
    report: {
      applied: [{ load_balancer_id: LB, revision: 3, hash: 'abc', ok: false, error: 'haproxy -c failed' }],
      removed: [LB],
      load_balancers: [{ load_balancer_id: LB, stats: [row] }],
    },
  };
  const ok = report(body);
  assert.equal(ok.ok, true);
  assert.deepEqual(ok.ok ? ok.value : undefined, body);
  assert.equal(report({ report: {} }).ok, true);
  const extra = { report: { load_balancers: [{ load_balancer_id: LB, stats: [{ ...row, x: 1 }] }] } };
  assert.equal(report(extra).ok, false);
  const negative = { report: { load_balancers: [{ load_balancer_id: LB, stats: [{ ...row, bin: -1 }] }] } };
  assert.equal(report(negative).ok, false);
});
