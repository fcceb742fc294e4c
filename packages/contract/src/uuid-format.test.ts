import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeUuid } from './uuid-format.js';

describe('normalizeUuid', () => {
  it('returns the canonical lower-case form of the inputs Python uuid.UUID accepts', () => {
    const canonical = '6f9619ff-8b86-d011-b42d-00c04fc964ff';
    for (const text of [
      canonical,
      canonical.toUpperCase(),
      '{6F9619FF-8B86-D011-B42D-00C04FC964FF}',
      '6f9619ff8b86d011b42d00c04fc964ff',
      `urn:uuid:${canonical}`,
    ]) {
      assert.equal(normalizeUuid(text), canonical, text);
    }
  });

  it('rejects anything that is not 32 hex digits', () => {
    for (const text of [
      '',
      'not-a-uuid',
      '6f9619ff-8b86-d011-b42d-00c04fc964f',
      '6f9619ff-8b86-d011-b42d-00c04fc964fg',
    ]) {
      assert.equal(normalizeUuid(text), undefined, text);
    }
  });
});
