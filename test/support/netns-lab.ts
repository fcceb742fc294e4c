// A small network lab for the privileged end-to-end tests (root only): Linux bridges named like the agent's
// (`brq` + the first 11 characters of a network id), "hosts" that are network namespaces with a veth into a
// bridge, tiny HTTP servers running inside those namespaces, and curl from inside them. Every object the lab
// makes carries a per-run prefix (`lbt<4 hex>`), so parallel or leftover runs never collide, and `cleanup()`
// removes exactly what this lab made. Only argv arrays (execFile/spawn), never a shell; every name is
// checked against a strict pattern before it reaches a command line.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** Interface names: at most 15 characters (IFNAMSIZ - 1). */
const IFNAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,14}$/;
/** Namespace names of this lab (`lbt<hex>-<name>`) and of the agent (`qlbaas-<uuid>`). */
const NSNAME =
  /^(lbt[0-9a-f]{4}-[a-z0-9]{1,12}|qlbaas-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const HOSTNAME = /^[a-z0-9]{1,6}$/;
const NETWORK_ID = /^[0-9a-zA-Z-]{11,64}$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const URL_SAFE = /^https?:\/\/[0-9A-Za-z.:[\]/_?=&%-]+$/;

function check(re: RegExp, value: string, what: string): string {
  if (!re.test(value)) throw new Error(`netns-lab: invalid ${what}: ${JSON.stringify(value)}`);
  return value;
}

/** The agent's bridge name for a network: `brq` + the first 11 characters of its id (as Neutron's linuxbridge). */
export function bridgeName(networkId: string): string {
  return check(IFNAME, `brq${check(NETWORK_ID, networkId, 'network id').slice(0, 11)}`, 'bridge name');
}

/** The agent's namespace for a load balancer. */
export function lbNamespace(lbId: string): string {
  return check(NSNAME, `qlbaas-${lbId}`, 'load balancer namespace');
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `file args` (no shell); never rejects: a failure is a non-zero `code`. */
export function run(file: string, args: string[], timeoutMs = 15_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      args,
      { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr: stderr || (err && code !== 0 ? err.message : '') });
      },
    );
  });
}

/** Like `run`, but a non-zero exit throws with the command and its stderr. */
async function must(file: string, args: string[]): Promise<string> {
  const r = await run(file, args);
  if (r.code !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

export interface LabHost {
  /** Short name given to `addHost` (e.g. `web1`). */
  name: string;
  /** The namespace: `<prefix>-<name>`. */
  ns: string;
  /** The host end of the veth, on the bridge. */
  veth: string;
  networkId: string;
  bridge: string;
  address: string;
}

export interface Snapshot {
  namespaces: string[];
  links: string[];
  nft: string;
}

/** What appeared between two snapshots. */
export interface SnapshotDiff {
  namespaces: string[];
  links: string[];
  nftLines: string[];
}

const SERVER_SCRIPT = `
const http = require('node:http');
const text = process.env.LAB_TEXT;
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
  res.end(text);
});
server.listen(Number(process.env.LAB_PORT), '0.0.0.0', () => console.log('lab-serving'));
process.on('SIGTERM', () => process.exit(0));
`;

/** Lists the namespaces (`ip netns list` prints `name (id: N)` or just `name`). */
export async function listNamespaces(): Promise<string[]> {
  const out = await must('ip', ['netns', 'list']);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n !== '');
}

/** Lists the link names of the host namespace (without the `@peer` suffix). */
export async function listLinks(): Promise<string[]> {
  const out = await must('ip', ['-o', 'link', 'show']);
  return out
    .split('\n')
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1] ?? '')
    .filter((n) => n !== '');
}

export async function snapshot(): Promise<Snapshot> {
  const nft = await run('nft', ['list', 'ruleset']);
  return {
    namespaces: (await listNamespaces()).sort(),
    links: (await listLinks()).sort(),
    nft: nft.code === 0 ? nft.stdout : `nft failed: ${nft.stderr}`,
  };
}

/**
 * What `after` has that `before` had not (set difference), minus objects that are clearly someone else's:
 * `ignore(name)` returns true for namespaces/links to leave out (e.g. another lab run's prefix).
 */
export function diffSnapshots(
  before: Snapshot,
  after: Snapshot,
  ignore: (name: string) => boolean = () => false,
): SnapshotDiff {
  const newOf = (a: string[], b: string[], skip: (x: string) => boolean = () => false): string[] => {
    const old = new Set(a);
    return b.filter((x) => !old.has(x) && !skip(x));
  };
  const lines = (t: string): string[] =>
    t
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && l !== '}');
  return {
    namespaces: newOf(before.namespaces, after.namespaces, ignore),
    links: newOf(before.links, after.links, ignore),
    nftLines: newOf(lines(before.nft), lines(after.nft)),
  };
}

export class NetnsLab {
  /** Per-run prefix of every namespace and veth of this lab: `lbt` + 4 hex digits. */
  readonly prefix: string;
  private readonly hosts = new Map<string, LabHost>();
  private readonly createdBridges = new Set<string>();
  private readonly servers = new Map<string, ChildProcess>();
  /** Extra namespaces (e.g. `qlbaas-<our lb id>`) to delete at cleanup if they are still there. */
  private readonly extraNamespaces = new Set<string>();
  private vethCount = 0;

  constructor(prefix = `lbt${randomBytes(2).toString('hex')}`) {
    this.prefix = check(/^lbt[0-9a-f]{4}$/, prefix, 'lab prefix');
  }

  /** True for a namespace or link name that belongs to this lab run. */
  owns(name: string): boolean {
    return name.startsWith(this.prefix);
  }

  /** The bridge of `networkId`; created (and up) only if missing; remembers whether the lab created it. */
  async ensureBridge(networkId: string): Promise<string> {
    const br = bridgeName(networkId);
    const exists = (await run('ip', ['link', 'show', 'dev', br])).code === 0;
    if (!exists) {
      const add = await run('ip', ['link', 'add', 'name', br, 'type', 'bridge']);
      // Lost a race with the agent creating the same bridge: fine, it is not ours then.
      if (add.code === 0) this.createdBridges.add(br);
      else if ((await run('ip', ['link', 'show', 'dev', br])).code !== 0) {
        throw new Error(`netns-lab: cannot create bridge ${br}: ${add.stderr.trim()}`);
      }
    }
    await must('ip', ['link', 'set', 'dev', br, 'up']);
    return br;
  }

  /** Bridges this lab created (and will delete). */
  get bridges(): string[] {
    return [...this.createdBridges];
  }

  /**
   * A "machine": namespace `<prefix>-<name>` with `eth0` (veth peer of `<prefix>v<n>` on the network's bridge)
   * holding `address/prefixLen`, `lo` up, and a default route via `gateway` when given.
   */
  async addHost(opts: {
    name: string;
    networkId: string;
    address: string;
    prefixLen: number;
    gateway?: string;
  }): Promise<LabHost> {
    const name = check(HOSTNAME, opts.name, 'host name');
    if (this.hosts.has(name)) throw new Error(`netns-lab: host ${name} exists`);
    const address = check(IPV4, opts.address, 'address');
    if (!Number.isInteger(opts.prefixLen) || opts.prefixLen < 1 || opts.prefixLen > 32) {
      throw new Error(`netns-lab: invalid prefix length ${opts.prefixLen}`);
    }
    const gateway = opts.gateway === undefined ? undefined : check(IPV4, opts.gateway, 'gateway');
    const bridge = await this.ensureBridge(opts.networkId);
    const ns = check(NSNAME, `${this.prefix}-${name}`, 'namespace');
    const veth = check(IFNAME, `${this.prefix}v${this.vethCount++}`, 'veth name');
    const host: LabHost = { name, ns, veth, networkId: opts.networkId, bridge, address };
    // Registered before anything exists, so cleanup() removes whatever part got made.
    this.hosts.set(name, host);
    await must('ip', ['netns', 'add', ns]);
    await must('ip', ['link', 'add', 'name', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
    await must('ip', ['link', 'set', 'dev', veth, 'master', bridge]);
    await must('ip', ['link', 'set', 'dev', veth, 'up']);
    await must('ip', ['-n', ns, 'link', 'set', 'dev', 'lo', 'up']);
    await must('ip', ['-n', ns, 'addr', 'add', `${address}/${opts.prefixLen}`, 'dev', 'eth0']);
    await must('ip', ['-n', ns, 'link', 'set', 'dev', 'eth0', 'up']);
    if (gateway) await must('ip', ['-n', ns, 'route', 'add', 'default', 'via', gateway]);
    return host;
  }

  /**
   * Starts an HTTP server inside the host's namespace answering every request with `text` (on `port`, 80 by
   * default); resolves once it listens. The child (`ip netns exec` execs node, so the PID is node's) is tracked.
   */
  async serve(host: LabHost, text: string, port = 80): Promise<number> {
    if (this.servers.has(host.name)) throw new Error(`netns-lab: ${host.name} already serves`);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new Error(`netns-lab: invalid port ${port}`);
    const child = spawn(
      'ip',
      ['netns', 'exec', check(NSNAME, host.ns, 'namespace'), process.execPath, '-e', SERVER_SCRIPT],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
          LAB_TEXT: text,
          LAB_PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.servers.set(host.name, child);
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server in ${host.ns} did not start: ${output.join('\n')}`)),
        10_000,
      );
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`server in ${host.ns} exited with ${code ?? signal}: ${output.join('\n')}`));
      });
      createInterface({ input: child.stderr! }).on('line', (l) => output.push(l));
      createInterface({ input: child.stdout! }).on('line', (l) => {
        output.push(l);
        if (l === 'lab-serving') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    return child.pid ?? 0;
  }

  /** Stops the host's server (SIGTERM, then SIGKILL after 3 s, by its PID) and waits until it is gone. */
  async stopServing(host: LabHost): Promise<void> {
    const child = this.servers.get(host.name);
    this.servers.delete(host.name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    try {
      await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 6_000))]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** `curl -s --max-time <s> <url>` inside the host's namespace: the body and curl's exit code (never throws). */
  async curl(host: LabHost, url: string, maxTimeS = 3): Promise<{ code: number; body: string }> {
    check(URL_SAFE, url, 'url');
    const r = await run(
      'ip',
      [
        'netns',
        'exec',
        check(NSNAME, host.ns, 'namespace'),
        'curl',
        '-s',
        '--max-time',
        String(maxTimeS),
        url,
      ],
      (maxTimeS + 5) * 1000,
    );
    return { code: r.code, body: r.stdout };
  }

  /** Runs `ip netns exec <ns> <args>` in a lab host (for diagnostics such as `ip addr`, `ping`). */
  exec(host: LabHost, args: string[]): Promise<ExecResult> {
    return run('ip', ['netns', 'exec', check(NSNAME, host.ns, 'namespace'), ...args]);
  }

  /** Also delete this namespace at cleanup if it still exists (only `qlbaas-<id>` of our own load balancers). */
  adoptNamespace(ns: string): void {
    this.extraNamespaces.add(check(NSNAME, ns, 'namespace'));
  }

  /**
   * Stops every server, deletes every namespace and veth of this lab, the adopted namespaces and the bridges
   * the lab created. Idempotent; keeps going on errors and returns them (as strings) instead of throwing.
   */
  async cleanup(): Promise<string[]> {
    const errors: string[] = [];
    for (const host of this.hosts.values()) {
      try {
        await this.stopServing(host);
      } catch (err) {
        errors.push(String(err));
      }
    }
    const existing = new Set(await listNamespaces().catch(() => [] as string[]));
    const namespaces = [...[...this.hosts.values()].map((h) => h.ns), ...this.extraNamespaces];
    for (const ns of namespaces) {
      if (!existing.has(ns)) continue;
      const r = await run('ip', ['netns', 'delete', ns]);
      if (r.code !== 0) errors.push(`ip netns delete ${ns}: ${r.stderr.trim()}`);
    }
    // Deleting a namespace destroys its veth end, and the peer with it, asynchronously: delete the host ends
    // explicitly (a missing one is fine).
    const links = new Set(await listLinks().catch(() => [] as string[]));
    for (const host of this.hosts.values()) {
      if (links.has(host.veth)) await run('ip', ['link', 'delete', 'dev', host.veth]);
    }
    for (const br of this.createdBridges) {
      if (!links.has(br)) continue;
      const r = await run('ip', ['link', 'delete', 'dev', br, 'type', 'bridge']);
      if (r.code !== 0 && (await run('ip', ['link', 'show', 'dev', br])).code === 0) {
        errors.push(`ip link delete ${br}: ${r.stderr.trim()}`);
      }
    }
    this.hosts.clear();
    this.createdBridges.clear();
    this.extraNamespaces.clear();
    return errors;
  }
}

/** True when running as root (the lab needs it). */
export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** True when `pid`'s command line mentions `needle` (to kill only our own children's children). */
export function cmdlineIncludes(pid: number, needle: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').includes(needle);
  } catch {
    return false;
  }
}
