// Issue 5 end to end, privileged: a real `lbaas up --network-mode netns` (API server + embedded agent running
// real HAProxy inside namespace `qlbaas-<lb-id>`), tenant and external networks created through the
// Neutron-compatible API (`/network/v2.0`) — once with plain HTTP, once with the real `openstack` CLI — two
// "instances" and a client that are network namespaces on the networks' Linux bridges (test/support/
// netns-lab.ts), a floating IP on the load balancer's VIP port, real HTTP traffic from the external network,
// a member going down under a health monitor, and a full teardown that must leave no namespace, link or
// nftables rule behind. Root only; every wait and loop is bounded; cleanup runs even when a step fails.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { LbaasApi } from '../support/lbaas-api.js';
import {
  assertCliBuilt,
  cleanupStateDir,
  LbaasUpProcess,
  makeStateDir,
  sleep,
} from '../support/lbaas-up-process.js';
import {
  cmdlineIncludes,
  diffSnapshots,
  isRoot,
  lbNamespace,
  listNamespaces,
  NetnsLab,
  run,
  snapshot,
  type LabHost,
  type Snapshot,
  type SnapshotDiff,
} from '../support/netns-lab.js';

const missingTools = ['haproxy', 'nft', 'curl', 'ip'].filter(
  (tool) => spawnSync(tool, tool === 'ip' ? ['-V'] : ['--version'], { encoding: 'utf8' }).error !== undefined,
);
const skip: string | false = !isRoot()
  ? 'needs root'
  : missingTools.length > 0
    ? `missing tools: ${missingTools.join(', ')}`
    : false;
const hasOpenstack = spawnSync('openstack', ['--version'], { encoding: 'utf8' }).status === 0;
const skipCli: string | false =
  skip ||
  (hasOpenstack ? false : 'the openstack CLI is not installed (apt-get install python3-openstackclient)');

/** Health monitor: checks every second, a member is DOWN after 2 failed checks, UP after 1 good one. */
const FAST_MONITOR = {
  type: 'HTTP',
  delay: 1,
  timeout: 1,
  max_retries: 1,
  max_retries_down: 2,
  url_path: '/',
};
/** Bound of every status/traffic poll. */
const DEADLINE_MS = 15_000;
/** Bound of the first successful request through a new floating IP (agent applies it asynchronously). */
const FIRST_TRAFFIC_DEADLINE_MS = 30_000;

// ---------------------------------------------------------------------------------------------------------
// Address ranges

/** `a.b.c.d/n` as [first, last] integers. */
function cidrRange(cidr: string): [number, number] {
  const [addr = '', len = '32'] = cidr.split('/');
  const n = addr.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(len));
  const first = n - (n % size);
  return [first, first + size - 1];
}

/** The destinations of every IPv4 route of the machine (all tables), to keep our ranges away from them. */
async function hostRoutes(): Promise<string[]> {
  const r = await run('ip', ['-4', 'route', 'show', 'table', 'all']);
  const out: string[] = [];
  for (const line of r.stdout.split('\n')) {
    const dst = line
      .trim()
      .split(/\s+/)
      .find((w) => /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(w));
    if (dst && !line.startsWith('default') && !line.startsWith('broadcast') && !line.startsWith('local')) {
      out.push(dst.includes('/') ? dst : `${dst}/32`);
    }
  }
  return out;
}

/** A random /24 from `make()` that overlaps none of the machine's routes (nor `taken`). */
async function pickCidr(make: () => string, taken: string[]): Promise<string> {
  const routes = [...(await hostRoutes()), ...taken];
  for (let i = 0; i < 50; i++) {
    const cidr = make();
    const [a, b] = cidrRange(cidr);
    if (
      routes.every((r) => {
        const [c, d] = cidrRange(r);
        return b < c || d < a;
      })
    ) {
      return cidr;
    }
  }
  throw new Error(`no free /24 found (routes: ${routes.join(', ')})`);
}

const rand = (n: number): number => Math.floor(Math.random() * n);
/** `10.0.0.0/24` + `k` → `10.0.0.k`. */
const hostIn = (cidr: string, k: number): string =>
  `${cidr.split('/')[0]!.split('.').slice(0, 3).join('.')}.${k}`;

// ---------------------------------------------------------------------------------------------------------
// The Neutron API over HTTP

/** The Neutron API under test (noauth): LbaasApi's request/ok under `/network/v2.0`, plus `show`. */
class NeutronApi extends LbaasApi {
  constructor(baseUrl: string, describe: () => string) {
    super(baseUrl, describe, '/network/v2.0');
  }

  /** `GET /<kind>s/<id>` → the object. */
  async show(kind: NetKind, id: string): Promise<Record<string, unknown>> {
    return (await this.ok('GET', `/${kind}s/${id}`))[kind] as Record<string, unknown>;
  }
}

type NetKind = 'network' | 'subnet' | 'port' | 'floatingip';

interface Port {
  id: string;
  ip: string;
}
interface FloatingIp {
  id: string;
  address: string;
}

/**
 * The network steps of the scenario, done either through the HTTP API or the `openstack` CLI. Every method
 * returns ids/addresses read back from the response; the scenario checks the objects through the API.
 */
interface NetworkSteps {
  createNetwork(name: string, external: boolean): Promise<string>;
  createSubnet(opts: { networkId: string; name: string; cidr: string; gateway: string }): Promise<string>;
  createPort(networkId: string, name: string): Promise<Port>;
  createFloatingIp(externalNetworkId: string): Promise<FloatingIp>;
  associateFloatingIp(fip: FloatingIp, portId: string): Promise<void>;
  remove(kind: NetKind, id: string): Promise<void>;
}

type StepsFactory = (ctx: { up: LbaasUpProcess; neutron: NeutronApi; dir: string }) => NetworkSteps;

const firstIp = (port: Record<string, unknown>): string => {
  const ips = port.fixed_ips as { ip_address?: string }[] | undefined;
  const ip = ips?.[0]?.ip_address;
  if (!ip) throw new Error(`port without fixed_ips: ${JSON.stringify(port)}`);
  return ip;
};

/** Network steps as plain Neutron HTTP requests. */
const apiSteps: StepsFactory = ({ neutron }) => ({
  async createNetwork(name, external) {
    const body = await neutron.ok('POST', '/networks', {
      network: { name, admin_state_up: true, ...(external ? { 'router:external': true } : {}) },
    });
    return (body.network as { id: string }).id;
  },
  async createSubnet({ networkId, name, cidr, gateway }) {
    const body = await neutron.ok('POST', '/subnets', {
      subnet: { name, network_id: networkId, cidr, ip_version: 4, gateway_ip: gateway },
    });
    return (body.subnet as { id: string }).id;
  },
  async createPort(networkId, name) {
    const body = await neutron.ok('POST', '/ports', { port: { name, network_id: networkId } });
    const port = body.port as Record<string, unknown>;
    return { id: String(port.id), ip: firstIp(port) };
  },
  async createFloatingIp(externalNetworkId) {
    const body = await neutron.ok('POST', '/floatingips', {
      floatingip: { floating_network_id: externalNetworkId },
    });
    const fip = body.floatingip as { id: string; floating_ip_address: string };
    return { id: fip.id, address: fip.floating_ip_address };
  },
  async associateFloatingIp(fip, portId) {
    await neutron.ok('PUT', `/floatingips/${fip.id}`, { floatingip: { port_id: portId } });
  },
  async remove(kind, id) {
    const res = await neutron.request('DELETE', `/${kind}s/${id}`);
    assert.equal(res.status, 204, `DELETE ${kind} ${id}: ${res.status} ${res.text}`);
  },
});

/** Runs `openstack <args>` with the given clouds.yaml (noauth cloud); throws with its output on failure. */
function openstack(cloudsFile: string, args: string[], context: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'openstack',
      args,
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: {
          ...process.env,
          OS_CLIENT_CONFIG_FILE: cloudsFile,
          OS_CLOUD: 'noauth',
          OS_AUTH_TYPE: '',
          OS_ENDPOINT: '',
        },
      },
      (err, stdout, stderr) => {
        if (err)
          reject(
            new Error(`openstack ${args.join(' ')}: ${err.message}\n${stderr}\n${stdout}\n${context()}`),
          );
        else resolve(stdout);
      },
    );
  });
}

/**
 * Network steps with the real `openstack` CLI in `auth_type: none` mode; `network_endpoint_override` points the
 * SDK at `/network` (shared/spec/openstack-clients.md §2.2).
 */
const cliSteps: StepsFactory = ({ up, dir }) => {
  const cloudsFile = join(dir, 'clouds.yaml');
  writeFileSync(
    cloudsFile,
    [
      'clouds:',
      '  noauth:',
      '    auth_type: none',
      '    auth:',
      `      endpoint: ${JSON.stringify(`${up.url}/load-balancer`)}`,
      `    network_endpoint_override: ${JSON.stringify(`${up.url}/network`)}`,
      '',
    ].join('\n'),
  );
  const context = (): string => `lbaas up log tail:\n${up.tail()}`;
  const os = (args: string[]): Promise<string> => openstack(cloudsFile, args, context);
  const json = async (args: string[]): Promise<Record<string, unknown>> =>
    JSON.parse(await os([...args, '-f', 'json'])) as Record<string, unknown>;
  return {
    async createNetwork(name, external) {
      const net = await json(['network', 'create', ...(external ? ['--external'] : []), name]);
      return String(net.id);
    },
    async createSubnet({ networkId, name, cidr, gateway }) {
      const subnet = await json([
        'subnet',
        'create',
        '--network',
        networkId,
        '--subnet-range',
        cidr,
        '--gateway',
        gateway,
        name,
      ]);
      return String(subnet.id);
    },
    async createPort(networkId, name) {
      const port = await json(['port', 'create', '--network', networkId, name]);
      // OSC prints fixed_ips as a list of dicts in JSON; older formatters print "ip_address='…', …".
      const fixed = port.fixed_ips;
      const ip = Array.isArray(fixed) ? firstIp(port) : /ip_address='([\d.]+)'/.exec(String(fixed))?.[1];
      if (!ip) throw new Error(`openstack port create printed no address: ${JSON.stringify(port)}`);
      return { id: String(port.id), ip };
    },
    async createFloatingIp(externalNetworkId) {
      const fip = await json(['floating', 'ip', 'create', externalNetworkId]);
      return { id: String(fip.id), address: String(fip.floating_ip_address) };
    },
    async associateFloatingIp(fip, portId) {
      await os(['floating', 'ip', 'set', '--port', portId, fip.address]);
    },
    async remove(kind, id) {
      const cmd = {
        network: ['network'],
        subnet: ['subnet'],
        port: ['port'],
        floatingip: ['floating', 'ip'],
      }[kind];
      await os([...cmd, 'delete', id]);
    },
  };
};

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** Polls `probe` every 200 ms until it returns a value (not undefined) or `timeoutMs` passes (then throws). */
async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe()}`);
    await sleep(200);
  }
}

/** `n` sequential requests from `client` to `url`; the bodies (or `<curl exit N>`). */
async function requests(lab: NetnsLab, client: LabHost, url: string, n: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await lab.curl(client, url);
    out.push(r.code === 0 ? r.body : `<curl exit ${r.code}>`);
  }
  return out;
}

/** Namespaces/links that belong to another lab run or to another test's load balancer: not ours to judge. */
function notOurs(lab: NetnsLab, lbIds: string[]): (name: string) => boolean {
  return (name) =>
    (/^lbt[0-9a-f]{4}/.test(name) && !lab.owns(name)) ||
    (name.startsWith('qlbaas-') && !lbIds.some((id) => name === `qlbaas-${id}`));
}

function isEmptyDiff(d: SnapshotDiff): boolean {
  return d.namespaces.length === 0 && d.links.length === 0 && d.nftLines.length === 0;
}

/** What a test created, for the cleanup that runs whatever happened. */
interface Created {
  lbIds: string[];
  floatingIps: string[];
  ports: string[];
  subnets: string[];
  networks: string[];
}

// ---------------------------------------------------------------------------------------------------------
// The scenario (seeds 000/001)

async function tenantNetworkScenario(t: TestContext, makeSteps: StepsFactory): Promise<void> {
  assertCliBuilt();
  const before: Snapshot = await snapshot();
  const lab = new NetnsLab();
  const stateDir = makeStateDir();
  const dir = mkdtempSync(join(tmpdir(), 'lbaas-tenant-'));
  const created: Created = { lbIds: [], floatingIps: [], ports: [], subnets: [], networks: [] };
  let up: LbaasUpProcess | undefined;
  let neutron: NeutronApi | undefined;
  let api: LbaasApi | undefined;
  const describe = (): string => `lab ${lab.prefix}; lbaas up log tail:\n${up?.tail(40) ?? '(not started)'}`;
  try {
    up = await LbaasUpProcess.start(stateDir, { args: ['--network-mode', 'netns'], logLevel: 'info' });
    neutron = new NeutronApi(up.url, describe);
    api = new LbaasApi(up.url, describe);
    const steps = makeSteps({ up, neutron, dir });

    // --- networks: external (172.x.y.0/24) and tenant (10.x.y.0/24, gateway .1), per-run unique ranges
    const tenantCidr = await pickCidr(() => `10.${100 + rand(150)}.${rand(256)}.0/24`, []);
    const extCidr = await pickCidr(() => `172.${16 + rand(16)}.${rand(256)}.0/24`, [tenantCidr]);
    const extNet = await steps.createNetwork(`${lab.prefix}-public`, true);
    created.networks.push(extNet);
    const extSubnet = await steps.createSubnet({
      networkId: extNet,
      name: `${lab.prefix}-public-subnet`,
      cidr: extCidr,
      gateway: hostIn(extCidr, 1),
    });
    created.subnets.push(extSubnet);
    const tenantNet = await steps.createNetwork(`${lab.prefix}-private`, false);
    created.networks.push(tenantNet);
    const tenantSubnet = await steps.createSubnet({
      networkId: tenantNet,
      name: `${lab.prefix}-private-subnet`,
      cidr: tenantCidr,
      gateway: hostIn(tenantCidr, 1),
    });
    created.subnets.push(tenantSubnet);

    const extView = await neutron.show('network', extNet);
    assert.equal(extView['router:external'], true, `external network: ${JSON.stringify(extView)}`);
    const tenantView = await neutron.show('network', tenantNet);
    assert.equal(tenantView['router:external'], false, `tenant network: ${JSON.stringify(tenantView)}`);
    const subnetView = await neutron.show('subnet', tenantSubnet);
    assert.equal(subnetView.cidr, tenantCidr);
    assert.equal(subnetView.gateway_ip, hostIn(tenantCidr, 1));
    assert.equal(subnetView.network_id, tenantNet);

    // --- two instances: ports from the IPAM, namespaces on the tenant bridge serving "Welcome to <ip>"
    const instances: { port: Port; host: LabHost; answer: string }[] = [];
    for (const name of ['web1', 'web2']) {
      const port = await steps.createPort(tenantNet, `${lab.prefix}-${name}`);
      created.ports.push(port.id);
      const portView = await neutron.show('port', port.id);
      const fixed = portView.fixed_ips as { subnet_id: string; ip_address: string }[];
      assert.equal(fixed[0]?.subnet_id, tenantSubnet, `port ${name}: ${JSON.stringify(portView)}`);
      assert.equal(fixed[0]?.ip_address, port.ip);
      const host = await lab.addHost({
        name,
        networkId: tenantNet,
        address: port.ip,
        prefixLen: 24,
        gateway: hostIn(tenantCidr, 1),
      });
      const answer = `Welcome to ${port.ip}`;
      await lab.serve(host, answer);
      instances.push({ port, host, answer });
    }
    const [web1, web2] = instances as [(typeof instances)[0], (typeof instances)[0]];
    assert.notEqual(web1.port.ip, web2.port.ip);

    // --- the client: a namespace on the external bridge with an address the IPAM gave out
    const clientPort = await steps.createPort(extNet, `${lab.prefix}-client`);
    created.ports.push(clientPort.id);
    const client = await lab.addHost({
      name: 'client',
      networkId: extNet,
      address: clientPort.ip,
      prefixLen: 24,
    });

    // --- the load balancer on the tenant subnet: HTTP :80, ROUND_ROBIN, both members, a fast HTTP monitor
    const lbBody = await api.ok('POST', '/loadbalancers', {
      loadbalancer: {
        name: `${lab.prefix}-lb`,
        vip_subnet_id: tenantSubnet,
        listeners: [
          {
            name: `${lab.prefix}-http`,
            protocol: 'HTTP',
            protocol_port: 80,
            default_pool: {
              name: `${lab.prefix}-pool`,
              protocol: 'HTTP',
              lb_algorithm: 'ROUND_ROBIN',
              healthmonitor: FAST_MONITOR,
              members: instances.map((i) => ({
                name: i.host.name,
                address: i.port.ip,
                protocol_port: 80,
                subnet_id: tenantSubnet,
              })),
            },
          },
        ],
      },
    });
    const lbId = (lbBody.loadbalancer as { id: string }).id;
    created.lbIds.push(lbId);
    // The agent's namespace of *our* load balancer may be deleted by our cleanup if the agent leaves it.
    lab.adoptNamespace(lbNamespace(lbId));
    await api.waitActive(lbId, 60_000);
    const lb = (await api.ok('GET', `/loadbalancers/${lbId}`)).loadbalancer as {
      vip_address: string;
      vip_port_id: string;
      vip_subnet_id: string;
      pools: { id: string }[];
    };
    assert.equal(lb.vip_subnet_id, tenantSubnet);
    assert.ok(lb.vip_port_id, 'the load balancer has a vip_port_id');
    const [a, b] = cidrRange(tenantCidr);
    const [vip] = cidrRange(`${lb.vip_address}/32`);
    assert.ok(vip > a && vip < b, `VIP ${lb.vip_address} is in the tenant subnet ${tenantCidr}`);
    const vipPort = await neutron.show('port', lb.vip_port_id);
    assert.equal(firstIp(vipPort), lb.vip_address);
    const poolId = lb.pools[0]?.id ?? '';
    const members =
      ((await api.ok('GET', `/pools/${poolId}/members`)).members as { id: string; address: string }[]) ?? [];
    const memberId = (ip: string): string => {
      const m = members.find((x) => x.address === ip);
      if (!m) throw new Error(`no member with address ${ip}: ${JSON.stringify(members)}`);
      return m.id;
    };

    // --- the agent's namespace exists and holds the VIP
    const ns = lbNamespace(lbId);
    assert.ok((await listNamespaces()).includes(ns), `ip netns list shows ${ns}`);
    const nsAddr = await run('ip', ['-n', ns, '-o', '-4', 'addr', 'show']);
    assert.match(
      nsAddr.stdout,
      new RegExp(`inet ${lb.vip_address.replaceAll('.', '\\.')}/`),
      `VIP in ${ns}:\n${nsAddr.stdout}`,
    );

    // --- the namespace's veth is on the tenant bridge (besides the instances' veths of the lab)
    const onBridge = await run('ip', ['-o', 'link', 'show', 'master', web1.host.bridge]);
    const agentLegs = onBridge.stdout
      .split('\n')
      .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined && !lab.owns(n));
    assert.ok(agentLegs.length >= 1, `a veth of ${ns} on ${web1.host.bridge}:\n${onBridge.stdout}`);

    // --- both members healthy
    const memberStatus = async (ip: string): Promise<string> =>
      (
        (await api!.ok('GET', `/pools/${poolId}/members/${memberId(ip)}`)).member as {
          operating_status: string;
        }
      ).operating_status;
    await waitFor(
      'both members ONLINE',
      DEADLINE_MS,
      async () =>
        (await memberStatus(web1.port.ip)) === 'ONLINE' && (await memberStatus(web2.port.ip)) === 'ONLINE'
          ? true
          : undefined,
      describe,
    );

    // --- a floating IP on the external network, associated with the VIP port
    const fip = await steps.createFloatingIp(extNet);
    created.floatingIps.push(fip.id);
    const [ea, eb] = cidrRange(extCidr);
    const [fipN] = cidrRange(`${fip.address}/32`);
    assert.ok(fipN > ea && fipN < eb, `floating IP ${fip.address} is in ${extCidr}`);
    await steps.associateFloatingIp(fip, lb.vip_port_id);
    const fipView = await neutron.show('floatingip', fip.id);
    assert.equal(fipView.port_id, lb.vip_port_id);
    assert.equal(fipView.fixed_ip_address, lb.vip_address);
    assert.equal(fipView.floating_network_id, extNet);

    // --- traffic from the external network through the floating IP alternates between both instances
    const url = `http://${fip.address}/`;
    const answers = new Set([web1.answer, web2.answer]);
    await waitFor(
      `a first answer through ${url}`,
      FIRST_TRAFFIC_DEADLINE_MS,
      async () => {
        const r = await lab.curl(client, url);
        return r.code === 0 && answers.has(r.body) ? true : undefined;
      },
      describe,
    );
    const seen = await requests(lab, client, url, 20);
    t.diagnostic(
      `lb ${lbId}: VIP ${lb.vip_address} (${tenantCidr}), floating IP ${fip.address} (${extCidr})`,
    );
    t.diagnostic(`through the floating IP: ${seen.join(' | ')}`);
    assert.ok(
      seen.every((s) => answers.has(s)),
      `every answer from an instance: ${seen.join(' | ')}`,
    );
    assert.deepEqual(new Set(seen), answers, `both instances answer: ${seen.join(' | ')}`);
    for (let i = 1; i < seen.length; i++) {
      assert.notEqual(seen[i], seen[i - 1], `round robin alternates: ${seen.join(' | ')}`);
    }

    // --- one instance dies: its member goes ERROR and all traffic goes to the other one
    await lab.stopServing(web1.host);
    await waitFor(
      `member ${web1.port.ip} ERROR`,
      DEADLINE_MS,
      async () => ((await memberStatus(web1.port.ip)) === 'ERROR' ? true : undefined),
      describe,
    );
    assert.equal(await memberStatus(web2.port.ip), 'ONLINE');
    const after = await requests(lab, client, url, 10);
    t.diagnostic(`with ${web1.host.name} down: ${after.join(' | ')}`);
    assert.deepEqual(after, Array(10).fill(web2.answer), `only ${web2.answer}: ${after.join(' | ')}`);

    // --- delete everything through the APIs
    await steps.remove('floatingip', fip.id);
    created.floatingIps = [];
    assert.equal((await neutron.request('GET', `/floatingips/${fip.id}`)).status, 404);
    await api.deleteLoadBalancer(lbId, 60_000);
    await waitFor(
      `${ns} gone`,
      DEADLINE_MS,
      async () => ((await listNamespaces()).includes(ns) ? undefined : true),
      describe,
    );
    for (const id of [...created.ports].reverse()) await steps.remove('port', id);
    created.ports = [];
    for (const id of [...created.subnets].reverse()) await steps.remove('subnet', id);
    created.subnets = [];
    for (const id of [...created.networks].reverse()) await steps.remove('network', id);
    created.networks = [];
    assert.equal((await neutron.request('GET', `/networks/${tenantNet}`)).status, 404);
    assert.equal(
      (await neutron.request('GET', `/ports/${lb.vip_port_id}`)).status,
      404,
      'the VIP port went with the LB',
    );

    // --- stop lbaas up, clean the lab: nothing of ours or the agent's is left
    await up.stop();
    const errors = await lab.cleanup();
    assert.deepEqual(errors, [], 'lab cleanup');
    const ignore = notOurs(lab, created.lbIds);
    let diff = diffSnapshots(before, await snapshot(), ignore);
    // Namespace deletion destroys veths asynchronously: give the kernel a moment.
    const deadline = Date.now() + 10_000;
    while (!isEmptyDiff(diff) && Date.now() < deadline) {
      await sleep(200);
      diff = diffSnapshots(before, await snapshot(), ignore);
    }
    assert.deepEqual(diff, { namespaces: [], links: [], nftLines: [] }, 'nothing new is left after the test');
  } finally {
    await cleanupAfter({ up, neutron, api, lab, created, stateDir });
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs whatever happened: deletes what the test created through the API (best effort), stops `lbaas up` by
 * PID, stops HAProxy processes of its state dir, kills leftover processes inside `qlbaas-<our lb>` that belong
 * to our state dir, and cleans the lab (which deletes only our namespaces, veths and bridges).
 */
async function cleanupAfter(o: {
  up: LbaasUpProcess | undefined;
  neutron: NeutronApi | undefined;
  api: LbaasApi | undefined;
  lab: NetnsLab;
  created: Created;
  stateDir: string;
}): Promise<void> {
  const { up, neutron, api, lab, created, stateDir } = o;
  if (up?.running && api && neutron) {
    const quiet = async (f: () => Promise<unknown>): Promise<void> => {
      try {
        await f();
      } catch {
        // best effort
      }
    };
    for (const id of created.floatingIps) await quiet(() => neutron.request('DELETE', `/floatingips/${id}`));
    for (const id of created.lbIds) await quiet(() => api.deleteLoadBalancer(id, 30_000));
    for (const id of [...created.ports].reverse())
      await quiet(() => neutron.request('DELETE', `/ports/${id}`));
    for (const id of [...created.subnets].reverse())
      await quiet(() => neutron.request('DELETE', `/subnets/${id}`));
    for (const id of [...created.networks].reverse())
      await quiet(() => neutron.request('DELETE', `/networks/${id}`));
  }
  await up?.stop().catch(() => undefined);
  // HAProxy masters listed in the state dir (by PID, checked against the state dir), then anything still
  // inside our load balancers' namespaces that was started from our state dir.
  for (const id of created.lbIds) {
    const pids = await run('ip', ['netns', 'pids', lbNamespace(id)]);
    for (const pid of pids.stdout
      .split('\n')
      .map(Number)
      .filter((p) => Number.isInteger(p) && p > 0)) {
      if (cmdlineIncludes(pid, stateDir)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
  await cleanupStateDir(stateDir);
  const errors = await lab.cleanup();
  if (errors.length > 0) console.error(`netns lab cleanup: ${errors.join('; ')}`);
}

// ---------------------------------------------------------------------------------------------------------
// Tests

test(
  'netns lab: two hosts on a bridge reach each other; cleanup leaves nothing',
  { skip, timeout: 60_000 },
  async () => {
    const before = await snapshot();
    const lab = new NetnsLab();
    const cidr = await pickCidr(() => `10.${100 + rand(150)}.${rand(256)}.0/24`, []);
    // A made-up network id: the lab names the bridge like the agent would.
    const networkId = `${lab.prefix.slice(3)}${Math.random().toString(16).slice(2, 6)}-0000-4000-8000-000000000000`;
    try {
      const a = await lab.addHost({
        name: 'a',
        networkId,
        address: hostIn(cidr, 11),
        prefixLen: 24,
        gateway: hostIn(cidr, 1),
      });
      const b = await lab.addHost({ name: 'b', networkId, address: hostIn(cidr, 12), prefixLen: 24 });
      assert.equal(a.bridge, `brq${networkId.slice(0, 11)}`);
      assert.deepEqual(lab.bridges, [a.bridge]);
      await lab.serve(a, `Welcome to ${a.address}`);
      await lab.serve(b, `Welcome to ${b.address}`);
      assert.deepEqual(await lab.curl(b, `http://${a.address}/`), {
        code: 0,
        body: `Welcome to ${a.address}`,
      });
      assert.deepEqual(await lab.curl(a, `http://${b.address}/any/path`), {
        code: 0,
        body: `Welcome to ${b.address}`,
      });
      const route = await lab.exec(a, ['ip', 'route', 'show', 'default']);
      assert.match(
        route.stdout,
        new RegExp(`default via ${hostIn(cidr, 1).replaceAll('.', '\\.')} dev eth0`),
      );
      await lab.stopServing(a);
      assert.notEqual((await lab.curl(b, `http://${a.address}/`, 1)).code, 0, 'a stopped serving');
      const mid = diffSnapshots(before, await snapshot(), notOurs(lab, []));
      assert.deepEqual(new Set(mid.namespaces), new Set([a.ns, b.ns]));
      assert.ok(mid.links.includes(a.bridge) && mid.links.includes(a.veth) && mid.links.includes(b.veth));
      assert.throws(() => lab.adoptNamespace('eth0; rm -rf /'), /invalid namespace/);
    } finally {
      assert.deepEqual(await lab.cleanup(), []);
      assert.deepEqual(await lab.cleanup(), [], 'cleanup is idempotent');
    }
    let diff = diffSnapshots(before, await snapshot(), notOurs(lab, []));
    for (let i = 0; i < 50 && !isEmptyDiff(diff); i++) {
      await sleep(200);
      diff = diffSnapshots(before, await snapshot(), notOurs(lab, []));
    }
    assert.deepEqual(diff, { namespaces: [], links: [], nftLines: [] });
  },
);

test(
  'tenant network (netns mode), network steps through the Neutron HTTP API: floating IP → VIP → two instances, health, teardown',
  { skip, timeout: 300_000 },
  (t) => tenantNetworkScenario(t, apiSteps),
);

test(
  'tenant network (netns mode), network steps with the real openstack CLI: floating IP → VIP → two instances, health, teardown',
  { skip: skipCli, timeout: 400_000 },
  (t) => tenantNetworkScenario(t, cliSteps),
);
