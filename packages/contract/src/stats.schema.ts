import { Type, type Static } from '@sinclair/typebox';

/** `GET /loadbalancers/{id}/stats` and `GET /listeners/{id}/stats` body. */
export const StatsBody = Type.Object({
  stats: Type.Object({
    bytes_in: Type.Integer(),
    bytes_out: Type.Integer(),
    active_connections: Type.Integer(),
    total_connections: Type.Integer(),
    request_errors: Type.Integer(),
  }),
});
export type StatsBody = Static<typeof StatsBody>;
