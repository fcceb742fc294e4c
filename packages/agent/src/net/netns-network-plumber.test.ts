import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AgentNetworkPlan } from '@lbaas/contract';
import type { LoadBalancerConfig } from '../apply/load-balancer-config.js';
import { NodeFileSystem } from '../system/file-system.js';
import { NodeProcessRunner } from '../system/process-runner.js';
import {
  killRecordedMaster,
  realApplier,
  sha256,
  skipWithoutHaproxy,
  tempDir,
  testConfig,
} from '../test-support/haproxy-test-kit.js';
import {
  Cleanup,
  curlInNs,
  hostLinkNames,
  namespaceNames,
  RecordingRunner,
  runTag,
  sh,
  shQuiet,
  skipUnlessRoot,
  startHttpServerInNs,
} from '../test-support/net-test-kit.js';
import { renderFloatingIpRuleset } from './floating-ip-ruleset.js';
import { NetnsNetworkPlumber } from './netns-network-plumber.js';
import { bridgeName, fipHostVethName, namespaceName, vipHostVethName } from './network-names.js';

const skip = skipUnlessRoot() || skipWithoutHaproxy();

/** The network namespace inode of a process (`/proc/<pid>/ns/net`). */
function netnsInodeOfPid(pid: number): number {
  return statSync(`/proc/${pid}/ns/net`).ino;
}

function namespaceInode(name: string): number {
  return statSync(`/run/netns/${name}`).ino;
}

function masterPidOf(dir: string): number {
  return Number(readFileSync(join(dir, 'haproxy.pid'), 'utf8').trim().split('\n')[0]);
}

test('nft accepts the rendered floating-IP ruleset (checked, not loaded)', { skip }, async () => {
  const script = renderFloatingIpRuleset({
    vipAddress: '10.0.0.5',
    legs: [{ interfaceName: 'fg-0123456789a', mark: 1001, floatingAddresses: ['203.0.113.7'] }],
  });
  const cleanup = new Cleanup();
  try {
    const ns = cleanup.netns(`lbt-nft-${runTag()}`);
    const result = spawnSync('ip', ['netns', 'exec', ns, 'nft', '-c', '-f', '-'], {
      input: script,
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, result.stderr);
  } finally {
    await cleanup.run();
  }
});

test(
  'netns mode: HAProxy in qlbaas-<id> serves the VIP and a floating IP (also from beyond the external subnet); ' +
    'released FIP stops; a deleted namespace is re-created; remove and GC leave nothing',
  { skip, timeout: 120_000 },
  async (t) => {
    const tag = runTag();
    const k = (parseInt(tag, 16) % 250) + 2;
    const lbId = randomUUID();
    const tenantNet = randomUUID();
    const extNet = randomUUID();
    const ns = namespaceName(lbId);
    const tenantBridge = bridgeName(tenantNet);
    const extBridge = bridgeName(extNet);
    const cleanup = new Cleanup();
    const base = await tempDir();
    const dir = join(base.path, lbId);
    const runner = new RecordingRunner();
    const fs = new NodeFileSystem();
    const warnings: string[] = [];
    const plumber = new NetnsNetworkPlumber({
      baseDir: base.path,
      runner,
      fs,
      warn: (m) => warnings.push(m),
    });
    const applier = realApplier(base.path, { plumber });
    // Registered first, so it runs last: whatever the plumber made is gone even when an assertion failed.
    cleanup.add(() => base.remove());
    cleanup.add(() => {
      shQuiet('ip', 'link', 'del', 'dev', tenantBridge);
      shQuiet('ip', 'link', 'del', 'dev', extBridge);
    });
    cleanup.add(() => shQuiet('ip', 'netns', 'del', ns));
    cleanup.add(() => killRecordedMaster(dir));
    cleanup.add(() => applier.remove(lbId));
    t.after(() => cleanup.run());

    const randomPortId = randomUUID();
    const vip = `10.254.${k}.5`;
    const member = `10.254.${k}.10`;
    const fip = `198.18.${k}.100`;
    const plan = (withFip: boolean): AgentNetworkPlan => ({
      vip: {
        address: vip,
        ip_version: 4,
        port_id: randomPortId,
        mac_address: 'fa:16:3e:12:34:56',
        network_id: tenantNet,
        subnet_id: randomUUID(),
        cidr: `10.254.${k}.0/24`,
        gateway_ip: `10.254.${k}.1`,
        mtu: 1500,
        loopback: false,
      },
      floating_ips: withFip
        ? [
            {
              id: randomUUID(),
              address: fip,
              network_id: extNet,
              cidr: `198.18.${k}.0/24`,
              gateway_ip: `198.18.${k}.1`,
              mtu: 1500,
            },
          ]
        : [],
    });
    const cfg = (comment: string): string =>
      testConfig(dir, `${vip}:80`, [{ name: 'm1', address: member, port: 8080 }], `# ${comment}`);
    const config = (revision: number, withFip: boolean, comment = 'v1'): LoadBalancerConfig => {
      const haproxyCfg = cfg(comment);
      const network = plan(withFip);
      return {
        loadBalancerId: lbId,
        revision,
        hash: sha256(haproxyCfg + JSON.stringify(network)),
        haproxyCfg,
        network,
      };
    };

    // 1. First apply: the plumber builds bridges, namespace and legs; HAProxy starts inside the namespace.
    await applier.apply(config(1, true));
    assert.ok(namespaceNames().includes(ns));
    const master1 = masterPidOf(dir);
    assert.equal(netnsInodeOfPid(master1), namespaceInode(ns), 'the master runs in qlbaas-<id>');
    assert.equal(
      (await applier.list())[0]?.running,
      true,
      'masterPid() recognises a master started via ip netns exec',
    );
    assert.match(
      sh('ip', 'netns', 'exec', ns, 'nft', 'list', 'table', 'ip', 'lbaas_fip'),
      new RegExp(`dnat to ${vip}`),
    );
    assert.match(sh('ip', '-d', 'link', 'show', 'dev', tenantBridge), /alias lbaas:/);

    // 2. The test's machines: a member on the tenant bridge, a client on the external bridge, and a client
    //    beyond the external subnet behind a router (the external subnet's gateway).
    const memberNs = cleanup.netns(`lbt-m-${tag}`);
    cleanup.attach(memberNs, `lbt${tag}m`, 'eth0', tenantBridge, `${member}/24`);
    const clientNs = cleanup.netns(`lbt-c-${tag}`);
    cleanup.attach(clientNs, `lbt${tag}c`, 'eth0', extBridge, `198.18.${k}.10/24`);
    const routerNs = cleanup.netns(`lbt-r-${tag}`);
    const farBridge = cleanup.bridge(`lbt${tag}f`);
    cleanup.attach(routerNs, `lbt${tag}r`, 'eth0', extBridge, `198.18.${k}.1/24`);
    cleanup.attach(routerNs, `lbt${tag}s`, 'eth1', farBridge, `198.19.${k}.1/24`);
    sh('ip', 'netns', 'exec', routerNs, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1');
    const farNs = cleanup.netns(`lbt-x-${tag}`);
    cleanup.attach(farNs, `lbt${tag}x`, 'eth0', farBridge, `198.19.${k}.10/24`, `198.19.${k}.1`);
    await startHttpServerInNs(cleanup, memberNs, member, 8080, 'member');

    assert.equal(await curlInNs(memberNs, `http://${vip}/`), 'member', 'the VIP on the tenant network');
    assert.equal(
      await curlInNs(clientNs, `http://${fip}/`),
      'member',
      'the floating IP from the external subnet',
    );
    assert.equal(
      await curlInNs(farNs, `http://${fip}/`),
      'member',
      'the floating IP from beyond the external subnet',
    );

    // 3. Steady state: the same config again changes nothing (reads, plus the ruleset reload), no restart.
    runner.calls.length = 0;
    await applier.apply(config(1, true));
    const mutating = runner.calls
      .map((argv) => argv.join(' '))
      .filter((line) => !/ (show|list)( |$)/.test(line) && !line.endsWith('nft -f -'));
    assert.deepEqual(mutating, []);
    assert.ok(runner.calls.length <= 6, `steady state ran ${runner.calls.length} commands`);
    assert.equal(masterPidOf(dir), master1);

    // 4. A reload re-executes the master inside the same namespace.
    await applier.apply(config(2, true, 'v2'));
    const master2 = masterPidOf(dir);
    assert.equal(netnsInodeOfPid(master2), namespaceInode(ns), 'the reloaded master stays in the namespace');
    const workers = sh('ip', 'netns', 'pids', ns).trim().split('\n').map(Number);
    assert.ok(workers.length >= 2, 'master and worker in the namespace');
    assert.equal(await curlInNs(clientNs, `http://${fip}/`), 'member');

    // 5. Releasing the floating IP removes its leg, rules and routes on the next apply.
    await applier.apply(config(3, false, 'v2'));
    assert.equal(
      await curlInNs(clientNs, `http://${fip}/`, 2),
      undefined,
      'the released floating IP answers no more',
    );
    assert.doesNotMatch(sh('ip', 'netns', 'exec', ns, 'nft', 'list', 'tables'), /lbaas_fip/);
    assert.doesNotMatch(sh('ip', '-n', ns, '-br', 'link'), /fg-/);
    assert.doesNotMatch(sh('ip', '-n', ns, 'rule', 'show'), /fwmark/);
    assert.ok(!hostLinkNames().includes(fipHostVethName(lbId, extNet)));
    assert.ok(hostLinkNames().includes(extBridge), 'the external bridge keeps its other ports');
    assert.equal(await curlInNs(memberNs, `http://${vip}/`), 'member');
    await applier.apply(config(4, true, 'v2'));
    assert.equal(await curlInNs(farNs, `http://${fip}/`), 'member', 'associated again');

    // 6. The namespace deleted under the running HAProxy: the next apply re-creates it and restarts HAProxy.
    // (Only the name goes: HAProxy keeps the old namespace alive and serving, but invisible and unrepairable.)
    sh('ip', 'netns', 'del', ns);
    await applier.apply(config(4, true, 'v2'));
    const master3 = masterPidOf(dir);
    assert.notEqual(master3, master2);
    assert.equal(netnsInodeOfPid(master3), namespaceInode(ns), 'restarted in the new namespace');
    // (A gratuitous ARP still in flight on a leg that was just deleted may warn: best-effort by design.)
    assert.deepEqual(
      warnings.filter((w) => !w.includes('arping')).filter((w) => /failed/.test(w)),
      [],
    );
    assert.equal(await curlInNs(clientNs, `http://${fip}/`), 'member');
    assert.equal(await curlInNs(farNs, `http://${fip}/`), 'member');

    // 7. remove: HAProxy stopped, namespace and host ends gone; the bridges stay while the test's ports are
    //    on them, and garbage collection deletes them (ours) once they are empty.
    await applier.remove(lbId);
    assert.ok(!namespaceNames().includes(ns));
    for (const link of [vipHostVethName(randomPortId), fipHostVethName(lbId, extNet)]) {
      assert.ok(!hostLinkNames().includes(link), link);
    }
    assert.throws(() => statSync(`/proc/${master3}/ns/net`), 'haproxy stopped');
    for (const name of [memberNs, clientNs, routerNs]) sh('ip', 'netns', 'del', name);
    for (const link of [`lbt${tag}m`, `lbt${tag}c`, `lbt${tag}r`]) shQuiet('ip', 'link', 'del', 'dev', link);
    await plumber.collectGarbage([]);
    const left = hostLinkNames();
    assert.ok(!left.includes(tenantBridge) && !left.includes(extBridge), 'our empty bridges are collected');
    assert.ok(left.includes(farBridge), "the test's own bridge is not ours to collect");
  },
);

test('netns mode: a loopback-network VIP stays on the host and needs no namespace', { skip }, async () => {
  const base = await tempDir();
  try {
    const plumber = new NetnsNetworkPlumber({
      baseDir: base.path,
      runner: new RecordingRunner(),
      fs: new NodeFileSystem(),
    });
    const result = await plumber.ensure(randomUUID(), {
      vip: {
        address: '127.77.0.9',
        ip_version: 4,
        port_id: randomUUID(),
        mac_address: 'fa:16:3e:00:00:09',
        network_id: randomUUID(),
        subnet_id: randomUUID(),
        cidr: '127.77.0.0/16',
        gateway_ip: null,
        mtu: 65536,
        loopback: true,
      },
      floating_ips: [],
    });
    assert.deepEqual(result, { namespaceCreated: false });
  } finally {
    await base.remove();
  }
});

test(
  'netns mode, IPv6 VIP: address usable at once (no DAD wait), default route, steady state changes nothing, ' +
    'remove and GC leave nothing',
  { skip, timeout: 60_000 },
  async (t) => {
    const tag = runTag();
    const prefix = `fd42:${parseInt(tag, 16).toString(16)}:`;
    const lbId = randomUUID();
    const net = randomUUID();
    const ns = namespaceName(lbId);
    const bridge = bridgeName(net);
    const cleanup = new Cleanup();
    const base = await tempDir();
    const runner = new RecordingRunner();
    const plumber = new NetnsNetworkPlumber({ baseDir: base.path, runner, fs: new NodeFileSystem() });
    cleanup.add(() => base.remove());
    cleanup.add(() => shQuiet('ip', 'link', 'del', 'dev', bridge));
    cleanup.add(() => shQuiet('ip', 'netns', 'del', ns));
    cleanup.add(() => plumber.remove(lbId));
    t.after(() => cleanup.run());
    const plan: AgentNetworkPlan = {
      vip: {
        address: `${prefix}:5`,
        ip_version: 6,
        port_id: randomUUID(),
        mac_address: 'fa:16:3e:65:43:21',
        network_id: net,
        subnet_id: randomUUID(),
        cidr: `${prefix}:/64`,
        gateway_ip: `${prefix}:1`,
        mtu: 1500,
        loopback: false,
      },
      floating_ips: [],
    };

    assert.deepEqual(await plumber.ensure(lbId, plan), { netns: ns, namespaceCreated: true });
    const addrs = sh('ip', '-n', ns, '-6', 'addr', 'show');
    assert.match(addrs, new RegExp(`inet6 ${prefix}:5/64 scope global nodad`));
    assert.doesNotMatch(
      addrs
        .split('\n')
        .filter((l) => l.includes(`${prefix}:5`))
        .join('\n'),
      /tentative/,
    );
    assert.match(
      sh('ip', '-n', ns, '-6', 'route', 'show', 'default'),
      new RegExp(`via ${prefix}:1 dev vip-`),
    );

    const member = cleanup.netns(`lbt-m6-${tag}`);
    cleanup.attach(member, `lbt${tag}6`, 'eth0', bridge, `${prefix}:10/64`);
    sh('ip', 'netns', 'exec', member, 'ping', '-6', '-c', '1', '-W', '3', `${prefix}:5`);

    runner.calls.length = 0;
    assert.deepEqual(await plumber.ensure(lbId, plan), { netns: ns, namespaceCreated: false });
    assert.deepEqual(
      runner.calls.map((argv) => argv.join(' ')).filter((line) => !/ (show|list)( |$)/.test(line)),
      [],
    );

    await plumber.remove(lbId);
    assert.ok(!namespaceNames().includes(ns));
    assert.ok(hostLinkNames().includes(bridge), 'the bridge stays while a port is on it');
    sh('ip', 'netns', 'del', member);
    shQuiet('ip', 'link', 'del', 'dev', `lbt${tag}6`);
    await plumber.collectGarbage([]);
    assert.ok(!hostLinkNames().includes(bridge));
  },
);

test(
  'netns mode: garbage collection keeps what is kept or in use, deletes orphan namespaces and our empty bridges',
  { skip, timeout: 60_000 },
  async (t) => {
    const lbId = randomUUID();
    const net = randomUUID();
    const ns = namespaceName(lbId);
    const bridge = bridgeName(net);
    const cleanup = new Cleanup();
    const base = await tempDir();
    const plumber = new NetnsNetworkPlumber({
      baseDir: base.path,
      runner: new NodeProcessRunner(),
      fs: new NodeFileSystem(),
    });
    cleanup.add(() => base.remove());
    cleanup.add(() => shQuiet('ip', 'link', 'del', 'dev', bridge));
    cleanup.add(() => shQuiet('ip', 'netns', 'del', ns));
    t.after(() => cleanup.run());
    const plan: AgentNetworkPlan = {
      vip: {
        address: '10.253.0.5',
        ip_version: 4,
        port_id: randomUUID(),
        mac_address: 'fa:16:3e:00:00:55',
        network_id: net,
        subnet_id: randomUUID(),
        cidr: '10.253.0.0/24',
        gateway_ip: null,
        mtu: 1500,
        loopback: false,
      },
      floating_ips: [],
    };
    await plumber.ensure(lbId, plan);
    await plumber.collectGarbage([lbId]);
    assert.ok(namespaceNames().includes(ns), 'kept');
    // A process in the namespace (what a HAProxy not yet stopped would be) protects it too.
    const sleeper = spawn('ip', ['netns', 'exec', ns, 'sleep', '30'], { stdio: 'ignore' });
    cleanup.add(() => {
      if (sleeper.pid !== undefined && sleeper.exitCode === null) process.kill(sleeper.pid, 'SIGKILL');
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await plumber.collectGarbage([]);
    assert.ok(namespaceNames().includes(ns), 'in use');
    if (sleeper.pid !== undefined) process.kill(sleeper.pid, 'SIGKILL');
    await new Promise((resolve) => sleeper.once('exit', resolve));
    // The gratuitous ARP of the first ensure runs in the namespace for a second as well.
    for (let i = 0; i < 50 && sh('ip', 'netns', 'pids', ns).trim() !== ''; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // A qlbaas-* namespace this agent did not make (another agent's, a test's) is never collected.
    const foreign = `qlbaas-${randomUUID()}`;
    sh('ip', 'netns', 'add', foreign);
    cleanup.add(() => shQuiet('ip', 'netns', 'del', foreign));
    await plumber.collectGarbage([]);
    assert.ok(!namespaceNames().includes(ns), 'orphan namespace deleted');
    assert.ok(namespaceNames().includes(foreign), "another owner's namespace kept");
    assert.ok(!hostLinkNames().includes(bridge), 'its bridge, now empty, deleted');
  },
);

test(
  'netns mode: an ensure that fails half-way leaves no namespace, veth or bridge behind',
  { skip },
  async (t) => {
    const lbId = randomUUID();
    const net = randomUUID();
    const base = await tempDir();
    const cleanup = new Cleanup();
    cleanup.add(() => base.remove());
    cleanup.add(() => shQuiet('ip', 'link', 'del', 'dev', bridgeName(net)));
    cleanup.add(() => shQuiet('ip', 'netns', 'del', namespaceName(lbId)));
    t.after(() => cleanup.run());
    const plumber = new NetnsNetworkPlumber({
      baseDir: base.path,
      runner: new NodeProcessRunner(),
      fs: new NodeFileSystem(),
    });
    const portId = randomUUID();
    const plan: AgentNetworkPlan = {
      vip: {
        address: '10.252.0.5',
        ip_version: 4,
        port_id: portId,
        mac_address: 'fa:16:3e:00:00:56',
        network_id: net,
        subnet_id: randomUUID(),
        cidr: '10.252.0.0/24',
        gateway_ip: '10.99.0.1', // not on the subnet: the kernel refuses the default route
        mtu: 1500,
        loopback: false,
      },
      floating_ips: [],
    };
    await assert.rejects(plumber.ensure(lbId, plan), /route replace default via 10.99.0.1/);
    assert.ok(!namespaceNames().includes(namespaceName(lbId)));
    const links = hostLinkNames();
    assert.ok(!links.includes(bridgeName(net)) && !links.includes(vipHostVethName(portId)));
  },
);
