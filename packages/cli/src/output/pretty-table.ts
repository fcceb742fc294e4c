import { textwrapFill } from './text-wrap.js';
import { wcswidth } from './wcswidth.js';

/** A prettytable column alignment. */
export type Align = 'l' | 'c' | 'r';

const ESC = String.fromCharCode(0x1b);
// prettytable strips SGR colour codes and `ESC ( B` before measuring.
const ANSI = new RegExp(`${ESC}\\[[0-9;]*m|${ESC}\\(B`, 'g');
const spaces = (n: number): string => ' '.repeat(Math.max(0, n));
const pyMod2 = (n: number): number => ((n % 2) + 2) % 2;

function blockWidth(text: string): number {
  return wcswidth(text.replace(ANSI, ''));
}

function sizeOf(text: string): { width: number; height: number } {
  const lines = text.split('\n');
  return { width: Math.max(...lines.map(blockWidth)), height: lines.length };
}

function justify(text: string, width: number, align: Align): string {
  const excess = width - blockWidth(text);
  if (align === 'l') return text + spaces(excess);
  if (align === 'r') return spaces(excess) + text;
  const half = Math.floor(excess / 2);
  if (!pyMod2(excess)) return spaces(half) + text + spaces(half);
  return pyMod2(blockWidth(text))
    ? spaces(half) + text + spaces(half + 1)
    : spaces(half + 1) + text + spaces(half);
}

/** What prettytable 3.6.0 needs to draw cliff's table: header, cells already `str()`-ed, per-column settings. */
export interface PrettyTableSpec {
  fieldNames: readonly string[];
  rows: readonly (readonly string[])[];
  align: readonly Align[];
  /** Per column `max_width`, or undefined when unset. */
  maxWidths: readonly (number | undefined)[];
  printEmpty: boolean;
}

/** `PrettyTable.get_string()` with cliff's settings (border, header, frame hrules, padding 1). */
export function prettyTable(spec: PrettyTableSpec): string {
  const { fieldNames, rows, align, maxWidths } = spec;
  if (rows.length === 0 && !spec.printEmpty) return '';
  const widths = fieldNames.map((name, i) => {
    let width = sizeOf(name).width;
    for (const row of rows) {
      const size = sizeOf(row[i] ?? '').width;
      const max = maxWidths[i];
      width = Math.max(width, max === undefined ? size : Math.min(size, max));
    }
    return width;
  });
  const hrule = `+${widths.map((w) => '-'.repeat(Math.max(0, w + 2))).join('+')}+`;
  const header = `|${fieldNames.map((name, i) => ` ${justify(name, widths[i]!, align[i]!)} |`).join('')}`;
  const lines = [`${hrule}\n${header}\n${hrule}`];
  for (const row of rows) {
    const cells = fieldNames.map((_, i) =>
      (row[i] ?? '')
        .split('\n')
        .map((line) => (blockWidth(line) > widths[i]! ? textwrapFill(line, widths[i]!) : line))
        .join('\n')
        .split('\n'),
    );
    const height = Math.max(...cells.map((c) => c.length));
    for (let y = 0; y < height; y++) {
      lines.push(`|${cells.map((c, i) => ` ${justify(c[y] ?? '', widths[i]!, align[i]!)} |`).join('')}`);
    }
  }
  lines.push(hrule);
  return lines.join('\n');
}
