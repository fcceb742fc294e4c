import assert from 'node:assert/strict';
import { recordFixtures as f } from './record-fixtures.js';
import { StoreConflictError } from './store-conflict-error.js';
import { forEachDialect } from './test-dialects.js';

forEachDialect('allocatedAddresses follows insert, update and remove of ports', async (store) => {
  await store.write(async (tx) => {
    await tx.ports.insert(
      f.port({
        id: 'port-1',
        fixed_ips: [
          { subnet_id: 'subnet-1', ip_address: '10.0.0.5' },
          { subnet_id: 'subnet-6', ip_address: 'fd00::5' },
        ],
      }),
    );
    await tx.ports.insert(
      f.port({ id: 'port-2', fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.3' }] }),
    );
    await tx.ports.insert(f.port({ id: 'port-3', fixed_ips: [] }));
  });
  const allocated = (subnet: string) => store.read((tx) => tx.ports.allocatedAddresses(subnet));
  assert.deepEqual(await allocated('subnet-1'), ['10.0.0.3', '10.0.0.5']);
  assert.deepEqual(await allocated('subnet-6'), ['fd00::5']);
  assert.deepEqual(await allocated('subnet-x'), []);

  const moved = f.port({ id: 'port-2', fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.9' }] });
  assert.equal(await store.write((tx) => tx.ports.update(moved)), true);
  assert.deepEqual(await allocated('subnet-1'), ['10.0.0.5', '10.0.0.9']);
  assert.deepEqual(await store.read((tx) => tx.ports.get('port-2')), moved);

  // An update of a port that does not exist must not leave orphan addresses behind.
  const ghost = f.port({ id: 'ghost', fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.77' }] });
  assert.equal(await store.write((tx) => tx.ports.update(ghost)), false);
  assert.deepEqual(await allocated('subnet-1'), ['10.0.0.5', '10.0.0.9']);

  assert.equal(await store.write((tx) => tx.ports.remove('port-1')), true);
  assert.deepEqual(await allocated('subnet-1'), ['10.0.0.9']);
  assert.deepEqual(await allocated('subnet-6'), []);
  assert.equal(await store.write((tx) => tx.ports.remove('port-1')), false);
});

forEachDialect('one address in one subnet can belong to only one port', async (store) => {
  await store.write((tx) => tx.ports.insert(f.port({ id: 'port-1' })));
  const taken = f.port({ id: 'port-2', fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.5' }] });
  const error = await store.write((tx) => tx.ports.insert(taken)).catch((e: unknown) => e);
  assert.ok(error instanceof StoreConflictError, `expected StoreConflictError, got ${String(error)}`);
  assert.equal(error.constraint, 'port_ips');
  // The port row of the failed insert was rolled back together with its addresses.
  assert.equal(await store.read((tx) => tx.ports.get('port-2')), undefined);

  // The same address in another subnet is a different allocation.
  await store.write((tx) =>
    tx.ports.insert(f.port({ id: 'port-3', fixed_ips: [{ subnet_id: 'subnet-2', ip_address: '10.0.0.5' }] })),
  );
  // Updating a port to keep its own address is not a conflict (old rows are replaced, not duplicated).
  assert.equal(await store.write((tx) => tx.ports.update(f.port({ id: 'port-1', name: 'renamed' }))), true);
  // But taking another port's address on update is.
  const steal = f.port({ id: 'port-3', fixed_ips: [{ subnet_id: 'subnet-1', ip_address: '10.0.0.5' }] });
  await assert.rejects(
    store.write((tx) => tx.ports.update(steal)),
    (e: unknown) => e instanceof StoreConflictError && e.constraint === 'port_ips',
  );
  assert.deepEqual(await store.read((tx) => tx.ports.allocatedAddresses('subnet-2')), ['10.0.0.5']);
});

forEachDialect(
  'highestAllocated and isAllocated answer from the index, numerically ordered',
  async (store) => {
    await store.write(async (tx) => {
      // Text order would put 10.0.0.10 before 10.0.0.9; the sort key must not.
      for (const [id, ip] of [
        ['p1', '10.0.0.9'],
        ['p2', '10.0.0.10'],
        ['p3', '10.0.0.2'],
      ] as const) {
        await tx.ports.insert(f.port({ id, fixed_ips: [{ subnet_id: 'subnet-1', ip_address: ip }] }));
      }
    });
    assert.equal(await store.read((tx) => tx.ports.highestAllocated('subnet-1')), '10.0.0.10');
    assert.equal(await store.read((tx) => tx.ports.highestAllocated('subnet-x')), undefined);
    assert.equal(await store.read((tx) => tx.ports.isAllocated('subnet-1', '10.0.0.9')), true);
    assert.equal(await store.read((tx) => tx.ports.isAllocated('subnet-1', '10.0.0.11')), false);
    await store.write((tx) => tx.ports.remove('p2'));
    assert.equal(await store.read((tx) => tx.ports.highestAllocated('subnet-1')), '10.0.0.9');
  },
);
