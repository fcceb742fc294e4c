import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentNetworkPlan } from '@lbaas/contract';
import { parseIpLinks, parseIpRoutes, parseIpRules, type ObservedLink } from './ip-json.js';
import { planNetnsLayout, type NetnsLayout } from './netns-layout.js';
import { planNetnsSteps, type NetnsObserved } from './netns-steps.js';
import { collectableBridges } from './netns-network-plumber.js';

const lb = '6f1c1f8e-1b2a-4c3d-8e4f-a1b2c3d4e5f6';
const vipNet = 'c0ffee00-1234-4abc-9def-0123456789ab';
const extNet = 'e0000000-0000-4000-8000-00000000e0e0';
const port = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const ns = `qlbaas-${lb}`;

function plan(fips = true): AgentNetworkPlan {
  return {
    vip: {
      address: '10.0.0.5',
      ip_version: 4,
      port_id: port,
      mac_address: 'fa:16:3e:00:00:05',
      network_id: vipNet,
      subnet_id: '5b000000-0000-4000-8000-000000000001',
      cidr: '10.0.0.0/24',
      gateway_ip: '10.0.0.1',
      mtu: 1450,
      loopback: false,
    },
    floating_ips: fips
      ? [
          {
            id: 'f1000000-0000-4000-8000-000000000001',
            address: '203.0.113.7',
            network_id: extNet,
            cidr: '203.0.113.0/24',
            gateway_ip: '203.0.113.1',
            mtu: 1500,
          },
        ]
      : [],
  };
}

/** What the kernel would report once the layout is in place. */
function realised(layout: NetnsLayout): NetnsObserved {
  const hostLinks: ObservedLink[] = [
    ...layout.bridges.map((b) => ({
      name: b.name,
      kind: 'bridge',
      alias: b.alias,
      up: true,
      mtu: b.mtu,
      addresses: [],
    })),
    ...layout.legs.map((l) => ({
      name: l.hostName,
      kind: 'veth',
      master: l.bridge,
      up: true,
      mtu: l.mtu,
      addresses: [],
    })),
  ];
  const links: ObservedLink[] = [
    { name: 'lo', up: true, mtu: 65536, addresses: [] },
    ...layout.legs.map((l) => ({
      name: l.nsName,
      kind: 'veth',
      up: true,
      mtu: l.mtu,
      ...(l.mac === undefined ? { mac: 'ee:00:00:00:00:01' } : { mac: l.mac }),
      addresses: l.addresses,
    })),
  ];
  const routes = layout.routes.map((r) => ({
    dst: r.dst,
    dev: r.dev,
    ...(r.gateway === undefined ? {} : { gateway: r.gateway }),
    ...(r.table === undefined ? {} : { table: String(r.table) }),
  }));
  const rules = [
    { priority: 0, table: 'local' },
    ...layout.rules.map((r) => ({ priority: r.priority, fwmark: r.mark, table: String(r.table) })),
    { priority: 32766, table: 'main' },
  ];
  return { hostLinks, namespace: { links, routes, rules } };
}

const argvs = (layout: NetnsLayout, observed: NetnsObserved): string[] =>
  planNetnsSteps(layout, observed).map((s) => s.argv.join(' '));

test('plan → layout: bridges, legs, routes, policy routing and ruleset from the network plan', () => {
  const layout = planNetnsLayout(lb, plan());
  assert.equal(layout.namespace, ns);
  assert.deepEqual(
    layout.bridges.map((b) => [b.name, b.alias, b.mtu]),
    [
      ['brqc0ffee00-12', `lbaas:${vipNet}`, 1450],
      ['brqe0000000-00', `lbaas:${extNet}`, 1500],
    ],
  );
  assert.deepEqual(
    layout.legs.map((l) => [l.role, l.hostName.slice(0, 3), l.nsName, l.bridge, l.mac, l.addresses]),
    [
      ['vip', 'tap', 'vip-0a1b2c3d-4e', 'brqc0ffee00-12', 'fa:16:3e:00:00:05', ['10.0.0.5/24']],
      ['fip', 'fgh', 'fg-e0000000-00', 'brqe0000000-00', undefined, ['203.0.113.7/24']],
    ],
  );
  assert.deepEqual(layout.routes, [
    { dst: 'default', gateway: '10.0.0.1', dev: 'vip-0a1b2c3d-4e' },
    { table: 1001, dst: '203.0.113.0/24', dev: 'fg-e0000000-00' },
    { table: 1001, dst: 'default', gateway: '203.0.113.1', dev: 'fg-e0000000-00' },
  ]);
  assert.deepEqual(layout.rules, [{ priority: 1001, mark: 1001, table: 1001 }]);
  assert.match(
    layout.ruleset ?? '',
    /iifname "fg-e0000000-00" ip daddr 203.0.113.7 ct mark set 0x000003e9 dnat to 10.0.0.5/,
  );
});

test('plan → layout refuses what it cannot plumb', () => {
  const v6 = plan();
  v6.vip = { ...v6.vip, address: 'fd00::5', ip_version: 6, cidr: 'fd00::/64', gateway_ip: null };
  assert.throws(() => planNetnsLayout(lb, v6), /needs an IPv4 VIP/);
  const same = plan();
  same.floating_ips[0] = { ...same.floating_ips[0]!, network_id: vipNet };
  assert.throws(() => planNetnsLayout(lb, same), /VIP's own network/);
  const badMac = plan(false);
  badMac.vip.mac_address = 'fa:16:3e:00:00:05 up';
  assert.throws(() => planNetnsLayout(lb, badMac), /MAC/);
  const badGw = plan(false);
  badGw.vip.gateway_ip = '10.0.0.1 dev lo';
  assert.throws(() => planNetnsLayout(lb, badGw), /gateway/);
});

test('missing namespace → everything is created in order, ruleset last', () => {
  const layout = planNetnsLayout(lb, plan());
  const tap = layout.legs[0]!.hostName;
  const fgh = layout.legs[1]!.hostName;
  const steps = argvs(layout, { hostLinks: [] });
  assert.deepEqual(steps, [
    'ip link add name brqc0ffee00-12 mtu 1450 type bridge',
    `ip link set dev brqc0ffee00-12 alias lbaas:${vipNet} up`,
    'ip link add name brqe0000000-00 mtu 1500 type bridge',
    `ip link set dev brqe0000000-00 alias lbaas:${extNet} up`,
    `ip netns del ${ns}`,
    `ip netns add ${ns}`,
    `ip -n ${ns} link set dev lo up`,
    `ip netns exec ${ns} sysctl -q -w net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0`,
    `ip link add name ${tap} mtu 1450 type veth peer name vip-0a1b2c3d-4e address fa:16:3e:00:00:05 mtu 1450 netns ${ns}`,
    `ip link set dev ${tap} master brqc0ffee00-12 up`,
    `ip -n ${ns} link set dev vip-0a1b2c3d-4e up`,
    `ip -n ${ns} -4 addr add 10.0.0.5/24 dev vip-0a1b2c3d-4e`,
    `ip netns exec ${ns} arping -q -U -c 1 -I vip-0a1b2c3d-4e 10.0.0.5`,
    `ip link add name ${fgh} mtu 1500 type veth peer name fg-e0000000-00 mtu 1500 netns ${ns}`,
    `ip link set dev ${fgh} master brqe0000000-00 up`,
    `ip -n ${ns} link set dev fg-e0000000-00 up`,
    `ip -n ${ns} -4 addr add 203.0.113.7/24 dev fg-e0000000-00`,
    `ip netns exec ${ns} arping -q -U -c 1 -I fg-e0000000-00 203.0.113.7`,
    `ip -n ${ns} -4 route replace default via 10.0.0.1 dev vip-0a1b2c3d-4e`,
    `ip -n ${ns} -4 route replace 203.0.113.0/24 dev fg-e0000000-00 table 1001`,
    `ip -n ${ns} -4 route replace default via 203.0.113.1 dev fg-e0000000-00 table 1001`,
    `ip -n ${ns} -4 rule add fwmark 1001 lookup 1001 priority 1001`,
    `ip netns exec ${ns} nft -f -`,
  ]);
  const nft = planNetnsSteps(layout, { hostLinks: [] }).at(-1);
  assert.equal(nft?.input, layout.ruleset);
});

test('everything in place → no change at all (only the ruleset reload while floating IPs exist)', () => {
  const withFip = planNetnsLayout(lb, plan());
  assert.deepEqual(argvs(withFip, realised(withFip)), [`ip netns exec ${ns} nft -f -`]);
  const without = planNetnsLayout(lb, plan(false));
  assert.deepEqual(argvs(without, realised(without)), []);
});

test('a released floating IP: leg, rule, table routes and ruleset go; the VIP stays', () => {
  const before = realised(planNetnsLayout(lb, plan()));
  const after = planNetnsLayout(lb, plan(false));
  assert.deepEqual(argvs(after, before), [
    `ip -n ${ns} link del dev fg-e0000000-00`,
    `ip -n ${ns} -4 route del 203.0.113.0/24 table 1001`,
    `ip -n ${ns} -4 route del default table 1001`,
    `ip -n ${ns} -4 rule del priority 1001`,
    `ip netns exec ${ns} nft -f -`,
  ]);
  assert.equal(
    planNetnsSteps(after, before).at(-1)?.input,
    'table ip lbaas_fip\ndelete table ip lbaas_fip\n',
  );
});

test('drift is repaired: wrong MAC, host end out of its bridge, missing address, stale host end', () => {
  const layout = planNetnsLayout(lb, plan(false));
  const observed = realised(layout);
  const tap = layout.legs[0]!.hostName;
  const drifted: NetnsObserved = {
    hostLinks: observed.hostLinks.map((l) =>
      l.name === tap ? { name: tap, kind: 'veth', up: false, mtu: 1450, addresses: [] } : l,
    ),
    namespace: {
      ...observed.namespace!,
      links: observed.namespace!.links.map((l) =>
        l.name === 'vip-0a1b2c3d-4e' ? { ...l, mac: 'fa:16:3e:99:99:99', addresses: ['10.0.0.99/24'] } : l,
      ),
    },
  };
  assert.deepEqual(argvs(layout, drifted), [
    `ip link set dev ${tap} master brqc0ffee00-12 mtu 1450 up`,
    `ip -n ${ns} link set dev vip-0a1b2c3d-4e address fa:16:3e:00:00:05 up`,
    `ip -n ${ns} -4 addr del 10.0.0.99/24 dev vip-0a1b2c3d-4e`,
    `ip -n ${ns} -4 addr add 10.0.0.5/24 dev vip-0a1b2c3d-4e`,
    `ip netns exec ${ns} arping -q -U -c 1 -I vip-0a1b2c3d-4e 10.0.0.5`,
  ]);
  // Namespace deleted under a running HAProxy: the old host end still exists and is deleted first.
  const gone = argvs(layout, { hostLinks: observed.hostLinks });
  assert.equal(gone[0], `ip link del dev ${tap}`);
  assert.equal(gone.filter((line) => line.startsWith('ip link del')).length, 1, 'deleted once');
  assert.ok(gone.includes(`ip netns add ${ns}`));
});

test("someone else's bridge is used but never changed; a clashing non-bridge is an error", () => {
  const layout = planNetnsLayout(lb, plan(false));
  const observed = realised(layout);
  const foreign: NetnsObserved = {
    ...observed,
    hostLinks: observed.hostLinks.map((l) =>
      l.kind === 'bridge' ? { name: l.name, kind: 'bridge', up: false, mtu: 9000, addresses: [] } : l,
    ),
  };
  assert.deepEqual(argvs(layout, foreign), []);
  const clash: NetnsObserved = {
    ...observed,
    hostLinks: observed.hostLinks.map((l) => (l.kind === 'bridge' ? { ...l, kind: 'dummy' } : l)),
  };
  assert.throws(() => planNetnsSteps(layout, clash), /not a bridge/);
});

test('iproute2 JSON parsing and bridge garbage selection', () => {
  const links = parseIpLinks(
    JSON.stringify([
      {
        ifname: 'lo',
        flags: ['LOOPBACK', 'UP'],
        mtu: 65536,
        addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host' }],
      },
      {
        ifname: 'vip-x',
        flags: ['BROADCAST', 'UP'],
        mtu: 1450,
        address: 'fa:16:3e:00:00:05',
        linkinfo: { info_kind: 'veth' },
        addr_info: [
          { family: 'inet', local: '10.0.0.5', prefixlen: 24, scope: 'global' },
          { family: 'inet6', local: 'fe80::1', prefixlen: 64, scope: 'link' },
        ],
      },
      { ifname: 'brqa', flags: [], mtu: 1500, ifalias: 'lbaas:a', linkinfo: { info_kind: 'bridge' } },
      { ifname: 'brqb', flags: ['UP'], mtu: 1500, ifalias: 'lbaas:b', linkinfo: { info_kind: 'bridge' } },
      { ifname: 'brqc', flags: ['UP'], mtu: 1500, linkinfo: { info_kind: 'bridge' } },
      { ifname: 'tapb', flags: ['UP'], mtu: 1500, master: 'brqb', linkinfo: { info_kind: 'veth' } },
    ]),
    4,
  );
  assert.deepEqual(links[1], {
    name: 'vip-x',
    up: true,
    mtu: 1450,
    addresses: ['10.0.0.5/24'],
    kind: 'veth',
    mac: 'fa:16:3e:00:00:05',
  });
  assert.equal(links[0]?.addresses.length, 0, 'host-scope addresses are not ours');
  assert.deepEqual(collectableBridges(links), ['brqa'], 'ours and empty only');
  assert.deepEqual(
    parseIpRoutes(
      '[{"dst":"default","gateway":"10.0.0.1","dev":"vip-x","flags":[]},{"type":"local","dst":"10.0.0.5","table":"local"}]',
    ),
    [
      { dst: 'default', gateway: '10.0.0.1', dev: 'vip-x' },
      { dst: '10.0.0.5', table: 'local', type: 'local' },
    ],
  );
  assert.deepEqual(parseIpRules('[{"priority":1001,"src":"all","fwmark":"0x3e9","table":"1001"}]'), [
    { priority: 1001, fwmark: 1001, table: '1001' },
  ]);
});
