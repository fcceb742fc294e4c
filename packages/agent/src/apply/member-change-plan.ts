/** One runtime-applicable change of a `server` line: new weight and/or new admin state. */
export interface MemberChange {
  backend: string;
  server: string;
  weight?: number;
  state?: 'ready' | 'maint';
}

const sectionKeywords = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'peers',
  'resolvers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
]);

interface ServerLine {
  name: string;
  /** The line without its `weight N` and `disabled`/`enabled` keywords. */
  rest: string;
  weight: number;
  disabled: boolean;
}

/**
 * Compares two haproxy.cfg texts. When they differ only in the `weight N` and `disabled` keywords of
 * `server` lines, returns the changes to make through the runtime API (empty when the texts are equal);
 * otherwise undefined, meaning a reload is needed. Lines must match one to one, so any added, removed or
 * reordered line forces a reload.
 */
export function planMemberChanges(oldCfg: string, newCfg: string): MemberChange[] | undefined {
  const oldLines = oldCfg.split('\n');
  const newLines = newCfg.split('\n');
  if (oldLines.length !== newLines.length) return undefined;
  const changes: MemberChange[] = [];
  let section = '';
  let proxy = '';
  for (const [i, oldLine] of oldLines.entries()) {
    const newLine = newLines[i] ?? '';
    const header = /^(\S+)(?:\s+(\S+))?/.exec(oldLine);
    if (header?.[1] !== undefined && sectionKeywords.has(header[1])) {
      section = header[1];
      proxy = header[2] ?? '';
    }
    if (oldLine === newLine) continue;
    if (section !== 'backend' && section !== 'listen') return undefined;
    const before = parseServerLine(oldLine);
    const after = parseServerLine(newLine);
    if (before === undefined || after === undefined) return undefined;
    if (before.name !== after.name || before.rest !== after.rest) return undefined;
    const change: MemberChange = { backend: proxy, server: after.name };
    if (before.weight !== after.weight) change.weight = after.weight;
    if (before.disabled !== after.disabled) change.state = after.disabled ? 'maint' : 'ready';
    changes.push(change);
  }
  return changes;
}

function parseServerLine(line: string): ServerLine | undefined {
  // Quotes or escapes could hide keywords inside arguments; such lines are left to a reload.
  if (/["'\\#]/.test(line)) return undefined;
  const tokens = line.trim().split(/\s+/);
  if (tokens[0] !== 'server' || tokens[1] === undefined) return undefined;
  const kept: string[] = [];
  let weight = 1; // HAProxy's default when the keyword is absent
  let disabled = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === 'weight') {
      const value = tokens[i + 1] ?? '';
      if (!/^\d{1,3}$/.test(value)) return undefined;
      weight = Number(value);
      i++;
    } else if (token === 'disabled') disabled = true;
    else if (token === 'enabled') disabled = false;
    else kept.push(token);
  }
  return { name: tokens[1], rest: kept.join(' '), weight, disabled };
}
