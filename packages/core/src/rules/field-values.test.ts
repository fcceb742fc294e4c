import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boolField, putValue, pythonFloat, pythonList, required } from './field-values.js';
import { failure } from './test-fixtures.js';

describe('field values', () => {
  it('required() raises the WSME mandatory-field message', () => {
    assert.equal(required(0, 'x'), 0);
    assert.deepEqual(
      failure(() => required(null, 'protocol')),
      {
        kind: 'invalid',
        message: "Invalid input for field/attribute protocol. Value: 'None'. Mandatory field missing.",
      },
    );
  });

  it('putValue() keeps on absent, resets on null, replaces otherwise', () => {
    assert.equal(putValue(undefined, 5, 1), 5);
    assert.equal(putValue(null, 5, 1), 1);
    assert.equal(putValue(7, 5, 1), 7);
  });

  it('boolField() treats null as false', () => {
    assert.equal(boolField(undefined, true), true);
    assert.equal(boolField(null, true), false);
    assert.equal(boolField(true, false), true);
  });

  it('renders Python reprs', () => {
    assert.equal(pythonList(['a', "it's", 'b\\c']), `['a', "it's", 'b\\\\c']`);
    assert.equal(pythonList([]), '[]');
    assert.equal(pythonFloat(1), '1.0');
    assert.equal(pythonFloat(1.1), '1.1');
  });
});
