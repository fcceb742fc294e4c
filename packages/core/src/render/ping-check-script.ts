/**
 * File name, inside the load balancer's runDir, of the PING monitor's external-check script. The agent
 * writes the script (its text is part of the agent contract, `@lbaas/contract` PING_CHECK_SCRIPT); core
 * only needs the name, and a server test checks both packages agree on it.
 */
export const PING_CHECK_SCRIPT_NAME = 'ping-check.sh';
