import { CliError } from '../cli-error.js';
import { formatDebugRequest, formatDebugResponse, type DebugSink } from './http-debug.js';

/** The User-Agent of every request. */
export const USER_AGENT = 'lbaas-cli/0.1.0';

/** One HTTP answer: status, headers, the raw text and the parsed JSON (undefined when empty or not JSON). */
export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

/** What to send: extra headers (e.g. X-Auth-Token) and an optional JSON body. */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Readonly<Record<string, string>>;
  body?: unknown;
}

/**
 * Sends one request with fetch: JSON Accept / Content-Type and the User-Agent added, the exchange logged to
 * `debug` (tokens hashed, passwords masked). A network failure becomes keystoneauth's
 * `Unable to establish connection to <url>: <reason>`; HTTP error statuses are returned, not thrown.
 */
export async function sendHttp(req: HttpRequest, debug?: DebugSink): Promise<HttpResponse> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'User-Agent': USER_AGENT,
    ...(req.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...req.headers,
  };
  debug?.write(formatDebugRequest(req.method, req.url, headers, req.body));
  let res: Response;
  let text: string;
  try {
    res = await fetch(req.url, {
      method: req.method,
      headers,
      ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }),
    });
    text = await res.text();
  } catch (err) {
    throw new CliError(`Unable to establish connection to ${req.url}: ${networkReason(err)}`);
  }
  debug?.write(formatDebugResponse(res.status, res.headers, text));
  return { status: res.status, headers: res.headers, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** undici hides the real reason (ECONNREFUSED, ENOTFOUND...) in `cause`. */
function networkReason(err: unknown): string {
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause instanceof AggregateError && cause.errors.length > 0) {
    return cause.errors.map((e) => (e instanceof Error ? e.message : String(e))).join(', ');
  }
  if (cause instanceof Error && cause.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
