import { NETWORK_MODES, type NetworkMode } from '@lbaas/agent';

/** Where VIPs go, as chosen on the command line. */
export interface NetworkModeChoice {
  mode: NetworkMode;
  /** host mode: the interface the VIPs are added to as /32 (/128). */
  vipInterface?: string | undefined;
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
