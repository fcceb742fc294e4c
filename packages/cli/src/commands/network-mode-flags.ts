import { NETWORK_MODES, type NetworkMode } from '@lbaas/agent';
import type { Command } from 'commander';

/** Where VIPs go, as chosen on the command line. */
export interface NetworkModeChoice {
  mode: NetworkMode;
  /** host mode: the interface the VIPs are added to as /32 (/128). */
  vipInterface?: string | undefined;
}

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

// Linux interface names: 1-15 characters, no '/', whitespace or ':' (IFNAMSIZ 16 incl. NUL).
const INTERFACE_NAME = /^[A-Za-z0-9_.-]{1,15}$/;

/**
 * Validates the flags; throws an Error whose message is meant for the user (exit code 2). `uid` is the
 * effective user id (undefined where the platform has none).
 */
export function networkModeChoice(
  flags: { networkMode?: unknown; vipInterface?: unknown },
  uid: number | undefined,
): NetworkModeChoice {
  const mode = flags.networkMode ?? 'loopback';
  if (typeof mode !== 'string' || !(NETWORK_MODES as readonly string[]).includes(mode)) {
    throw new Error(`--network-mode must be one of ${NETWORK_MODES.join(', ')}, not ${JSON.stringify(mode)}`);
  }
  const vipInterface = typeof flags.vipInterface === 'string' ? flags.vipInterface : undefined;
  if (mode === 'host') {
    if (vipInterface === undefined) throw new Error('--network-mode host needs --vip-interface <name>');
    if (!INTERFACE_NAME.test(vipInterface) || vipInterface === '.' || vipInterface === '..') {
      throw new Error(`--vip-interface ${JSON.stringify(vipInterface)} is not a valid interface name`);
    }
  } else if (vipInterface !== undefined) {
    throw new Error('--vip-interface is used only with --network-mode host');
  }
  if (mode !== 'loopback' && uid !== 0) {
    throw new Error(
      `--network-mode ${mode} needs root (it adds addresses${mode === 'netns' ? ', bridges, namespaces and nftables rules' : ''}); run as root or use --network-mode loopback`,
    );
  }
  return { mode: mode as NetworkMode, vipInterface };
}
