import type { StatRow } from '../apply/load-balancer-config.js';

const rowTypes: readonly StatRow['type'][] = ['frontend', 'backend', 'server', 'listener'];

/**
 * Parses the CSV of `show stat` (first line `# pxname,svname,...`) into rows. Columns are looked up by
 * name, not position, because HAProxy appends columns between versions. Proxy and server names are
 * UUIDs (or `pool:listener`) in our configs, so the CSV never needs quote handling.
 */
export function parseShowStat(csv: string): StatRow[] {
  const lines = csv.split('\n').filter((line) => line.trim() !== '');
  const header = lines[0];
  if (header === undefined || !header.startsWith('# ')) {
    throw new Error(`show stat: unexpected answer: ${csv.slice(0, 200)}`);
  }
  const columns = new Map(
    header
      .slice(2)
      .split(',')
      .map((name, index) => [name, index] as const),
  );
  const rows: StatRow[] = [];
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const cell = (name: string): string => {
      const index = columns.get(name);
      return index === undefined ? '' : (cells[index] ?? '');
    };
    const int = (name: string): number => {
      const text = cell(name);
      return text === '' ? 0 : Number(text);
    };
    const type = rowTypes[int('type')];
    if (type === undefined) continue;
    rows.push({
      pxname: cell('pxname'),
      svname: cell('svname'),
      type,
      status: cell('status'),
      scur: int('scur'),
      slim: cell('slim') === '' ? null : int('slim'),
      stot: int('stot'),
      bin: int('bin'),
      bout: int('bout'),
      ereq: int('ereq'),
      weight: int('weight'),
      checkStatus: cell('check_status'),
    });
  }
  return rows;
}
