// End to end with the real Debian `openstack` CLI (Keystone password mode) against a real
// `lbaas server --auth keystone --driver noop`: network / subnet / port / floating ip CRUD as a project
// member and as the admin (external and shared networks), and a load balancer on a user-created port.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { keystoneCliServer } from '../support/openstack-cli.js';

const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
const skip = hasOpenstack
  ? false
  : 'the openstack CLI is not installed (apt-get install python3-openstackclient python3-octaviaclient)';
if (!hasOpenstack && process.env.CI)
  throw new Error('CI must run the openstack network end-to-end test, but `openstack` is missing');

const cli = keystoneCliServer({
  skip,
  dirPrefix: 'lbaas-osc-net-',
  env: { LBAAS_NOOP_DELAY_MS: '200' },
  users: [{ name: 'u1', password: 'pw-u1', project: 'p1' }],
});
const { os, osJson } = cli;
type Obj = Record<string, unknown>;

test(
  'openstack network/subnet/port/floating ip commands and loadbalancer create --vip-port-id',
  { skip, timeout: 600_000 },
  () => {
    os('admin', ['project', 'create', 'p1']);
    os('admin', ['user', 'create', '--project', 'p1', '--password', 'pw-u1', 'u1']);
    os('admin', ['role', 'add', '--project', 'p1', '--user', 'u1', 'member']);

    // Networks.
    const net = osJson<Obj>('u1', ['network', 'create', '--description', 'tenant net', 'net1']);
    assert.deepEqual(
      [net.name, net.status, net.mtu, net.description],
      ['net1', 'ACTIVE', 1500, 'tenant net'],
    );
    os('u1', ['network', 'set', '--name', 'net1b', 'net1']);
    const shown = osJson<Obj>('u1', ['network', 'show', 'net1b']);
    assert.equal(shown.id, net.id);
    os('u1', ['network', 'set', '--tag', 'blue', 'net1b']);
    assert.deepEqual(osJson<Obj>('u1', ['network', 'show', 'net1b']).tags, ['blue']);
    os('u1', ['network', 'unset', '--tag', 'blue', 'net1b']);
    assert.deepEqual(osJson<Obj>('u1', ['network', 'show', 'net1b']).tags, []);
    const listed = osJson<Obj[]>('u1', ['network', 'list']).map((n) => n.Name);
    assert.ok(listed.includes('net1b') && listed.includes('lbaas-loopback'), JSON.stringify(listed));
    // Only the admin makes external / shared networks.
    os('u1', ['network', 'create', '--external', 'nope'], { expectFail: true });
    const ext = osJson<Obj>('admin', ['network', 'create', '--external', 'public']);
    assert.equal(ext['router:external'], true);
    const shared = osJson<Obj>('admin', ['network', 'create', '--share', 'shared1']);
    assert.equal(shared.shared, true);

    // Subnets.
    const sub = osJson<Obj>('u1', [
      'subnet',
      'create',
      '--network',
      'net1b',
      '--subnet-range',
      '10.9.0.0/24',
      '--gateway',
      '10.9.0.1',
      '--allocation-pool',
      'start=10.9.0.10,end=10.9.0.100',
      'sub1',
    ]);
    assert.deepEqual([sub.cidr, sub.gateway_ip, sub.ip_version], ['10.9.0.0/24', '10.9.0.1', 4]);
    const sub6 = osJson<Obj>('u1', [
      'subnet',
      'create',
      '--network',
      'net1b',
      '--ip-version',
      '6',
      '--subnet-range',
      'fd00:9::/64',
      'sub6',
    ]);
    assert.equal(sub6.ip_version, 6);
    os('u1', ['subnet', 'set', '--name', 'sub1b', '--description', 'd', 'sub1']);
    os('u1', ['subnet', 'set', '--tag', 't1', 'sub1b']);
    os('u1', ['subnet', 'unset', '--tag', 't1', 'sub1b']);
    assert.equal(osJson<Obj>('u1', ['subnet', 'show', 'sub1b']).description, 'd');
    assert.ok(osJson<Obj[]>('u1', ['subnet', 'list']).some((s) => s.Name === 'sub1b'));
    os('u1', ['subnet', 'delete', 'sub6']);
    os('admin', [
      'subnet',
      'create',
      '--network',
      'public',
      '--subnet-range',
      '203.0.113.0/24',
      'public-sub',
    ]);

    // Ports.
    const port = osJson<Obj>('u1', [
      'port',
      'create',
      '--network',
      'net1b',
      '--fixed-ip',
      `subnet=${String(sub.id)},ip-address=10.9.0.20`,
      'port1',
    ]);
    assert.match(JSON.stringify(port.fixed_ips), /10\.9\.0\.20/);
    assert.match(String(port.mac_address), /^fa:16:3e/);
    os('u1', ['port', 'create', '--network', 'net1b', '--fixed-ip', 'ip-address=10.9.0.20', 'dup'], {
      expectFail: true,
    });
    os('u1', ['port', 'set', '--name', 'port1b', '--description', 'pd', 'port1']);
    os('u1', ['port', 'set', '--tag', 'x', 'port1b']);
    os('u1', ['port', 'unset', '--tag', 'x', 'port1b']);
    assert.equal(osJson<Obj>('u1', ['port', 'show', 'port1b']).description, 'pd');
    assert.ok(osJson<Obj[]>('u1', ['port', 'list']).some((p) => p.Name === 'port1b'));
    const scratch = osJson<Obj>('u1', ['port', 'create', '--network', 'net1b', 'scratch']);
    os('u1', ['port', 'delete', String(scratch.id)]);

    // Floating IPs.
    const fip = osJson<Obj>('u1', ['floating', 'ip', 'create', 'public']);
    assert.equal(fip.status, 'DOWN');
    const address = String(fip.floating_ip_address);
    os('u1', ['floating', 'ip', 'set', '--port', 'port1b', address]);
    const assoc = osJson<Obj>('u1', ['floating', 'ip', 'show', address]);
    assert.deepEqual([assoc.port_id, assoc.fixed_ip_address, assoc.status], [port.id, '10.9.0.20', 'ACTIVE']);
    assert.ok(
      osJson<Obj[]>('u1', ['floating', 'ip', 'list']).some((f) => f['Floating IP Address'] === address),
    );
    os('u1', ['floating', 'ip', 'unset', '--port', address]);
    assert.equal(osJson<Obj>('u1', ['floating', 'ip', 'show', address]).port_id, null);

    // A load balancer on a port made with the network API.
    const vip = osJson<Obj>('u1', [
      'port',
      'create',
      '--network',
      'net1b',
      '--fixed-ip',
      'ip-address=10.9.0.30',
      'vip-port',
    ]);
    const lb = osJson<Obj>('u1', [
      'loadbalancer',
      'create',
      '--vip-port-id',
      String(vip.id),
      '--name',
      'lb1',
      '--wait',
    ]);
    assert.deepEqual(
      [lb.vip_address, lb.vip_port_id, lb.provisioning_status],
      ['10.9.0.30', vip.id, 'ACTIVE'],
    );
    os('u1', ['port', 'delete', String(vip.id)], { expectFail: true });
    os('u1', ['floating', 'ip', 'set', '--port', String(vip.id), address]);
    assert.equal(osJson<Obj>('u1', ['floating', 'ip', 'show', address]).port_id, vip.id);
    os('u1', ['loadbalancer', 'delete', '--wait', 'lb1']);

    // Clean up: floating IP, ports, subnet, networks.
    os('u1', ['floating', 'ip', 'delete', address]);
    os('u1', ['network', 'delete', 'net1b'], { expectFail: true });
    os('u1', ['port', 'delete', 'port1b', String(vip.id)]);
    os('u1', ['subnet', 'delete', 'sub1b']);
    os('u1', ['network', 'delete', 'net1b']);
    os('admin', ['network', 'delete', 'shared1']);
    assert.ok(!osJson<Obj[]>('u1', ['network', 'list']).some((n) => n.Name === 'net1b'));
  },
);
