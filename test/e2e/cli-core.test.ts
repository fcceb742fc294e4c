// The `lbaas` CLI's own machinery, as a subprocess against real `lbaas server` processes: --wait reaching
// ERROR and timing out, exit codes, authentication (the state dir's clouds.yaml found by itself, the token
// cache, --os-token + --os-endpoint, a missing cloud), --debug, --help everywhere, shell completion.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { lbaasJson, lbaasOk, noauthEnv, runLbaas } from '../support/lbaas-cli.js';
import { LbaasProcess } from '../support/lbaas-process.js';

let noAgent: LbaasProcess;
let stuck: LbaasProcess;
let keystone: LbaasProcess;

before(async () => {
  // The agent driver without any agent: a new load balancer waits for one, then goes to ERROR.
  noAgent = await LbaasProcess.start({ LBAAS_AUTH: 'noauth', LBAAS_DRIVER_TIMEOUT_MS: '4000' }, 'warn');
  // The same with a 10-minute deadline: a new load balancer stays PENDING_CREATE for the whole test, so
  // `--timeout 1` times out however slow the machine is.
  stuck = await LbaasProcess.start({ LBAAS_AUTH: 'noauth', LBAAS_DRIVER_TIMEOUT_MS: '600000' }, 'warn');
  keystone = await LbaasProcess.start(
    { LBAAS_AUTH: 'keystone', LBAAS_DRIVER: 'noop', LBAAS_ADMIN_PASSWORD: 'walk-the-line-42' },
    'warn',
  );
});
after(async () => {
  await noAgent?.stop();
  await stuck?.stop();
  await keystone?.stop();
});

test('--wait: ERROR exits 1 with the reason, --timeout exits 1 naming the status; piped, no spinner', async () => {
  const env = noauthEnv(noAgent.url);
  const create = ['loadbalancer', 'create', '--vip-subnet-id', 'lbaas-loopback-subnet', '--wait'];
  const timedOut = await runLbaas([...create, '--name', 'slow', '--timeout', '1'], noauthEnv(stuck.url));
  assert.equal(timedOut.status, 1, timedOut.stderr);
  assert.match(
    timedOut.stderr,
    /^Timed out after 1s waiting for load balancer slow \(still PENDING_CREATE\)\n$/,
  );
  assert.equal(timedOut.stdout, '');
  const failed = await runLbaas([...create, '--name', 'doomed'], env);
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stderr, /^load balancer doomed went to ERROR/);
  assert.doesNotMatch(failed.stderr, /\bat .*\.js:\d+/, 'no stack trace');
  assert.equal(
    await lbaasOk(['loadbalancer', 'show', 'doomed', '-f', 'value', '-c', 'provisioning_status'], env),
    'ERROR\n',
  );
});

test('exit codes: usage errors 2, server faults 1 with the faultstring, success 0', async () => {
  const env = noauthEnv(noAgent.url);
  const unknown = await runLbaas(['loadbalancer', 'frobnicate'], env);
  assert.equal(unknown.status, 2);
  const badChoice = await runLbaas(['loadbalancer', 'list', '-f', 'xml'], env);
  assert.equal(badChoice.status, 2);
  assert.match(badChoice.stderr, /xml/);
  const fault = await runLbaas(
    ['loadbalancer', 'create', '--vip-subnet-id', 'lbaas-loopback-subnet', '--vip-address', '10.9.9.9'],
    env,
  );
  assert.equal(fault.status, 1);
  assert.match(fault.stderr, /\(HTTP 400\) \(Request-ID: req-[0-9a-f-]+\)\n$/);
  const missing = await runLbaas(['loadbalancer', 'show', 'no-such-lb'], env);
  assert.deepEqual([missing.status, missing.stderr], [1, 'Unable to locate no-such-lb in loadbalancers\n']);
  const help = await runLbaas(['loadbalancer', 'member', 'create', '--help'], env);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--protocol-port <protocol_port>/);
});

test('auth: the state dir clouds.yaml is found by itself, the token is cached (0600, no password) and reused', async () => {
  const home = mkdtempSync(join(tmpdir(), 'lbaas-cli-auth-'));
  const env = { LBAAS_STATE_DIR: keystone.stateDir, HOME: home, XDG_CACHE_HOME: join(home, 'cache') };
  const first = await runLbaas(['--debug', 'loadbalancer', 'list', '-f', 'json'], env);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout, '[]\n');
  assert.match(first.stderr, /POST http:\/\/127\.0\.0\.1:\d+\/identity\/v3\/auth\/tokens/);
  assert.doesNotMatch(first.stderr, /walk-the-line-42/, '--debug never prints the password');
  const dir = join(home, 'cache', 'lbaas', 'tokens');
  assert.equal(statSync(dir).mode & 0o777, 0o700);
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  assert.equal(statSync(join(dir, files[0]!)).mode & 0o777, 0o600);
  assert.doesNotMatch(readFileSync(join(dir, files[0]!), 'utf8'), /walk-the-line-42/);
  const second = await runLbaas(['--debug', 'loadbalancer', 'list', '-f', 'json'], env);
  assert.equal(second.status, 0, second.stderr);
  assert.doesNotMatch(second.stderr, /auth\/tokens/, 'the cached token is reused: no second login');
  assert.match(second.stderr, /X-Auth-Token: \{SHA256\}[0-9a-f]{64}/);
  // The same cloud by name, a missing cloud, and no credentials at all.
  const named = { ...env, OS_CLIENT_CONFIG_FILE: join(keystone.stateDir, 'clouds.yaml'), OS_CLOUD: 'lbaas' };
  assert.deepEqual(await lbaasJson(['loadbalancer', 'list'], named), []);
  const wrong = await runLbaas(['loadbalancer', 'list'], { ...named, OS_CLOUD: 'nope' });
  assert.deepEqual([wrong.status, wrong.stderr], [1, 'Cloud nope was not found.\n']);
  const nothing = await runLbaas(['loadbalancer', 'list'], { HOME: home, LBAAS_STATE_DIR: home });
  assert.equal(nothing.status, 1);
  assert.match(nothing.stderr, /lbaas up/);
});

test('auth: --os-token + --os-endpoint without Keystone; a bad token is the server’s 401', async () => {
  const res = await fetch(`${keystone.url}/identity/v3/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'admin', domain: { id: 'default' }, password: 'walk-the-line-42' } },
        },
        scope: { project: { name: 'admin', domain: { id: 'default' } } },
      },
    }),
  });
  assert.equal(res.status, 201);
  const token = res.headers.get('x-subject-token')!;
  const endpoint = `${keystone.url}/load-balancer`;
  const home = mkdtempSync(join(tmpdir(), 'lbaas-cli-token-'));
  const env = { HOME: home, LBAAS_STATE_DIR: home };
  const ok = await runLbaas(
    ['--os-token', token, '--os-endpoint', endpoint, 'loadbalancer', 'list', '-f', 'json'],
    env,
  );
  assert.deepEqual([ok.status, ok.stdout], [0, '[]\n'], ok.stderr);
  const bad = await runLbaas(['loadbalancer', 'list', '--os-token', 'bogus', '--os-endpoint', endpoint], env);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /HTTP 401/);
});

test('--help on every command of the tree, and bash completion of commands and options', async () => {
  const script = await lbaasOk(['completion', 'bash'], {});
  const paths = [...script.matchAll(/^ {2}\["([^"]*)"\]=/gm)].map((m) => m[1]!).filter((p) => p !== '');
  assert.ok(paths.length > 100, `${paths.length} commands`);
  for (const path of [
    'loadbalancer member set',
    'loadbalancer quota defaults show',
    'floating ip create',
    'agent list',
  ]) {
    assert.ok(paths.includes(path), path);
  }
  // One subprocess per command would take a minute: check the leaves' help through the completion table
  // instead, and run --help for one command of each family.
  for (const family of [
    'loadbalancer',
    'loadbalancer listener',
    'loadbalancer l7rule',
    'loadbalancer amphora',
    'network',
    'floating ip',
    'agent',
  ]) {
    const r = await runLbaas([...family.split(' '), '--help'], {});
    assert.equal(r.status, 0, `${family}: ${r.stderr}`);
    assert.match(r.stdout, /^Usage: lbaas /);
  }
  const complete = (words: string[]): string[] => {
    const r = spawnSync(
      'bash',
      [
        '-c',
        `${script}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _lbaas; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.split('\n').filter(Boolean);
  };
  assert.deepEqual(complete(['lbaas', 'loadbalancer', 'mem']), ['member']);
  assert.ok(complete(['lbaas', 'loadbalancer', 'member', '']).includes('set'));
  assert.ok(complete(['lbaas', 'loadbalancer', 'member', 'set', 'pool1', 'm1', '--we']).includes('--weight'));
  assert.deepEqual(complete(['lbaas', 'floating', '']), ['ip', '--help']);
});
