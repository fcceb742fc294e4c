// The `lbaas` command tree: every command of python-octaviaclient (shared/spec/octavia-api.md §9.1) exists
// under `lbaas loadbalancer`, plus the networking, agent and service commands; every command and option
// has help text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from './main.js';

function paths(cmd: Command, prefix = ''): Map<string, Command> {
  const out = new Map<string, Command>();
  for (const sub of cmd.commands) {
    const path = prefix ? `${prefix} ${sub.name()}` : sub.name();
    out.set(path, sub);
    for (const [p, c] of paths(sub, path)) out.set(p, c);
  }
  return out;
}

const CRUD = ['create', 'list', 'show', 'set', 'unset', 'delete'];
const OCTAVIA = [
  ...CRUD.map((c) => `loadbalancer ${c}`),
  'loadbalancer failover',
  'loadbalancer stats show',
  'loadbalancer status show',
  ...CRUD.map((c) => `loadbalancer listener ${c}`),
  'loadbalancer listener stats show',
  ...['pool', 'member', 'healthmonitor', 'l7policy', 'l7rule'].flatMap((f) =>
    CRUD.map((c) => `loadbalancer ${f} ${c}`),
  ),
  ...['list', 'show', 'defaults show', 'set', 'unset', 'reset'].map((c) => `loadbalancer quota ${c}`),
  ...['list', 'show', 'configure', 'failover', 'delete', 'stats show'].map(
    (c) => `loadbalancer amphora ${c}`,
  ),
  'loadbalancer provider list',
  'loadbalancer provider capability list',
  ...['create', 'list', 'show', 'set', 'delete'].map((c) => `loadbalancer flavorprofile ${c}`),
  ...CRUD.map((c) => `loadbalancer flavor ${c}`),
  ...['create', 'list', 'show', 'set', 'delete'].map((c) => `loadbalancer availabilityzoneprofile ${c}`),
  ...CRUD.map((c) => `loadbalancer availabilityzone ${c}`),
];
const OTHERS = [
  ...['network', 'subnet', 'port'].flatMap((f) =>
    ['create', 'list', 'show', 'set', 'delete'].map((c) => `${f} ${c}`),
  ),
  ...CRUD.map((c) => `floating ip ${c}`),
  'agent list',
  'agent show',
  'agent set',
  'up',
  'server',
  'agent',
  'completion',
];

test('the command tree has every openstack loadbalancer command, the network subset, agents and services', () => {
  const tree = paths(buildProgram());
  const missing = [...OCTAVIA, ...OTHERS].filter((p) => !tree.has(p));
  assert.deepEqual(missing, []);
});

test('every command and every option has help text', () => {
  for (const [path, cmd] of paths(buildProgram())) {
    assert.ok(cmd.description().length > 0, `${path} has a description`);
    for (const option of cmd.options) assert.ok(option.description.length > 0, `${path} ${option.flags}`);
    assert.match(cmd.helpInformation(), /^Usage: /, path);
  }
});
