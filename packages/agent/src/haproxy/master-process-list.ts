/** One process as listed by the master CLI's `show proc`. */
export interface MasterProcEntry {
  pid: number;
  /** How many reloads ago this worker was started (0 = current generation). */
  reloads: number;
}

/** Parsed `show proc`: the master's reload counter and its workers (old, draining ones included). */
export interface MasterProcessList {
  masterPid: number;
  /** Incremented by every reload attempt, failed ones included. */
  masterReloads: number;
  workers: MasterProcEntry[];
}

/**
 * Parses the master CLI's `show proc` (HAProxy 2.6):
 * `<pid> master <reloads> [failed: <n>] <uptime> <version>` then `<pid> worker <reloads> <uptime> <version>` lines.
 */
export function parseShowProc(text: string): MasterProcessList {
  let master: { pid: number; reloads: number } | undefined;
  const workers: MasterProcEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d+)\s+(master|worker)\s+(\d+)/.exec(line);
    if (!match) continue;
    const entry = { pid: Number(match[1]), reloads: Number(match[3]) };
    if (match[2] === 'master') master = entry;
    else workers.push(entry);
  }
  if (master === undefined) throw new Error(`show proc: no master line in: ${text.slice(0, 200)}`);
  return { masterPid: master.pid, masterReloads: master.reloads, workers };
}
