import {
  AGENT_API_PREFIX,
  type AgentConfigResponse,
  type AgentRegisterBody,
  type AgentRegisterResponse,
  type AgentReportBody,
  type AssignmentsResponse,
} from '@lbaas/contract';
import type { AgentTokenSource } from './token-source.js';

/** A non-2xx answer of the server (status and the fault text when there is one). */
export class AgentHttpError extends Error {
  override name = 'AgentHttpError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Requests other than the long-poll give up after this long (a hung server must not stall the agent). */
const REQUEST_TIMEOUT_MS = 15_000;

/** The agent's side of the agent protocol over the global `fetch`. */
export class AgentHttpClient {
  private readonly base: string;
  constructor(
    serverUrl: string,
    private readonly agentId: string,
    private readonly headers: Readonly<Record<string, string>> = {},
    private readonly tokens?: AgentTokenSource,
  ) {
    this.base = `${serverUrl.replace(/\/+$/, '')}${AGENT_API_PREFIX}`;
  }

  /** POST /agents (also a heartbeat). */
  async register(agent: AgentRegisterBody['agent'], signal: AbortSignal): Promise<AgentRegisterResponse> {
    return (await this.call('POST', '/agents', signal, { agent })) as AgentRegisterResponse;
  }

  /** GET /agents/{id}/assignments: long-polls up to `waitMs` for a generation above `after`. */
  async assignments(after: number, waitMs: number, signal: AbortSignal): Promise<AssignmentsResponse> {
    const path = `/agents/${this.agentId}/assignments?after=${after}&wait_ms=${waitMs}`;
    return (await this.call(
      'GET',
      path,
      signal,
      undefined,
      waitMs + REQUEST_TIMEOUT_MS,
    )) as AssignmentsResponse;
  }

  /** GET /agents/{id}/load-balancers/{lb}/config. */
  async config(loadBalancerId: string, signal: AbortSignal): Promise<AgentConfigResponse['config']> {
    const path = `/agents/${this.agentId}/load-balancers/${loadBalancerId}/config`;
    return ((await this.call('GET', path, signal)) as AgentConfigResponse).config;
  }

  /** POST /agents/{id}/reports (also a heartbeat). */
  async report(report: AgentReportBody['report'], signal: AbortSignal): Promise<void> {
    await this.call('POST', `/agents/${this.agentId}/reports`, signal, { report });
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    signal: AbortSignal,
    body?: unknown,
    timeoutMs = REQUEST_TIMEOUT_MS,
  ): Promise<unknown> {
    let token = await this.tokens?.token(signal);
    const send = (): Promise<Response> =>
      fetch(`${this.base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.headers,
          ...(token === undefined ? {} : { 'x-auth-token': token }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
    let response = await send();
    if (response.status === 401 && this.tokens && token !== undefined) {
      // Revoked or expired early (a role removed, the server's database reset): log in once more.
      await response.body?.cancel();
      this.tokens.invalidate(token);
      token = await this.tokens.token(signal);
      response = await send();
    }
    const text = await response.text();
    if (!response.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { faultstring?: unknown; error?: { message?: unknown } };
        message = String(parsed.faultstring ?? parsed.error?.message ?? text);
      } catch {
        // not a fault body: keep the raw text
      }
      throw new AgentHttpError(response.status, `${method} ${path}: ${response.status} ${message}`);
    }
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  }
}
