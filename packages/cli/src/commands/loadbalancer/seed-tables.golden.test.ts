// Golden tables in the seeds' shape: `loadbalancer show` (Field | Value) and `member list` for fixed API
// answers, byte for byte. The golden files were checked against python-openstackclient's cliff 4.0 /
// prettytable 3.6 rendering of the same rows (golden/README.md says how to regenerate and re-check them).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { formatList } from '../../output/format-list.js';
import { formatShow } from '../../output/format-show.js';
import { outputOptionsFrom } from '../../output/output-options.js';
import { showRow } from '../show-row.js';
import { loadBalancerShow } from './load-balancer.commands.js';
import { MEMBER_COLUMNS } from './member.commands.js';

const golden = (name: string): string => readFileSync(new URL(`golden/${name}`, import.meta.url), 'utf8');
const table = outputOptionsFrom({ format: 'table' });

/** A load balancer as the server answers GET /v2.0/lbaas/loadbalancers/{id} (one listener, one pool). */
export const LOAD_BALANCER = {
  id: '8b6fc468-07d5-4d8b-a0b9-695060e72c31',
  name: 'lb1',
  description: '',
  provisioning_status: 'ACTIVE',
  operating_status: 'ONLINE',
  admin_state_up: true,
  project_id: 'e3cd678b11784734bc366148aa37580e',
  created_at: '2026-11-21T10:00:00',
  updated_at: '2026-11-21T10:00:01',
  vip_address: '10.0.0.22',
  vip_port_id: '2a22e552-a347-44fd-b530-1f2b1b2a6735',
  vip_subnet_id: 'cbcf4f04-da6d-4800-8b40-4b141972c2bf',
  vip_network_id: '310fea4b-36ae-4617-b499-5936e8eda842',
  vip_qos_policy_id: null,
  vip_sg_ids: [],
  additional_vips: [],
  listeners: [{ id: '1e7d8e94-4e5e-4f1c-9bbc-0f0f2c3a9d11' }],
  pools: [{ id: '9e3ab0b1-5a6c-4b2d-8f37-0d3a3f5ad7c2' }],
  provider: 'amphora',
  flavor_id: null,
  availability_zone: null,
  tags: [],
};

/** Two members as GET /v2.0/lbaas/pools/{id}/members answers them. */
export const MEMBERS = [
  {
    id: 'b85c807e-4d7c-4cbd-b725-5e8afddf80d2',
    name: '',
    project_id: 'e3cd678b11784734bc366148aa37580e',
    provisioning_status: 'ACTIVE',
    address: '10.0.0.9',
    protocol_port: 80,
    operating_status: 'ONLINE',
    weight: 1,
  },
  {
    id: 'f6a37c2b-33d8-4c5f-8c1e-2f4d1b9e0a77',
    name: '',
    project_id: 'e3cd678b11784734bc366148aa37580e',
    provisioning_status: 'ACTIVE',
    address: '10.0.0.10',
    protocol_port: 80,
    operating_status: 'ONLINE',
    weight: 1,
  },
];

test('golden: `lbaas loadbalancer show` is the seeds’ Field | Value table', () => {
  const show = loadBalancerShow(LOAD_BALANCER);
  assert.equal(formatShow(show.fields, show.values, table), golden('loadbalancer-show.txt'));
});

test('golden: `lbaas loadbalancer member list` is the seeds’ member table', () => {
  const rows = MEMBERS.map((m) => showRow(m, MEMBER_COLUMNS));
  assert.equal(formatList(MEMBER_COLUMNS, rows, table), golden('member-list.txt'));
});
