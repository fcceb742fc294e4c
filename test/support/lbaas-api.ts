import { sleep } from './lbaas-up-process.js';

/** One response of the load-balancer API. */
export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/**
 * A minimal Octavia v2 client over global fetch (admin, noauth) for the data-plane tests; with another
 * `apiPath` (e.g. `/network/v2.0`) its request/ok work for the server's other APIs too.
 */
export class LbaasApi {
  /** `describe()` of the server, appended to errors (e.g. its log tail). */
  constructor(
    readonly baseUrl: string,
    private readonly describe: () => string = () => '',
    private readonly apiPath = '/load-balancer/v2.0/lbaas',
  ) {}

  private get api(): string {
    return `${this.baseUrl}${this.apiPath}`;
  }

  async request(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const res = await fetch(`${this.api}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed, text };
  }

  /** Like `request`, but anything other than 2xx throws with the response and the server's log tail. */
  async ok(method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
    const res = await this.request(method, path, body);
    if (res.status < 200 || res.status > 299) {
      throw new Error(`${method} ${this.apiPath}${path}: ${res.status} ${res.text}\n${this.describe()}`);
    }
    return res.body;
  }

  async vipSubnetId(): Promise<string> {
    const res = await fetch(`${this.baseUrl}/network/v2.0/subnets?name=lbaas-loopback-subnet`);
    const body = (await res.json()) as { subnets?: { id: string }[] };
    const id = body.subnets?.[0]?.id;
    if (!id) throw new Error('the built-in VIP subnet lbaas-loopback-subnet is missing');
    return id;
  }

  /** Creates a load balancer (fully populated if `extra` has listeners) and waits until it is ACTIVE. */
  async createLoadBalancer(extra: Record<string, unknown>): Promise<LoadBalancer> {
    const body = await this.ok('POST', '/loadbalancers', {
      loadbalancer: { vip_subnet_id: await this.vipSubnetId(), ...extra },
    });
    const lb = body.loadbalancer as LoadBalancer;
    await this.waitActive(lb.id);
    return (await this.ok('GET', `/loadbalancers/${lb.id}`)).loadbalancer as LoadBalancer;
  }

  /** Polls until the load balancer's provisioning_status is ACTIVE (ERROR or the deadline throws). */
  async waitActive(lbId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const res = await this.request('GET', `/loadbalancers/${lbId}`);
      const lb = res.body.loadbalancer as LoadBalancer | undefined;
      last = lb?.provisioning_status ?? `HTTP ${res.status}`;
      if (last === 'ACTIVE') return;
      if (last === 'ERROR') {
        throw new Error(`load balancer ${lbId} went to ERROR: ${res.text}\n${this.describe()}`);
      }
      if (Date.now() > deadline) {
        throw new Error(`load balancer ${lbId} is still ${last} after ${timeoutMs} ms\n${this.describe()}`);
      }
      await sleep(50);
    }
  }

  /** The status tree (`GET /loadbalancers/{id}/status`). */
  async statusTree(lbId: string): Promise<StatusTree> {
    const body = await this.ok('GET', `/loadbalancers/${lbId}/status`);
    return (body.statuses as { loadbalancer: StatusTree }).loadbalancer;
  }

  /** DELETE with cascade, then polls until the load balancer is a 404. Tolerates an already-deleted LB. */
  async deleteLoadBalancer(lbId: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.request('DELETE', `/loadbalancers/${lbId}?cascade=true`);
      if (res.status === 204 || res.status === 404) break;
      // 409 while a change is still pending: retry until the deadline.
      if (Date.now() > deadline) {
        throw new Error(`DELETE load balancer ${lbId}: ${res.status} ${res.text}\n${this.describe()}`);
      }
      await sleep(200);
    }
    for (;;) {
      const res = await this.request('GET', `/loadbalancers/${lbId}`);
      if (res.status === 404) return;
      if (Date.now() > deadline) {
        throw new Error(`load balancer ${lbId} still exists (${res.text}) after DELETE\n${this.describe()}`);
      }
      await sleep(100);
    }
  }
}

export interface LoadBalancer {
  id: string;
  vip_address: string;
  provisioning_status: string;
  operating_status: string;
  listeners: { id: string }[];
  pools: { id: string }[];
}

export interface StatusMember {
  id: string;
  name: string;
  operating_status: string;
  provisioning_status: string;
}

export interface StatusTree {
  id: string;
  operating_status: string;
  provisioning_status: string;
  listeners: {
    id: string;
    operating_status: string;
    pools: {
      id: string;
      operating_status: string;
      members: StatusMember[];
      health_monitor?: { operating_status: string };
    }[];
  }[];
}
