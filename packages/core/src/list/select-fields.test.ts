import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectFields } from './select-fields.js';

describe('selectFields', () => {
  const row = { id: 'a', name: 'web', admin_state_up: true, description: '' };
  it('returns the row unchanged without a selection', () => {
    assert.equal(selectFields(row, undefined), row);
  });
  it('keeps only selected attributes and ignores unknown names', () => {
    assert.deepEqual(selectFields(row, ['id', 'name', 'bogus']), { id: 'a', name: 'web' });
  });
  it('omits everything for an empty selection', () => {
    assert.deepEqual(selectFields(row, ['']), {});
  });
});
