// docs/walkthrough.md, run as written: its `sh` blocks, in order, in one `bash -euo pipefail`, with the
// built `lbaas` first on PATH, against a real `lbaas up` (keystone auth: the CLI finds the state dir's
// clouds.yaml by itself, exactly as the page says) with real HAProxy and two python3 web servers.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  assertCliBuilt,
  cleanupStateDir,
  LbaasUpProcess,
  makeStateDir,
  processAlive,
} from '../support/lbaas-up-process.js';
import { runLbaas } from '../support/lbaas-cli.js';
import { freePort } from '../support/traffic.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const hasTools = ['haproxy -v', 'python3 --version', 'curl --version'].every(
  (c) => spawnSync(c.split(' ')[0]!, [c.split(' ')[1]!]).status === 0,
);
if (!hasTools && process.env.CI)
  throw new Error('CI must run the walkthrough, but haproxy/python3/curl is missing');
const skip = hasTools ? false : 'haproxy, python3 or curl missing';

/** The `sh` code blocks of a markdown page, in order. */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}

let server: LbaasUpProcess | undefined;
let stateDir: string;
let work: string;

before(async () => {
  if (skip) return;
  assertCliBuilt();
  stateDir = makeStateDir();
  work = mkdtempSync(join(tmpdir(), 'lbaas-walkthrough-'));
  server = await LbaasUpProcess.start(stateDir, { env: { LBAAS_AUTH: 'keystone' } });
});

after(async () => {
  // The page starts two web servers and records their pids under $TMPDIR; end them (by pid) if it failed.
  for (const dir of work && existsSync(join(work, 'tmp')) ? readdirSync(join(work, 'tmp')) : []) {
    for (const file of readdirSync(join(work, 'tmp', dir)).filter((f) => f.endsWith('.pid'))) {
      const pid = Number(readFileSync(join(work, 'tmp', dir, file), 'utf8'));
      if (pid > 0 && processAlive(pid)) process.kill(pid, 'SIGTERM');
    }
  }
  await server?.stop();
  if (stateDir) await cleanupStateDir(stateDir);
  if (work) rmSync(work, { recursive: true, force: true });
});

test('docs/walkthrough.md runs as written with the lbaas CLI', { skip, timeout: 180_000 }, async () => {
  const blocks = shellBlocks(readFileSync(join(ROOT, 'docs/walkthrough.md'), 'utf8'));
  assert.ok(blocks.length >= 6, 'the walkthrough has its sh blocks');
  const bin = join(work, 'bin');
  mkdirSync(bin);
  mkdirSync(join(work, 'tmp'));
  symlinkSync(join(ROOT, 'packages/cli/bin/lbaas.js'), join(bin, 'lbaas'));
  const ports = {
    WEB1_PORT: await freePort(),
    WEB2_PORT: await freePort(),
    HTTP_PORT: await freePort(),
    TCP_PORT: await freePort(),
  };
  const env: Record<string, string> = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('OS_')) as [string, string][],
  );
  const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', blocks.join('\n')], {
      cwd: work,
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: work,
        TMPDIR: join(work, 'tmp'),
        LBAAS_STATE_DIR: stateDir,
        ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 170_000);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
  const context = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}\nlbaas up log tail:\n${server!.tail()}`;
  assert.equal(run.status, 0, context);
  // Round robin over both backends, then the TCP listener's answer.
  const welcomes = run.stdout.split('\n').filter((l) => l.startsWith('Welcome to '));
  assert.deepEqual(
    welcomes.slice(0, 4).sort(),
    ['Welcome to web1', 'Welcome to web1', 'Welcome to web2', 'Welcome to web2'],
    context,
  );
  assert.equal(welcomes[4], 'Welcome to web1', context);
  // Tables in the seeds' shape: the show table and the member list with both members ONLINE.
  assert.match(run.stdout, /^\| Field +\| Value +\|$/m, context);
  assert.match(run.stdout, /^\| provisioning_status +\| ACTIVE +\|$/m, context);
  assert.equal(
    run.stdout.match(/^\| [0-9a-f-]{36} \| web[12] +\|.*\| ONLINE +\| +1 \|$/gm)?.length,
    2,
    context,
  );
  // Status tree (indented JSON) and statistics.
  assert.match(run.stdout, /"loadbalancer": \{/, context);
  // Statistics: the five counters (sampled by the agent every few seconds, so no exact value here).
  for (const row of ['active_connections', 'bytes_in', 'bytes_out', 'request_errors', 'total_connections']) {
    assert.match(run.stdout, new RegExp(`^\\| ${row} +\\| \\d+ +\\|$`, 'm'), context);
  }
  // Drained member, then deleted: the final list is empty.
  assert.match(run.stdout, /^\| weight +\| 0 +\|$/m, context);
  const list = await runLbaas(['loadbalancer', 'list', '-f', 'json'], {
    LBAAS_STATE_DIR: stateDir,
    HOME: work,
  });
  assert.equal(list.status, 0, list.stderr);
  assert.deepEqual(JSON.parse(list.stdout), []);
});
