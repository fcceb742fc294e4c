import type { Command } from 'commander';

/** Adds `--network-mode` and `--vip-interface` (lbaas up, lbaas agent). */
export function addNetworkModeOptions(command: Command): Command {
  return command
    .option(
      '--network-mode <mode>',
      'where VIPs live: loopback (127.0.0.0/8 on lo, no root), host (a /32 on --vip-interface, root), netns (namespace qlbaas-<lb-id> on the bridge brq<network-id> of the VIP network, floating IPs by nftables, root) (env LBAAS_NETWORK_MODE)',
      process.env.LBAAS_NETWORK_MODE ?? 'loopback',
    )
    .option(
      '--vip-interface <name>',
      'host mode: the host interface VIPs are added to, e.g. eth0 (env LBAAS_VIP_INTERFACE)',
      process.env.LBAAS_VIP_INTERFACE || undefined,
    );
}
