import { CliError } from '../cli-error.js';

/** octaviaclient's texts for a fault without a faultstring. */
const DEFAULT_TEXTS: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Over Limit',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/**
 * A non-2xx answer, shown like osc: `<message> (HTTP <status>) (Request-ID: <id>)`. `detail` is the bare
 * message (Octavia faultstring, NeutronError.message, Keystone error.message, or the default text).
 */
export class ApiError extends CliError {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly requestId: string | undefined,
  ) {
    super(`${detail} (HTTP ${status})${requestId ? ` (Request-ID: ${requestId})` : ''}`);
    this.name = 'ApiError';
  }
}

/** The ApiError of a response: the message the server put in its fault body, else the default text. */
export function apiErrorFrom(status: number, body: unknown, requestId: string | undefined): ApiError {
  return new ApiError(status, faultMessage(body) ?? DEFAULT_TEXTS[status] ?? 'Unknown Error', requestId);
}

function faultMessage(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.faultstring === 'string' && body.faultstring !== '') return body.faultstring;
  const neutron = body.NeutronError;
  if (isObject(neutron) && typeof neutron.message === 'string') return neutron.message;
  if (typeof neutron === 'string') return neutron;
  const keystone = body.error;
  if (isObject(keystone) && typeof keystone.message === 'string') return keystone.message;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
