// End to end TLS termination with the real Debian `openstack` CLI (python3-openstackclient, octaviaclient,
// barbicanclient; Keystone password mode with the clouds.yaml `lbaas up --auth keystone` writes) against a
// real `lbaas up` (API server + embedded agent + real HAProxy on a loopback VIP): a PKCS#12 secret and a
// certificate container stored with `openstack secret store` / `secret container create`, a
// TERMINATED_HTTPS listener using them (default certificate + SNI), a pool and member on a local backend,
// an L7 REJECT policy, then curl and `openssl s_client` against the VIP check the answers and the served
// certificates. Every loop is bounded in count and time.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  servedCertificate,
  skipWithoutTlsTools,
  testPki,
  type TestPki,
} from '../../packages/agent/src/test-support/tls-test-kit.js';
import {
  assertCliBuilt,
  cleanupStateDir,
  haproxyPid,
  LbaasUpProcess,
  makeStateDir,
  processAlive,
  sleep,
} from '../support/lbaas-up-process.js';
import { openstackRunner } from '../support/openstack-cli.js';
import { freePort, startTestBackend, type TestBackend } from '../support/traffic.js';

function missingTool(): string | false {
  if (spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status !== 0)
    return 'haproxy not installed (apt-get install haproxy)';
  for (const args of [
    ['secret', 'container', 'create', '--help'],
    ['loadbalancer', 'l7rule', 'create', '--help'],
  ]) {
    if (spawnSync('openstack', args, { encoding: 'utf8' }).status !== 0)
      return 'the openstack CLI with octaviaclient and barbicanclient is not installed (apt-get install python3-openstackclient python3-octaviaclient python3-barbicanclient)';
  }
  return false;
}
const missing = missingTool();
if (missing && process.env.CI)
  throw new Error(`CI must run the openstack TLS end-to-end test, but: ${missing}`);
// Throws under CI when openssl or curl is missing.
const skip = missing || skipWithoutTlsTools();

type Obj = Record<string, unknown>;
const state: { server?: LbaasUpProcess; stateDir?: string; pki?: TestPki; backend?: TestBackend } = {};
const cloudsFile = (): string => join(state.stateDir ?? '/nonexistent', 'clouds.yaml');
const cli = openstackRunner(() => ({
  cloudsFile: cloudsFile(),
  logs: state.server?.logs,
  label: 'lbaas up',
}));
/** `openstack` as the bootstrap admin (cloud `lbaas` of the clouds.yaml `lbaas up` wrote). */
const os = (args: string[], opts: { expectFail?: boolean } = {}) => cli.os('lbaas', args, opts);
const osJson = <T = Obj>(args: string[]): T => cli.osJson<T>('lbaas', args);

before(async () => {
  if (skip) return;
  assertCliBuilt();
  state.stateDir = makeStateDir();
  state.server = await LbaasUpProcess.start(state.stateDir, {
    env: { LBAAS_AUTH: 'keystone' },
    args: ['--auth', 'keystone'],
  });
  state.pki = testPki();
  state.backend = await startTestBackend('tls-backend');
});

after(async () => {
  if (state.server?.running && existsSync(cloudsFile())) {
    // Whatever a failed test left behind, deleted through the API so the agent stops its HAProxy.
    const left = spawnSync('openstack', ['loadbalancer', 'list', '-f', 'value', '-c', 'id'], {
      encoding: 'utf8',
      timeout: 60_000,
      env: {
        ...process.env,
        OS_CLIENT_CONFIG_FILE: cloudsFile(),
        OS_CLOUD: 'lbaas',
        OS_AUTH_TYPE: '',
        OS_ENDPOINT: '',
      },
    });
    for (const id of (left.stdout ?? '').split('\n').filter((l) => l.trim() !== '')) {
      spawnSync('openstack', ['loadbalancer', 'delete', '--cascade', '--wait', id.trim()], {
        timeout: 60_000,
        env: {
          ...process.env,
          OS_CLIENT_CONFIG_FILE: cloudsFile(),
          OS_CLOUD: 'lbaas',
          OS_AUTH_TYPE: '',
          OS_ENDPOINT: '',
        },
      });
    }
  }
  await state.server?.stop();
  if (state.stateDir) await cleanupStateDir(state.stateDir);
  await state.backend?.close();
  state.pki?.remove();
});

/**
 * `curl` (argv only, asynchronous so the backend in this process keeps answering) of
 * https://www.example.com:<port><path> resolved to the VIP and verified with the test CA.
 */
function curl(
  vip: string,
  port: number,
  path: string,
  cacert: string,
): Promise<{ status: number; body: string; stderr: string }> {
  const args = [
    '-sS',
    '--max-time',
    '5',
    '--resolve',
    `www.example.com:${port}:${vip}`,
    '--cacert',
    cacert,
    '-o',
    '-',
    '-w',
    '\n%{http_code}',
    `https://www.example.com:${port}${path}`,
  ];
  return new Promise((resolve) => {
    execFile('curl', args, { timeout: 10_000, encoding: 'utf8' }, (_err, stdout, stderr) => {
      const nl = stdout.lastIndexOf('\n');
      resolve({ status: Number(stdout.slice(nl + 1)) || 0, body: stdout.slice(0, nl), stderr });
    });
  });
}

/**
 * Waits (bounded) until the load balancer is ACTIVE again. Needed after `l7rule create`, whose `--wait` is
 * broken in python3-octaviaclient 3.1.0: after waiting it calls `l7rule_show(policy_id, rule_id)` with the
 * arguments swapped and fails with a 404 (on Octavia too).
 */
async function waitLbActive(lb: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const status = os(['loadbalancer', 'show', lb, '-f', 'value', '-c', 'provisioning_status']).stdout;
    if (status.trim() === 'ACTIVE') return;
    await sleep(250);
  }
  throw new Error(`load balancer ${lb} did not become ACTIVE`);
}

test(
  'openstack secret store + TERMINATED_HTTPS listener + l7policy through a real HAProxy',
  { skip, timeout: 600_000 },
  async () => {
    const pki = state.pki!;
    const backend = state.backend!;
    const ca = pki.ca('tls-e2e-ca');
    const www = ca.issue('www', { cn: 'www.example.com', sans: ['www.example.com'] });
    const apiCert = ca.issue('api', { cn: 'api.example.com', sans: ['api.example.com'] });
    const p12 = pki.pkcs12(www, [ca]);

    // 1. The PKCS#12 bundle as a base64 octet-stream secret (Octavia's cookbook).
    const p12Ref = String(
      osJson([
        'secret',
        'store',
        '--name',
        'tls1',
        '-t',
        'application/octet-stream',
        '-e',
        'base64',
        '--payload',
        p12.toString('base64'),
      ])['Secret href'],
    );
    assert.match(p12Ref, /\/key-manager\/v1\/secrets\/[0-9a-f-]{36}$/);

    // 2. A certificate container over two text/plain PEM secrets, for SNI.
    const certRef = String(
      osJson(['secret', 'store', '--name', 'api-cert', '-t', 'text/plain', '--payload', apiCert.certPem])[
        'Secret href'
      ],
    );
    const keyRef = String(
      osJson(['secret', 'store', '--name', 'api-key', '-t', 'text/plain', '--payload', apiCert.keyPem])[
        'Secret href'
      ],
    );
    const containerRef = String(
      osJson([
        'secret',
        'container',
        'create',
        '--name',
        'api-tls',
        '--type',
        'certificate',
        '--secret',
        `certificate=${certRef}`,
        '--secret',
        `private_key=${keyRef}`,
      ])['Container href'],
    );
    assert.match(containerRef, /\/key-manager\/v1\/containers\/[0-9a-f-]{36}$/);
    // A text secret that is no PKCS#12 bundle, for the bad-ref check.
    const textRef = String(
      osJson(['secret', 'store', '--name', 'not-a-p12', '--payload', 'hello'])['Secret href'],
    );

    // 3. Load balancer on the built-in subnet, TERMINATED_HTTPS listener, pool and member.
    const subnets = osJson<Obj[]>(['subnet', 'list']);
    const subnet = subnets.find((s) => s['Name'] === 'lbaas-loopback-subnet');
    assert.ok(subnet, `no lbaas-loopback-subnet in ${JSON.stringify(subnets)}`);
    const lb = osJson([
      'loadbalancer',
      'create',
      '--name',
      'lb1',
      '--vip-subnet-id',
      String(subnet['ID']),
      '--wait',
    ]);
    assert.equal(lb.provisioning_status, 'ACTIVE');
    const lbId = String(lb.id);
    const vip = String(lb.vip_address);
    assert.match(vip, /^127\./);
    const port = await freePort();
    const listener = osJson([
      'loadbalancer',
      'listener',
      'create',
      '--name',
      'l1',
      '--protocol',
      'TERMINATED_HTTPS',
      '--protocol-port',
      String(port),
      '--default-tls-container-ref',
      p12Ref,
      '--sni-container-refs',
      containerRef,
      '--wait',
      'lb1',
    ]);
    assert.equal(listener.provisioning_status, 'ACTIVE');
    assert.equal(listener.protocol, 'TERMINATED_HTTPS');
    osJson([
      'loadbalancer',
      'pool',
      'create',
      '--name',
      'p1',
      '--listener',
      'l1',
      '--protocol',
      'HTTP',
      '--lb-algorithm',
      'ROUND_ROBIN',
      '--wait',
    ]);
    osJson([
      'loadbalancer',
      'member',
      'create',
      '--name',
      'm1',
      '--address',
      backend.address,
      '--protocol-port',
      String(backend.port),
      '--wait',
      'p1',
    ]);

    // 4. An L7 policy rejecting /admin.
    const policy = osJson([
      'loadbalancer',
      'l7policy',
      'create',
      '--action',
      'REJECT',
      '--name',
      'deny-admin',
      '--wait',
      'l1',
    ]);
    assert.equal(policy.action, 'REJECT');
    // Without --wait (see waitLbActive), then bounded polling of the load balancer.
    const rule = osJson([
      'loadbalancer',
      'l7rule',
      'create',
      '--type',
      'PATH',
      '--compare-type',
      'STARTS_WITH',
      '--value',
      '/admin',
      'deny-admin',
    ]);
    assert.equal(rule.type, 'PATH');
    await waitLbActive('lb1');

    // 5. Real TLS through HAProxy.
    let home = await curl(vip, port, '/', ca.certPath);
    for (let i = 0; i < 40 && home.status !== 200; i++) {
      await sleep(250);
      home = await curl(vip, port, '/', ca.certPath);
    }
    assert.equal(home.status, 200, `GET / through TLS: ${home.stderr}\n${state.server?.tail()}`);
    assert.equal((JSON.parse(home.body) as Obj).backend, 'tls-backend');
    const hitsBefore = backend.hits();
    const admin = await curl(vip, port, '/admin/x', ca.certPath);
    assert.equal(admin.status, 403, `GET /admin/x: ${admin.stderr}`);
    assert.equal(backend.hits(), hitsBefore, 'the rejected request must not reach the backend');

    const sni = await servedCertificate(vip, port, 'api.example.com');
    assert.ok(sni, 'no certificate served for SNI api.example.com');
    assert.match(sni.subject, /CN\s*=\s*api\.example\.com/);
    assert.equal(sni.serial, apiCert.serial);
    const def = await servedCertificate(vip, port, 'www.example.com');
    assert.ok(def, 'no certificate served for SNI www.example.com');
    assert.match(def.subject, /CN\s*=\s*www\.example\.com/);
    assert.equal(def.serial, www.serial);
    // An unknown server name gets the default (PKCS#12) certificate.
    const other = await servedCertificate(vip, port, 'other.example.com');
    assert.equal(other?.serial, www.serial);

    // 6. The refs as stored, and a bad ref refused with Octavia's message.
    const shown = osJson(['loadbalancer', 'listener', 'show', 'l1']);
    assert.equal(shown.default_tls_container_ref, p12Ref);
    assert.match(JSON.stringify(shown.sni_container_refs), new RegExp(containerRef.replace(/[/.]/g, '\\$&')));
    const bad = os(
      [
        'loadbalancer',
        'listener',
        'create',
        '--name',
        'bad',
        '--protocol',
        'TERMINATED_HTTPS',
        '--protocol-port',
        String(await freePort()),
        '--default-tls-container-ref',
        textRef,
        'lb1',
      ],
      { expectFail: true },
    );
    assert.match(bad.stderr, /The PKCS12 bundle is unreadable/);
    assert.deepEqual(
      osJson<Obj[]>(['loadbalancer', 'listener', 'list', '--loadbalancer', 'lb1']).map((l) => l['name']),
      ['l1'],
    );

    // 7. Clean up: the cascade delete stops this load balancer's HAProxy.
    const pid = haproxyPid(state.stateDir!, lbId);
    assert.ok(pid !== undefined && processAlive(pid), 'HAProxy of lb1 is not running');
    os(['loadbalancer', 'delete', '--cascade', '--wait', 'lb1']);
    for (let i = 0; i < 40 && processAlive(pid); i++) await sleep(250);
    assert.equal(processAlive(pid), false, 'HAProxy of lb1 still runs after the cascade delete');
    os(['secret', 'container', 'delete', containerRef]);
    for (const ref of [p12Ref, certRef, keyRef, textRef]) os(['secret', 'delete', ref]);
    assert.deepEqual(osJson<Obj[]>(['secret', 'list']), []);
  },
);
