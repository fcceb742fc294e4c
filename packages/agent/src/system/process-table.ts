import { readFile } from 'node:fs/promises';

/** Soft and hard limit of open file descriptors (`ulimit -n` / `ulimit -Hn`); null = unlimited. */
export interface OpenFileLimit {
  soft: number | null;
  hard: number | null;
}

/** Read access to the host's processes plus signalling. */
export interface ProcessTable {
  /** True when the pid exists and is not a zombie. */
  isAlive(pid: number): Promise<boolean>;
  /** argv of a live process, or undefined when it is gone (or not readable). */
  commandLine(pid: number): Promise<string[] | undefined>;
  /** Sends a signal; false when the process does not exist. */
  signal(pid: number, signal: NodeJS.Signals): boolean;
  /** This process's limit on open files (HAProxy's maxconn is bounded by it). */
  openFileLimit(): Promise<OpenFileLimit>;
}

/** ProcessTable over Linux /proc and kill(2). */
export class LinuxProcessTable implements ProcessTable {
  async isAlive(pid: number): Promise<boolean> {
    if (!isPid(pid)) return false;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      // Field 3 follows the parenthesised comm, which may itself contain spaces or parentheses.
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      // A daemon's zombie lingers until init reaps it; kill(pid, 0) would still succeed on it.
      return state !== 'Z' && state !== 'X' && state !== '';
    } catch {
      return false;
    }
  }

  async commandLine(pid: number): Promise<string[] | undefined> {
    if (!isPid(pid)) return undefined;
    try {
      const raw = await readFile(`/proc/${pid}/cmdline`, 'utf8');
      if (raw === '') return undefined;
      return raw.replace(/\0$/, '').split('\0');
    } catch {
      return undefined;
    }
  }

  signal(pid: number, signal: NodeJS.Signals): boolean {
    if (!isPid(pid)) return false;
    try {
      process.kill(pid, signal);
      return true;
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'ESRCH') return false;
      throw error;
    }
  }

  async openFileLimit(): Promise<OpenFileLimit> {
    const limits = await readFile('/proc/self/limits', 'utf8');
    const line = limits.split('\n').find((l) => l.startsWith('Max open files'));
    const match = line?.match(/^Max open files\s+(\S+)\s+(\S+)/);
    if (!match) throw new Error('/proc/self/limits has no "Max open files" line');
    return { soft: limitValue(match[1]), hard: limitValue(match[2]) };
  }
}

function limitValue(text: string | undefined): number | null {
  return text === undefined || text === 'unlimited' ? null : Number(text);
}

// pid 0 and negatives address process groups in kill(2): never valid here.
function isPid(pid: number): boolean {
  return Number.isSafeInteger(pid) && pid > 0;
}
