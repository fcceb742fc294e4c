import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  assertInterfaceName,
  assertMacAddress,
  bridgeAlias,
  bridgeName,
  fipHostVethName,
  fipNamespaceVethName,
  loadBalancerIdOfNamespace,
  namespaceName,
  prefixLengthOf,
  vipHostVethName,
  vipNamespaceVethName,
} from './network-names.js';

const lb = '6f1c1f8e-1b2a-4c3d-8e4f-a1b2c3d4e5f6';
const net = 'c0ffee00-1234-4abc-9def-0123456789ab';
const port = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

test('names follow Neutron linux-bridge conventions and fit in 15 characters', () => {
  assert.equal(namespaceName(lb), `qlbaas-${lb}`);
  assert.equal(loadBalancerIdOfNamespace(`qlbaas-${lb}`), lb);
  assert.equal(loadBalancerIdOfNamespace('qrouter-x'), undefined);
  assert.equal(loadBalancerIdOfNamespace('qlbaas-../etc'), undefined);
  assert.equal(bridgeName(net), 'brqc0ffee00-12');
  assert.equal(vipHostVethName(port), 'tap0a1b2c3d-4e');
  assert.equal(vipNamespaceVethName(port), 'vip-0a1b2c3d-4e');
  assert.equal(fipNamespaceVethName(net), 'fg-c0ffee00-12');
  assert.match(fipHostVethName(lb, net), /^fgh[0-9a-f]{11}$/);
  assert.equal(fipHostVethName(lb, net), fipHostVethName(lb, net), 'deterministic');
  assert.notEqual(fipHostVethName(lb, net), fipHostVethName(lb.replace('6f', '7f'), net));
  assert.equal(bridgeAlias(net), `lbaas:${net}`);
  for (const name of [
    bridgeName(net),
    vipHostVethName(port),
    vipNamespaceVethName(port),
    fipHostVethName(lb, net),
  ]) {
    assert.ok(name.length <= 15, name);
    assert.equal(assertInterfaceName(name), name);
  }
});

test('ids, names, MACs and CIDRs that could inject anything are refused', () => {
  for (const bad of ['C0FFEE00-1234-4abc-9def-0123456789ab', 'lbaas-loopback', '../x', 'a b', '']) {
    assert.throws(() => bridgeName(bad), /network id/);
  }
  assert.throws(() => namespaceName('x; rm -rf /'), /load balancer id/);
  for (const bad of ['eth0 up', 'a'.repeat(16), '-x', 'e/0', '', 'eth0\n']) {
    assert.throws(() => assertInterfaceName(bad), /interface name/, bad);
  }
  assert.equal(assertMacAddress('fa:16:3e:00:11:22'), 'fa:16:3e:00:11:22');
  for (const bad of ['FA:16:3E:00:11:22', 'fb:16:3e:00:11:22', 'fa:16:3e:00:11', 'fa-16-3e-00-11-22']) {
    assert.throws(() => assertMacAddress(bad), /MAC/, bad);
  }
  assert.equal(prefixLengthOf('10.0.0.0/24', 4), 24);
  assert.equal(prefixLengthOf('fd00::/64', 6), 64);
  for (const bad of ['10.0.0.0/33', '10.0.0.0', '10.0.0.0/2 4', 'fd00::/64']) {
    assert.throws(() => prefixLengthOf(bad, 4), /CIDR/, bad);
  }
});
