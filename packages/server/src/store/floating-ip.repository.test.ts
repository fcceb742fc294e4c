import assert from 'node:assert/strict';
import { recordFixtures as f } from './record-fixtures.js';
import { forEachDialect } from './test-dialects.js';

forEachDialect(
  'floating IPs round-trip and are found by port, network, address and project',
  async (store) => {
    const a = f.floatingIp({ id: 'fip-a', port_id: 'port-1', fixed_ip_address: '10.0.0.5', tags: ['x'] });
    const b = f.floatingIp({
      id: 'fip-b',
      project_id: 'p2',
      floating_ip_address: '203.0.113.11',
      floating_port_id: 'fip-port-2',
      created_at: '2024-01-01T00:00:09',
    });
    await store.write(async (tx) => {
      await tx.floatingIps.insert(a);
      await tx.floatingIps.insert(b);
    });
    assert.deepEqual(await store.read((tx) => tx.floatingIps.get('fip-a')), a);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.get('nope')), undefined);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({ port_id: 'port-1' })), [a]);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({ port_id: null })), [b]);
    assert.deepEqual(
      (await store.read((tx) => tx.floatingIps.find({ floating_network_id: 'ext-net' }))).map((x) => x.id),
      ['fip-a', 'fip-b'],
    );
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({ floating_ip_address: '203.0.113.11' })), [
      b,
    ]);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({ project_id: 'p2' })), [b]);

    // Disassociation writes null into the column (and the record reads back with null).
    const moved = { ...a, port_id: null, fixed_ip_address: null, revision_number: 1 };
    assert.equal(await store.write((tx) => tx.floatingIps.update(moved)), true);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({ port_id: 'port-1' })), []);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.get('fip-a')), moved);
    assert.equal(await store.write((tx) => tx.floatingIps.remove('fip-a')), true);
    assert.equal(await store.write((tx) => tx.floatingIps.remove('fip-a')), false);
    assert.deepEqual(await store.read((tx) => tx.floatingIps.find({})), [b]);
  },
);

forEachDialect('ports stored without a mac_address get a stable derived one on read', async (store) => {
  const { mac_address: _dropped, ...legacy } = f.port({ id: 'old-port' });
  await store.write((tx) => tx.ports.insert(legacy as ReturnType<typeof f.port>));
  const first = await store.read((tx) => tx.ports.get('old-port'));
  const again = await store.read((tx) => tx.ports.find({ network_id: 'net-1' }));
  assert.match(first?.mac_address ?? '', /^fa:16:3e(:[0-9a-f]{2}){3}$/);
  assert.equal(again[0]?.mac_address, first?.mac_address);
  await store.write((tx) =>
    tx.ports.insert(f.port({ id: 'new-port', mac_address: 'fa:16:3e:aa:bb:cc', fixed_ips: [] })),
  );
  assert.equal((await store.read((tx) => tx.ports.get('new-port')))?.mac_address, 'fa:16:3e:aa:bb:cc');
});
