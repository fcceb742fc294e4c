import { join } from 'node:path';
import type { FileSystem } from '../system/file-system.js';
import { assertInterfaceName, assertNamespaceName } from './network-names.js';

/** What a plumber made for one load balancer, kept in `<base dir>/<lb id>/network.json` for `remove`. */
export type NetworkRecord =
  | { mode: 'host'; interface: string; addresses: string[] }
  | { mode: 'netns'; namespace: string; hostLinks: string[]; bridges: string[] };

/** Name of the record file inside a load balancer's directory. */
export const NETWORK_RECORD_FILE = 'network.json';

/** Reads and writes network.json; records are written before objects are created (an intent log). */
export class NetworkRecordStore {
  constructor(
    private readonly fs: FileSystem,
    private readonly baseDir: string,
  ) {}

  pathOf(loadBalancerId: string): string {
    return join(this.baseDir, loadBalancerId, NETWORK_RECORD_FILE);
  }

  /** The record, or undefined when absent or unreadable (then only deterministic names are cleaned up). */
  async read(loadBalancerId: string): Promise<NetworkRecord | undefined> {
    const text = await this.fs.readText(this.pathOf(loadBalancerId));
    if (text === undefined) return undefined;
    try {
      return validate(JSON.parse(text) as unknown);
    } catch {
      return undefined;
    }
  }

  /** Writes the record unless the file already says exactly that (a steady-state ensure costs no fsync). */
  async write(loadBalancerId: string, record: NetworkRecord): Promise<void> {
    const text = `${JSON.stringify(record)}\n`;
    const path = this.pathOf(loadBalancerId);
    if ((await this.fs.readText(path)) === text) return;
    await this.fs.mkdirp(join(this.baseDir, loadBalancerId));
    await this.fs.writeFileAtomic(path, text);
  }

  async delete(loadBalancerId: string): Promise<void> {
    await this.fs.removeFile(this.pathOf(loadBalancerId));
  }
}

// The record names things the agent deletes: a hand-edited file must not smuggle in other names.
function validate(value: unknown): NetworkRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const names = (x: unknown): string[] =>
    Array.isArray(x) ? x.map((n) => assertInterfaceName(String(n))) : [];
  if (v['mode'] === 'host' && typeof v['interface'] === 'string' && Array.isArray(v['addresses'])) {
    return {
      mode: 'host',
      interface: assertInterfaceName(v['interface']),
      addresses: v['addresses'].filter(
        (a): a is string => typeof a === 'string' && /^[0-9a-fA-F.:]+\/\d{1,3}$/.test(a),
      ),
    };
  }
  if (v['mode'] === 'netns' && typeof v['namespace'] === 'string') {
    return {
      mode: 'netns',
      namespace: assertNamespaceName(v['namespace']),
      hostLinks: names(v['hostLinks']),
      bridges: names(v['bridges']),
    };
  }
  return undefined;
}
