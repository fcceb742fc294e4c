import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boolFromString } from './bool-from-string.js';

describe('boolFromString', () => {
  it('accepts the oslo true strings case-insensitively', () => {
    for (const s of ['1', 't', 'true', 'on', 'y', 'yes', 'TRUE', 'Yes', ' On '])
      assert.equal(boolFromString(s), true, s);
  });
  it('accepts the oslo false strings case-insensitively', () => {
    for (const s of ['0', 'f', 'false', 'off', 'n', 'no', 'False', 'NO'])
      assert.equal(boolFromString(s), false, s);
  });
  it('returns undefined for anything else', () => {
    for (const s of ['', '2', 'maybe', 'nein', 'truee']) assert.equal(boolFromString(s), undefined, s);
  });
});
