import { pyNumberStr } from './py-number-str.js';

const SHORT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  '"': '\\"',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

function encodeString(text: string): string {
  // ensure_ascii: everything outside ' '..'~' is escaped, astral characters as their UTF-16 surrogates.
  const body = text.replace(
    /[\\"]|[^ -~]/g,
    (ch) => SHORT_ESCAPES[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `"${body}"`;
}

function encode(value: unknown, indent: number | null, level: number): string {
  if (value === null) return 'null';
  if (value === undefined) return '""';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pyNumberStr(value);
  if (typeof value === 'string') return encodeString(value);
  const isList = Array.isArray(value);
  const items = isList
    ? value.map((v: unknown) => encode(v, indent, level + 1))
    : [...(value instanceof Map ? value.entries() : Object.entries(value as object))].map(
        ([k, v]: [unknown, unknown]) => `${encodeString(String(k))}: ${encode(v, indent, level + 1)}`,
      );
  const [open, close] = isList ? ['[', ']'] : ['{', '}'];
  if (items.length === 0) return open + close;
  if (indent === null) return open + items.join(', ') + close;
  const inner = '\n' + ' '.repeat(indent * (level + 1));
  return open + inner + items.join(',' + inner) + '\n' + ' '.repeat(indent * level) + close;
}

/**
 * Python's `json.dumps(value, indent=indent)` (ensure_ascii, default separators) of a JSON value;
 * a `Map` is a dict that keeps its key order. `undefined` counts as `''`.
 */
export function pythonJson(value: unknown, indent: number | null = null): string {
  return encode(value, indent, 0);
}
