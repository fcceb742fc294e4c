/**
 * Helper programs every load-balancer directory on an agent holds, part of the server↔agent contract:
 * the rendered haproxy.cfg refers to them by name (`${runDir}/<name>`), the agent writes them.
 */

/** File name of the PING monitor's external-check script (core's renderer uses the same name). */
export const PING_CHECK_SCRIPT_NAME = 'ping-check.sh';

/**
 * The PING monitor's external-check program, written with mode 0755. HAProxy runs it as
 * `<cmd> <proxy addr> <proxy port> <server addr> <server port>` with PATH cleared, so it uses absolute
 * paths and takes the server address from argv ($3), never from a configured string. Output goes to
 * /dev/null: a daemonized HAProxy has no stdout, and ping fails when it cannot write its summary.
 */
export const PING_CHECK_SCRIPT = `#!/bin/sh
# lbaas PING health monitor: one echo request, 1 s deadline (HAProxy external-check).
case "$3" in
  *:*) exec /bin/ping -6 -q -n -w 1 -c 1 "$3" >/dev/null 2>&1 ;;
  *) exec /bin/ping -4 -q -n -w 1 -c 1 "$3" >/dev/null 2>&1 ;;
esac
`;
