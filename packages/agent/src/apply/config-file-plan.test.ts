import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgentConfigFile } from '@lbaas/contract';
import { assertConfigFiles, planConfigUpdate } from './config-file-plan.js';

const cfg =
  'global\nfrontend fe\n    bind :443 ssl crt-list /lb/tls/l.crtlist\nbackend be\n    server m1 10.0.0.1:80 weight 1\n';
const files: AgentConfigFile[] = [
  { name: 'tls/l-cert-0.pem', kind: 'certificate', content: 'CERT-A\n' },
  { name: 'tls/l-client-ca.pem', kind: 'ca', content: 'CA-A\n' },
  { name: 'tls/l-client-crl.pem', kind: 'crl', content: 'CRL-A\n' },
  { name: 'tls/l.crtlist', kind: 'crt-list', content: '/lb/tls/l-cert-0.pem\n' },
];
const current = { cfg, files: new Map(files.map((f) => [f.name, f.content])) };

function withContent(name: string, content: string): AgentConfigFile[] {
  return files.map((f) => (f.name === name ? { ...f, content } : f));
}

test('same cfg and files: a runtime plan with nothing to do', () => {
  assert.deepEqual(planConfigUpdate(current, { cfg, files }), {
    action: 'runtime',
    memberChanges: [],
    fileUpdates: [],
  });
});

test('changed certificate, CA and CRL contents are runtime updates, by name', () => {
  const next = withContent('tls/l-client-crl.pem', 'CRL-B\n').map((f) =>
    f.name === 'tls/l-cert-0.pem' ? { ...f, content: 'CERT-B\n' } : f,
  );
  const plan = planConfigUpdate(current, { cfg, files: next });
  assert.equal(plan.action, 'runtime');
  assert.deepEqual(
    plan.action === 'runtime' ? plan.fileUpdates.map((f) => [f.name, f.kind, f.content]) : [],
    [
      ['tls/l-cert-0.pem', 'certificate', 'CERT-B\n'],
      ['tls/l-client-crl.pem', 'crl', 'CRL-B\n'],
    ],
  );
});

test('member weight changes and a certificate change go together at runtime', () => {
  const plan = planConfigUpdate(current, {
    cfg: cfg.replace('weight 1', 'weight 5'),
    files: withContent('tls/l-client-ca.pem', 'CA-B\n'),
  });
  assert.deepEqual(plan, {
    action: 'runtime',
    memberChanges: [{ backend: 'be', server: 'm1', weight: 5 }],
    fileUpdates: [{ name: 'tls/l-client-ca.pem', kind: 'ca', content: 'CA-B\n' }],
  });
});

test('other cfg text, crt-list changes, added or removed files and unsendable content reload', () => {
  const reload = (next: { cfg: string; files: readonly AgentConfigFile[] }) =>
    planConfigUpdate(current, next).action;
  assert.equal(reload({ cfg: cfg.replace(':443', ':8443'), files }), 'reload');
  assert.equal(
    reload({ cfg, files: withContent('tls/l.crtlist', '/lb/tls/l-cert-0.pem [alpn h2]\n') }),
    'reload',
  );
  assert.equal(reload({ cfg, files: files.slice(1) }), 'reload');
  assert.equal(
    reload({ cfg, files: [...files, { name: 'tls/l-cert-1.pem', kind: 'certificate', content: 'X\n' }] }),
    'reload',
  );
  assert.equal(reload({ cfg, files: withContent('tls/l-cert-0.pem', 'A\n\nB\n') }), 'reload');
  const plan = planConfigUpdate(current, { cfg, files: withContent('tls/l.crtlist', 'other\n') });
  assert.deepEqual(plan, { action: 'reload', reason: 'crt-list tls/l.crtlist changed' });
});

test('a pool CA / client certificate used by server lines reloads (idle server connections)', () => {
  const poolCfg = cfg.replace(
    'server m1 10.0.0.1:80 weight 1',
    'server m1 10.0.0.1:443 weight 1 ssl crt /lb/tls/p-client-cert.pem ca-file /lb/tls/p-ca.pem verify required',
  );
  const poolFiles: AgentConfigFile[] = [
    ...files,
    { name: 'tls/p-ca.pem', kind: 'ca', content: 'PCA-A\n' },
    { name: 'tls/p-client-cert.pem', kind: 'certificate', content: 'PCERT-A\n' },
  ];
  const state = { cfg: poolCfg, files: new Map(poolFiles.map((f) => [f.name, f.content])) };
  const change = (name: string) =>
    planConfigUpdate(state, {
      cfg: poolCfg,
      files: poolFiles.map((f) => (f.name === name ? { ...f, content: 'NEW\n' } : f)),
    });
  assert.deepEqual(change('tls/p-ca.pem'), {
    action: 'reload',
    reason: 'tls/p-ca.pem is used by server lines',
  });
  assert.equal(change('tls/p-client-cert.pem').action, 'reload');
  // The listener's files stay runtime updates next to them.
  assert.equal(change('tls/l-client-ca.pem').action, 'runtime');
});

test('file names are checked again on the agent', () => {
  assertConfigFiles(files);
  assertConfigFiles([]);
  for (const name of [
    'tls/../haproxy.cfg',
    'tls/a/b.pem',
    'x.pem',
    '/etc/passwd',
    'tls/',
    'tls/..',
    'tls/.x.tmp',
    'tls/a b',
  ]) {
    assert.throws(
      () => assertConfigFiles([{ name, kind: 'certificate', content: '' }]),
      /invalid config file name/,
      name,
    );
  }
  assert.throws(() => assertConfigFiles([files[0]!, files[0]!]), /appears twice/);
  assert.throws(
    () => assertConfigFiles([{ name: 'tls/x', kind: 'key' as AgentConfigFile['kind'], content: '' }]),
    /unknown kind/,
  );
});
