/** File name, inside the load balancer's runDir, of the PING monitor's external-check script. */
export const PING_CHECK_SCRIPT_NAME = 'ping-check.sh';

/**
 * The PING monitor's external-check program; the agent writes it to `${runDir}/ping-check.sh` with mode 0755.
 * HAProxy runs it as `<cmd> <proxy addr> <proxy port> <server addr> <server port>` with PATH cleared, so
 * it uses absolute paths and takes the server address from argv ($3), not from a configured string.
 */
export const PING_CHECK_SCRIPT = `#!/bin/sh
# lbaas PING health monitor: one echo request, 1 s deadline (HAProxy external-check).
case "$3" in
  *:*) exec /bin/ping -6 -q -n -w 1 -c 1 "$3" ;;
  *) exec /bin/ping -4 -q -n -w 1 -c 1 "$3" ;;
esac
`;
