import type { AgentConfigFile } from '@lbaas/contract';
import { planMemberChanges, type MemberChange } from './member-change-plan.js';

/** The sub-directory of a load balancer's directory that holds the files its haproxy.cfg refers to. */
export const CONFIG_FILE_DIR = 'tls';

const fileKinds = new Set<AgentConfigFile['kind']>(['crt-list', 'certificate', 'ca', 'crl']);
// `tls/<name>`: one path segment, no hidden files (the atomic writer's temp files start with a dot).
const fileNamePattern = /^tls\/[A-Za-z0-9_-][A-Za-z0-9._-]{0,195}$/;

/** True for a name the agent writes: `tls/<[A-Za-z0-9._-]+>` without `..` and not starting with a dot. */
export function isConfigFileName(name: string): boolean {
  return fileNamePattern.test(name) && !name.includes('..');
}

/**
 * Checks the files of a config again on the agent (the server's schema is not trusted for paths): names
 * `tls/<[A-Za-z0-9._-]+>` without `..` or a leading dot, unique, a known kind, string content. Throws
 * naming the first offending file; the whole config is refused.
 */
export function assertConfigFiles(files: readonly AgentConfigFile[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    const name: unknown = file.name;
    if (typeof name !== 'string' || !isConfigFileName(name)) {
      throw new Error(
        `invalid config file name ${JSON.stringify(name)}: expected tls/<[A-Za-z0-9._-]+> without ".." or a leading dot`,
      );
    }
    if (seen.has(name)) throw new Error(`config file ${name} appears twice`);
    seen.add(name);
    if (!fileKinds.has(file.kind))
      throw new Error(`config file ${name} has an unknown kind ${String(file.kind)}`);
    if (typeof file.content !== 'string') throw new Error(`config file ${name} has no text content`);
  }
}

/** What a running process was loaded from: haproxy.cfg and the files under tls/ (name → content). */
export interface CurrentConfigState {
  cfg: string;
  files: ReadonlyMap<string, string>;
}

/** How a new config reaches a running process. */
export type ConfigUpdatePlan =
  | {
      action: 'runtime';
      /** Weight / admin-state changes of server lines (planMemberChanges). */
      memberChanges: MemberChange[];
      /** Certificate, CA and CRL files whose content changed, by name. */
      fileUpdates: AgentConfigFile[];
    }
  | { action: 'reload'; reason: string };

/** True when a `server` / `default-server` line of `cfg` names `<dir>/<name>`. */
function usedByServers(cfg: string, name: string): boolean {
  return cfg.split('\n').some((line) => {
    const words = line.trim().split(/\s+/);
    if (words[0] !== 'server' && words[0] !== 'default-server') return false;
    return words.some((w) => w.endsWith(`/${name}`));
  });
}

/**
 * Decides between runtime-API updates and a reload for a running process (pure). Runtime when haproxy.cfg
 * is byte-identical or differs only by member weight/state (planMemberChanges), the set of file names is
 * unchanged and no crt-list changed: then every certificate / CA / CRL of a `bind` whose content changed is
 * replaced through `set ssl …` + `commit ssl …`. Anything else (other cfg text, a crt-list, an added or
 * removed file, a file of `server` lines) needs a reload.
 */
export function planConfigUpdate(
  current: CurrentConfigState,
  next: { cfg: string; files: readonly AgentConfigFile[] },
): ConfigUpdatePlan {
  const memberChanges = planMemberChanges(current.cfg, next.cfg);
  if (memberChanges === undefined) return { action: 'reload', reason: 'haproxy.cfg changed' };
  const names = new Set(next.files.map((f) => f.name));
  const added = [...names].filter((name) => !current.files.has(name));
  const removed = [...current.files.keys()].filter((name) => !names.has(name));
  if (added.length > 0 || removed.length > 0) {
    return { action: 'reload', reason: `files added/removed: ${[...added, ...removed].sort().join(', ')}` };
  }
  const fileUpdates: AgentConfigFile[] = [];
  for (const file of next.files) {
    if (current.files.get(file.name) === file.content) continue;
    if (file.kind === 'crt-list') return { action: 'reload', reason: `crt-list ${file.name} changed` };
    // Server-side TLS (a pool's client certificate, CA, CRL): a committed change applies only to new server
    // connections, and HAProxy keeps reusing idle ones verified under the old CA. A reload starts clean.
    if (usedByServers(next.cfg, file.name)) {
      return { action: 'reload', reason: `${file.name} is used by server lines` };
    }
    // The CLI payload ends at the first empty line: such content can only be loaded from disk.
    if (/\r|\n\n|^\n/.test(file.content) || file.content.trim() === '') {
      return { action: 'reload', reason: `${file.name} cannot be sent as a runtime API payload` };
    }
    fileUpdates.push(file);
  }
  fileUpdates.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { action: 'runtime', memberChanges, fileUpdates };
}
