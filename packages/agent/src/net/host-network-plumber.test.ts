import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { test } from 'node:test';
import type { AgentNetworkPlan } from '@lbaas/contract';
import { NodeFileSystem } from '../system/file-system.js';
import { NodeProcessRunner } from '../system/process-runner.js';
import {
  freePort,
  httpGet,
  killRecordedMaster,
  realApplier,
  sha256,
  skipWithoutHaproxy,
  startBackend,
  tempDir,
  testConfig,
} from '../test-support/haproxy-test-kit.js';
import { Cleanup, runTag, sh, shQuiet, skipUnlessRoot } from '../test-support/net-test-kit.js';
import { HostNetworkPlumber } from './host-network-plumber.js';

const skip = skipUnlessRoot() || skipWithoutHaproxy();

function plan(address: string, loopback = false): AgentNetworkPlan {
  return {
    vip: {
      address,
      ip_version: address.includes(':') ? 6 : 4,
      port_id: randomUUID(),
      mac_address: 'fa:16:3e:00:00:07',
      network_id: randomUUID(),
      subnet_id: randomUUID(),
      cidr: `${address}/32`,
      gateway_ip: null,
      mtu: 1500,
      loopback,
    },
    floating_ips: [],
  };
}

function addressesOf(dev: string): string {
  return sh('ip', '-br', 'addr', 'show', 'dev', dev);
}

test(
  'host mode: the VIP as /32 on the named interface (a veth here), HAProxy serves it, remove takes it away',
  { skip, timeout: 60_000 },
  async (t) => {
    const tag = runTag();
    const dev = `lbt${tag}d`;
    // TEST-NET-2: not this host's network (never pick the host's own subnet for a test VIP).
    const vip = `198.51.100.${(parseInt(tag, 16) % 250) + 2}`;
    const lbId = randomUUID();
    const cleanup = new Cleanup();
    const base = await tempDir();
    const dir = join(base.path, lbId);
    const backend = await startBackend('host-member');
    const plumber = new HostNetworkPlumber({
      vipInterface: dev,
      baseDir: base.path,
      runner: new NodeProcessRunner(),
      fs: new NodeFileSystem(),
    });
    const applier = realApplier(base.path, { plumber });
    cleanup.add(() => base.remove());
    cleanup.add(() => backend.close());
    cleanup.add(() => shQuiet('ip', 'link', 'del', 'dev', dev));
    cleanup.add(() => killRecordedMaster(dir));
    cleanup.add(() => applier.remove(lbId));
    t.after(() => cleanup.run());

    // A veth pair stands in for the host NIC (this kernel may lack the dummy driver); both ends up = carrier.
    sh('ip', 'link', 'add', 'name', dev, 'type', 'veth', 'peer', 'name', `lbt${tag}e`);
    sh('ip', 'link', 'set', 'dev', dev, 'up');
    sh('ip', 'link', 'set', 'dev', `lbt${tag}e`, 'up');
    const port = await freePort();
    const haproxyCfg = testConfig(dir, `${vip}:${port}`, [{ name: 'm1', port: backend.port }]);
    const network = plan(vip);
    const config = { loadBalancerId: lbId, revision: 1, hash: sha256(haproxyCfg), haproxyCfg, network };

    await applier.apply(config);
    assert.match(addressesOf(dev), new RegExp(`${vip.replaceAll('.', '\\.')}/32`));
    const body = await new Promise<string>((resolve, reject) => {
      // httpGet targets 127.0.0.1; the VIP is a local address of this host, so a plain fetch reaches it.
      fetch(`http://${vip}:${port}/`)
        .then((r) => r.text())
        .then(resolve, reject);
    });
    assert.equal(body, 'host-member');
    await applier.apply(config); // idempotent: the address is there, nothing is added twice
    assert.equal(addressesOf(dev).split(`${vip}/32`).length, 2);

    // Removed by hand: the next apply puts it back.
    sh('ip', 'addr', 'del', `${vip}/32`, 'dev', dev);
    await applier.apply(config);
    assert.match(addressesOf(dev), new RegExp(`${vip.replaceAll('.', '\\.')}/32`));

    await applier.remove(lbId);
    assert.doesNotMatch(addressesOf(dev), new RegExp(vip.replaceAll('.', '\\.')));
    await assert.rejects(httpGet(port, 500));
    await cleanup.run();
    assert.doesNotMatch(sh('ip', '-br', 'link'), new RegExp(dev));
  },
);

test(
  'host mode: loopback-network VIPs need nothing; a missing interface is a clear error',
  { skip },
  async () => {
    const base = await tempDir();
    try {
      const plumber = new HostNetworkPlumber({
        vipInterface: `lbt${runTag()}n`,
        baseDir: base.path,
        runner: new NodeProcessRunner(),
        fs: new NodeFileSystem(),
      });
      assert.deepEqual(await plumber.ensure(randomUUID(), plan('127.77.0.3', true)), {
        namespaceCreated: false,
      });
      await assert.rejects(
        plumber.ensure(randomUUID(), plan('198.51.100.1')),
        /VIP interface lbt\w+ not found/,
      );
      assert.throws(
        () =>
          new HostNetworkPlumber({
            vipInterface: 'eth0 up',
            baseDir: base.path,
            runner: new NodeProcessRunner(),
            fs: new NodeFileSystem(),
          }),
        /interface name/,
      );
    } finally {
      await base.remove();
    }
  },
);
