import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planMemberChanges } from './member-change-plan.js';

const cfg = (lines: string[]): string =>
  ['global', '    maxconn 100', 'frontend fe', '    bind 127.0.0.1:80', 'backend p1:l1', ...lines, ''].join(
    '\n',
  );

test('weight and disabled-only differences become runtime changes', () => {
  const before = cfg([
    '    server m1 10.0.0.1:80 weight 1 check',
    '    server m2 10.0.0.2:80 weight 1 disabled',
    '    server m3 10.0.0.3:80',
  ]);
  const after = cfg([
    '    server m1 10.0.0.1:80 weight 5 check disabled',
    '    server m2 10.0.0.2:80 weight 1',
    '    server m3 10.0.0.3:80 weight 0',
  ]);
  assert.deepEqual(planMemberChanges(before, after), [
    { backend: 'p1:l1', server: 'm1', weight: 5, state: 'maint' },
    { backend: 'p1:l1', server: 'm2', state: 'ready' },
    { backend: 'p1:l1', server: 'm3', weight: 0 },
  ]);
  assert.deepEqual(planMemberChanges(before, before), []);
});

test('anything else needs a reload', () => {
  const base = cfg(['    server m1 10.0.0.1:80 weight 1']);
  assert.equal(planMemberChanges(base, cfg(['    server m1 10.0.0.9:80 weight 1'])), undefined, 'address');
  assert.equal(planMemberChanges(base, cfg(['    server m2 10.0.0.1:80 weight 1'])), undefined, 'rename');
  assert.equal(
    planMemberChanges(base, cfg(['    server m1 10.0.0.1:80 weight 1 check'])),
    undefined,
    'option',
  );
  assert.equal(
    planMemberChanges(base, cfg(['    server m1 10.0.0.1:80 weight 1', '    server m2 10.0.0.2:80'])),
    undefined,
    'added',
  );
  assert.equal(planMemberChanges(base, base.replace('maxconn 100', 'maxconn 200')), undefined, 'global');
  assert.equal(
    planMemberChanges(base, cfg(['    server m1 10.0.0.1:80 weight 1 "#x"'])),
    undefined,
    'quoted',
  );
});
