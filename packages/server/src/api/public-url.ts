import type { FastifyRequest } from 'fastify';

/** How clients reach this server: the configured public URL, else the request's protocol and Host. */
export type PublicUrlOf = (request: FastifyRequest) => string;

/** `LBAAS_PUBLIC_URL` when set, otherwise derived per request (no trailing slash either way). */
export function publicUrlResolver(configured: string | undefined): PublicUrlOf {
  const fixed = configured?.replace(/\/+$/, '');
  return (request) => fixed ?? `${request.protocol}://${request.host}`;
}
