import type { FileSystem } from '../system/file-system.js';
import type { ProcessRunner } from '../system/process-runner.js';
import { HostNetworkPlumber } from './host-network-plumber.js';
import { LoopbackNetworkPlumber } from './loopback-network-plumber.js';
import { NetnsNetworkPlumber } from './netns-network-plumber.js';
import type { NetworkMode, NetworkPlumber } from './network-plumber.js';

/** Options of createNetworkPlumber (what `lbaas agent --network-mode … --vip-interface …` provides). */
export interface NetworkPlumberOptions {
  mode: NetworkMode;
  /** Required in host mode: the interface VIPs are added to. */
  vipInterface?: string;
  /** The agent's base directory (the same as HaproxyApplier's). */
  baseDir: string;
  runner: ProcessRunner;
  fs: FileSystem;
  warn?: (message: string) => void;
}

/** The plumber of a networking mode. host and netns need root; loopback needs nothing. */
export function createNetworkPlumber(options: NetworkPlumberOptions): NetworkPlumber {
  const { mode, baseDir, runner, fs, warn } = options;
  const common = warn === undefined ? { baseDir, runner, fs } : { baseDir, runner, fs, warn };
  switch (mode) {
    case 'loopback':
      return new LoopbackNetworkPlumber();
    case 'host':
      if (options.vipInterface === undefined || options.vipInterface === '') {
        throw new Error('network mode host needs --vip-interface (the host interface VIPs are added to)');
      }
      return new HostNetworkPlumber({ ...common, vipInterface: options.vipInterface });
    case 'netns':
      return new NetnsNetworkPlumber(common);
  }
}
