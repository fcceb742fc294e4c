#!/usr/bin/env node
// Fails when any import cycle exists between source files (DESIGN.md §5 dependency rules).
import { spawnSync } from 'node:child_process';

const r = spawnSync(
  'npx',
  [
    '--no-install',
    'dpdm',
    '--no-warning',
    '--no-tree',
    '--transform',
    '--exit-code',
    'circular:1',
    'packages/*/src/**/*.ts',
  ],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
