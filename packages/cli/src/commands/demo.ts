import { startDemoBackend, type DemoBackend } from './demo-backends.js';

/** What `lbaas up --demo` set up, and how to see it work. */
export interface Demo {
  backends: DemoBackend[];
  loadBalancerId: string;
  url: string;
  close(): Promise<void>;
}

const DEMO_PORT = 8080;

/**
 * Starts two local HTTP backends and creates, through the API like any client would, a load balancer
 * with an HTTP listener, a round-robin pool over both backends and an HTTP health monitor; waits until
 * it is ACTIVE.
 */
export async function startDemo(
  apiUrl: string,
  opts: { timeoutMs?: number; token?: string | undefined } = {},
): Promise<Demo> {
  const json = (url: string, method = 'GET', body?: unknown): Promise<unknown> =>
    call(url, method, body, opts.token);
  const backends = [await startDemoBackend('web-1'), await startDemoBackend('web-2')];
  const api = `${apiUrl}/load-balancer/v2.0/lbaas`;
  const subnets = (await json(`${apiUrl}/network/v2.0/subnets?name=lbaas-loopback-subnet`)) as {
    subnets: { id: string }[];
  };
  const subnetId = subnets.subnets[0]?.id;
  if (!subnetId) throw new Error('the built-in VIP subnet lbaas-loopback-subnet is missing');
  const created = (await json(`${api}/loadbalancers`, 'POST', {
    loadbalancer: {
      name: 'demo',
      vip_subnet_id: subnetId,
      listeners: [
        {
          name: 'demo-http',
          protocol: 'HTTP',
          protocol_port: DEMO_PORT,
          default_pool: {
            name: 'demo-pool',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: { type: 'HTTP', delay: 2, timeout: 1, max_retries: 2, url_path: '/' },
            members: backends.map((b) => ({ name: b.name, address: b.address, protocol_port: b.port })),
          },
        },
      ],
    },
  })) as { loadbalancer: { id: string; vip_address: string } };
  const lb = created.loadbalancer;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    const got = (await json(`${api}/loadbalancers/${lb.id}`)) as {
      loadbalancer: { provisioning_status: string };
    };
    const status = got.loadbalancer.provisioning_status;
    if (status === 'ACTIVE') break;
    if (status === 'ERROR')
      throw new Error(`the demo load balancer ${lb.id} went to ERROR (see the server log)`);
    if (Date.now() > deadline) throw new Error(`the demo load balancer ${lb.id} is still ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    backends,
    loadBalancerId: lb.id,
    url: `http://${lb.vip_address}:${DEMO_PORT}/`,
    close: async () => {
      await Promise.all(backends.map((b) => b.close()));
    },
  };
}

async function call(url: string, method: string, body: unknown, token: string | undefined): Promise<unknown> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token === undefined ? {} : { 'x-auth-token': token }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
  return text === '' ? {} : JSON.parse(text);
}
