import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import type { AgentConfigFile } from '@lbaas/contract';
import {
  freePort,
  killRecordedMaster,
  realApplier,
  realProcess,
  sha256,
  skipWithoutHaproxy,
  startBackend,
  tempDir,
  testConfig,
  testLoadBalancerId,
} from '../test-support/haproxy-test-kit.js';
import {
  servedCertificate,
  skipWithoutTlsTools,
  testPki,
  type TestCa,
  type TestCert,
} from '../test-support/tls-test-kit.js';
import type { HaproxyApplier } from './haproxy-applier.js';
import type { LoadBalancerConfig } from './load-balancer-config.js';

const skip = skipWithoutHaproxy() || skipWithoutTlsTools();
const id = testLoadBalancerId(21);

interface TlsFixture {
  dir: string;
  port: number;
  applier: HaproxyApplier;
  warnings: string[];
  serverCa: TestCa;
  clientCa1: TestCa;
  clientCa2: TestCa;
  certA: TestCert;
  certB: TestCert;
  /** haproxy.cfg with one TLS bind (crt-list, optional client certificates checked against CA + CRL). */
  cfg(clientAuth?: boolean): string;
  config(revision: number, files: AgentConfigFile[], cfg?: string): LoadBalancerConfig;
  files(cert: TestCert, clientCaPem?: string, clientCrlPem?: string): AgentConfigFile[];
}

async function fixture(t: TestContext): Promise<TlsFixture> {
  const base = await tempDir();
  const dir = join(base.path, id);
  const backend = await startBackend('a');
  const port = await freePort();
  const warnings: string[] = [];
  const applier = realApplier(base.path, { warn: (m) => warnings.push(m) });
  const pki = testPki();
  t.after(async () => {
    await applier.remove(id).catch(() => undefined);
    await killRecordedMaster(dir);
    await backend.close();
    await base.remove();
    pki.remove();
  });
  const serverCa = pki.ca('server-ca');
  const clientCa1 = pki.ca('client-ca-1');
  const clientCa2 = pki.ca('client-ca-2');
  const sans = ['127.0.0.1', 'lb.example'];
  const certA = serverCa.issue('server-a', { cn: 'lb.example', sans });
  const certB = serverCa.issue('server-b', { cn: 'lb.example', sans });
  const cfg = (clientAuth = true): string =>
    testConfig(
      dir,
      `127.0.0.1:${port} ssl crt-list ${dir}/tls/x.crtlist` +
        (clientAuth
          ? ` ca-file ${dir}/tls/x-client-ca.pem crl-file ${dir}/tls/x-client-crl.pem verify optional`
          : ''),
      [{ name: 'a', port: backend.port }],
    );
  return {
    dir,
    port,
    applier,
    warnings,
    serverCa,
    clientCa1,
    clientCa2,
    certA,
    certB,
    cfg,
    config(revision, files, haproxyCfg = cfg()) {
      const hash = sha256(haproxyCfg + JSON.stringify(files));
      return { loadBalancerId: id, revision, hash, haproxyCfg, files };
    },
    files(cert, clientCaPem = clientCa1.certPem, clientCrlPem = clientCa1.crl([])) {
      return [
        { name: 'tls/x-cert-0.pem', kind: 'certificate', content: cert.certPem + cert.keyPem },
        { name: 'tls/x-client-ca.pem', kind: 'ca', content: clientCaPem },
        { name: 'tls/x-client-crl.pem', kind: 'crl', content: clientCrlPem },
        { name: 'tls/x.crtlist', kind: 'crt-list', content: `${dir}/tls/x-cert-0.pem\n` },
      ];
    },
  };
}

/** GET https://127.0.0.1:<port>/ trusting `ca`, optionally with a client certificate. */
function httpsGet(port: number, ca: string, client?: TestCert): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/',
        ca,
        servername: 'lb.example',
        agent: false,
        timeout: 3_000,
        ...(client === undefined ? {} : { cert: client.certPem, key: client.keyPem }),
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(body) : reject(new Error(`HTTP ${res.statusCode}`)),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Master pid (pid file) and serving worker pid (`show info` on the stats socket). */
async function pids(dir: string): Promise<{ master: number | undefined; worker: string | undefined }> {
  const process = realProcess(dir);
  return { master: await process.masterPid(), worker: (await process.runtime.showInfo()).get('Pid') };
}

async function serial(port: number): Promise<string | undefined> {
  return (await servedCertificate('127.0.0.1', port, 'lb.example'))?.serial;
}

test(
  'a certificate rotation is committed through the runtime API: no reload, no failed request',
  { skip },
  async (t) => {
    const f = await fixture(t);
    await f.applier.apply(f.config(1, f.files(f.certA)));
    assert.equal(await serial(f.port), f.certA.serial);
    assert.equal(await httpsGet(f.port, f.serverCa.certPem), 'a');
    const before = await pids(f.dir);
    assert.ok(before.master !== undefined && before.worker !== undefined);

    // HTTPS requests on fresh connections across the update: bounded by count and time.
    let applied = false;
    let afterApply = 0;
    let ok = 0;
    const failures: string[] = [];
    const startedAt = Date.now();
    const load = (async () => {
      while (ok + failures.length < 200 && Date.now() - startedAt < 10_000 && afterApply < 30) {
        try {
          await httpsGet(f.port, f.serverCa.certPem);
          ok++;
        } catch (error) {
          failures.push(String(error));
        }
        if (applied) afterApply++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const next = f.config(2, f.files(f.certB), f.cfg());
    await f.applier.apply(next);
    applied = true;
    await load;

    assert.deepEqual(failures, []);
    assert.ok(ok > 0 && afterApply > 0, `${ok} requests, ${afterApply} after the update`);
    assert.equal(await serial(f.port), f.certB.serial);
    assert.deepEqual(await pids(f.dir), before, 'neither the master nor the worker changed');
    assert.deepEqual(f.warnings, []);
    // Disk follows, so that a later reload serves B too; the record moved.
    assert.equal(readFileSync(join(f.dir, 'tls/x-cert-0.pem'), 'utf8'), f.certB.certPem + f.certB.keyPem);
    assert.equal(readFileSync(join(f.dir, 'haproxy.cfg'), 'utf8'), next.haproxyCfg);
    const [lb] = await f.applier.list();
    assert.equal(lb?.revision, 2);
    assert.equal(lb?.hash, next.hash);
    await realProcess(f.dir).reload();
    assert.equal(await serial(f.port), f.certB.serial);
  },
);

test(
  'client CA file and CRL are replaced at runtime: a revoked client certificate is refused',
  { skip },
  async (t) => {
    const f = await fixture(t);
    const client1 = f.clientCa1.issue('client-1', { client: true });
    const client2 = f.clientCa2.issue('client-2', { client: true });
    await f.applier.apply(f.config(1, f.files(f.certA)));
    assert.equal(await httpsGet(f.port, f.serverCa.certPem, client1), 'a');
    await assert.rejects(httpsGet(f.port, f.serverCa.certPem, client2));
    const before = await pids(f.dir);

    // Both CAs trusted (a CRL for each: HAProxy checks CRLs for the whole chain), client-1 revoked.
    const bundle = f.clientCa1.certPem + f.clientCa2.certPem;
    const crls = f.clientCa1.crl([client1]) + f.clientCa2.crl([]);
    await f.applier.apply(f.config(2, f.files(f.certA, bundle, crls)));

    assert.equal(await httpsGet(f.port, f.serverCa.certPem, client2), 'a');
    await assert.rejects(httpsGet(f.port, f.serverCa.certPem, client1));
    assert.equal(await httpsGet(f.port, f.serverCa.certPem), 'a', 'no client certificate is still optional');
    assert.deepEqual(await pids(f.dir), before, 'no reload');
    assert.deepEqual(f.warnings, []);
    assert.equal(readFileSync(join(f.dir, 'tls/x-client-crl.pem'), 'utf8'), crls);
  },
);

test(
  'a bad certificate is refused at runtime, the reload fallback fails its check, and the old files keep serving',
  { skip },
  async (t) => {
    const f = await fixture(t);
    await f.applier.apply(f.config(1, f.files(f.certA)));
    const before = await pids(f.dir);
    const good = readFileSync(join(f.dir, 'tls/x-cert-0.pem'), 'utf8');
    const bad = f.files(f.certA).map((file) =>
      file.kind === 'certificate'
        ? {
            ...file,
            content: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' + f.certB.keyPem,
          }
        : file,
    );
    await assert.rejects(f.applier.apply(f.config(2, bad)), /haproxy rejected revision 2/);
    assert.equal(f.warnings.length, 1);
    assert.match(f.warnings[0] ?? '', /runtime update of .* failed, reloading instead: .*set ssl cert/);
    assert.equal(readFileSync(join(f.dir, 'tls/x-cert-0.pem'), 'utf8'), good);
    assert.deepEqual(readdirSync(join(f.dir, 'tls')).sort(), [
      'x-cert-0.pem',
      'x-client-ca.pem',
      'x-client-crl.pem',
      'x.crtlist',
    ]);
    assert.equal(await serial(f.port), f.certA.serial);
    assert.equal(await httpsGet(f.port, f.serverCa.certPem), 'a');
    assert.deepEqual(await pids(f.dir), before);
    const [lb] = await f.applier.list();
    assert.equal(lb?.revision, 1);
    // A key that does not match its certificate fails at commit; the transaction is aborted, the next
    // update works.
    const mismatched = f
      .files(f.certB)
      .map((file) =>
        file.kind === 'certificate' ? { ...file, content: f.certB.certPem + f.certA.keyPem } : file,
      );
    await assert.rejects(f.applier.apply(f.config(3, mismatched)), /haproxy rejected revision 3/);
    assert.match(f.warnings[1] ?? '', /commit ssl cert .*inconsistencies/);
    await f.applier.apply(f.config(4, f.files(f.certB)));
    assert.equal(await serial(f.port), f.certB.serial);
    assert.deepEqual(await pids(f.dir), before);
  },
);

test(
  'files are 0600 under a 0700 tls/, stale files go after a reload, bad names are refused',
  { skip },
  async (t) => {
    const f = await fixture(t);
    await f.applier.apply(f.config(1, f.files(f.certA)));
    assert.equal(statSync(join(f.dir, 'tls')).mode & 0o777, 0o700);
    for (const name of readdirSync(join(f.dir, 'tls'))) {
      assert.equal(statSync(join(f.dir, 'tls', name)).mode & 0o777, 0o600, name);
    }
    const masterBefore = (await pids(f.dir)).master;

    // Without client authentication: the cfg changes (reload) and the CA / CRL files are no longer named.
    const plain = f.files(f.certB).filter((file) => file.kind === 'certificate' || file.kind === 'crt-list');
    await f.applier.apply(f.config(2, plain, f.cfg(false)));
    assert.deepEqual(readdirSync(join(f.dir, 'tls')).sort(), ['x-cert-0.pem', 'x.crtlist']);
    assert.equal(await serial(f.port), f.certB.serial);
    assert.equal((await pids(f.dir)).master, masterBefore, 'a reload keeps the master');
    assert.equal(readFileSync(join(f.dir, 'tls/x-cert-0.pem'), 'utf8'), f.certB.certPem + f.certB.keyPem);

    for (const name of ['tls/../haproxy.cfg', 'tls/sub/x.pem', 'haproxy.cfg', 'tls/.hidden']) {
      const files: AgentConfigFile[] = [...plain, { name, kind: 'certificate', content: 'x\n' }];
      await assert.rejects(
        f.applier.apply(f.config(3, files, f.cfg(false))),
        /invalid config file name/,
        name,
      );
    }
    const [lb] = await f.applier.list();
    assert.equal(lb?.revision, 2);
    assert.equal(await serial(f.port), f.certB.serial);
  },
);
