import { pyNumberStr } from './py-number-str.js';

const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
const SHORT_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function hexEscape(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

function strRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote) out += `\\${ch}`;
    else if (SHORT_ESCAPES[ch] !== undefined) out += SHORT_ESCAPES[ch];
    else if (cp < 0x20 || cp === 0x7f) out += hexEscape(cp);
    else if (cp > 0x7f && NON_PRINTABLE.test(ch)) out += hexEscape(cp);
    else out += ch;
  }
  return out + quote;
}

/** Python's `repr()` of a JSON value (`undefined` counts as `''`): `'a'`, `None`, `['a', 1]`, `{'k': True}`. */
export function pyRepr(value: unknown): string {
  if (value === undefined) return "''";
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumberStr(value);
  if (typeof value === 'string') return strRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${strRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return strRepr(String(value));
}
