import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderFloatingIpRuleset } from './floating-ip-ruleset.js';

test('floating-IP ruleset: golden text (DNAT + conntrack mark in, policy-routing mark out, SNAT)', () => {
  const text = renderFloatingIpRuleset({
    vipAddress: '10.0.0.5',
    legs: [
      { interfaceName: 'fg-c0ffee00-12', mark: 1001, floatingAddresses: ['203.0.113.9', '203.0.113.7'] },
      { interfaceName: 'fg-b0b00000-00', mark: 1002, floatingAddresses: ['198.51.100.4'] },
    ],
  });
  assert.equal(
    text,
    `table ip lbaas_fip
delete table ip lbaas_fip
table ip lbaas_fip {
\tchain prerouting {
\t\ttype nat hook prerouting priority dstnat; policy accept;
\t\tiifname "fg-b0b00000-00" ip daddr 198.51.100.4 ct mark set 0x000003ea dnat to 10.0.0.5
\t\tiifname "fg-c0ffee00-12" ip daddr 203.0.113.7 ct mark set 0x000003e9 dnat to 10.0.0.5
\t\tiifname "fg-c0ffee00-12" ip daddr 203.0.113.9 ct mark set 0x000003e9 dnat to 10.0.0.5
\t}
\tchain output {
\t\ttype route hook output priority mangle; policy accept;
\t\tct mark 0x000003ea meta mark set ct mark
\t\tct mark 0x000003e9 meta mark set ct mark
\t}
\tchain postrouting {
\t\ttype nat hook postrouting priority srcnat; policy accept;
\t\toifname "fg-b0b00000-00" ip saddr 10.0.0.5 snat to 198.51.100.4
\t\toifname "fg-c0ffee00-12" ip saddr 10.0.0.5 snat to 203.0.113.7
\t}
}
`,
  );
});

test('floating-IP ruleset without legs only deletes the table', () => {
  const text = 'table ip lbaas_fip\ndelete table ip lbaas_fip\n';
  assert.equal(renderFloatingIpRuleset({ vipAddress: '10.0.0.5', legs: [] }), text);
  assert.equal(
    renderFloatingIpRuleset({
      vipAddress: '10.0.0.5',
      legs: [{ interfaceName: 'fg-x', mark: 1001, floatingAddresses: [] }],
    }),
    text,
  );
});

test('floating-IP ruleset refuses values that could inject rules', () => {
  const leg = { interfaceName: 'fg-x', mark: 1001, floatingAddresses: ['203.0.113.7'] };
  const bad = [
    { vipAddress: '10.0.0.5; flush ruleset', legs: [leg] },
    { vipAddress: 'fd00::5', legs: [leg] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, interfaceName: 'fg" accept' }] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, interfaceName: 'fg-x\n' }] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, floatingAddresses: ['203.0.113.7 }'] }] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, floatingAddresses: ['203.0.113.07'] }] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, mark: 0 }] },
    { vipAddress: '10.0.0.5', legs: [{ ...leg, mark: 1.5 }] },
  ];
  for (const spec of bad) assert.throws(() => renderFloatingIpRuleset(spec), Error, JSON.stringify(spec));
});
