import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PING_CHECK_SCRIPT, PING_CHECK_SCRIPT_NAME as CONTRACT_NAME } from '@lbaas/contract';
import { PING_CHECK_SCRIPT_NAME as RENDERER_NAME } from '@lbaas/core';

test('the renderer refers to the PING script by the name the agent writes it under', () => {
  assert.equal(RENDERER_NAME, CONTRACT_NAME);
  assert.match(PING_CHECK_SCRIPT, /^#!\/bin\/sh\n/);
  assert.match(PING_CHECK_SCRIPT, /\/bin\/ping -4 -q -n -w 1 -c 1 "\$3" >\/dev\/null 2>&1/);
});
