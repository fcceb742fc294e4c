import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyRepr, pyStr } from './python-repr.js';

describe('pyStr / pyRepr', () => {
  it('renders scalars like Python str()', () => {
    assert.equal(pyStr(null), 'None');
    assert.equal(pyStr(true), 'True');
    assert.equal(pyStr(false), 'False');
    assert.equal(pyStr('abc'), 'abc');
    assert.equal(pyStr(80), '80');
    assert.equal(pyStr(1.5), '1.5');
    assert.equal(pyStr(1, true), '1.0');
    assert.equal(pyStr(0.00001, true), '1e-05');
    assert.equal(pyStr(1e16, true), '1e+16');
  });

  it('renders containers like Python repr()', () => {
    assert.equal(
      pyStr({ listener: { name: 'a', port: 80, up: null, tags: ['x', "it's"] } }),
      "{'listener': {'name': 'a', 'port': 80, 'up': None, 'tags': ['x', \"it's\"]}}",
    );
    assert.equal(pyRepr('a\nb\\'), "'a\\nb\\\\'");
  });
});
