// WSME builds its messages with Python's `%s`, so values inside them are rendered the way Python's
// str()/repr() would render the json.loads() result: None/True/False, single-quoted strings, lists and
// dicts with `, ` separators. JSON numbers that are integral are rendered as Python ints; schema-typed
// floats (after coercion) are rendered with `asFloat` (`1` → `1.0`).

/** Python `str(value)` of a JSON value; `asFloat` renders numbers as Python floats. */
export function pyStr(value: unknown, asFloat = false): string {
  if (typeof value === 'string') return value;
  return pyRepr(value, asFloat);
}

/** Python `repr(value)` of a JSON value. */
export function pyRepr(value: unknown, asFloat = false): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return asFloat ? pyFloat(value) : pyNumber(value);
  if (typeof value === 'string') return pyQuote(value);
  if (Array.isArray(value)) return `[${value.map((v) => pyRepr(v, asFloat)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${pyQuote(k)}: ${pyRepr(v, asFloat)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(value);
}

/** Python's name for the type of a JSON value (as used in TypeError texts). */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return 'dict';
}

function pyNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return pyFloat(n);
}

/** Python float repr: shortest round-trip digits, exponent form below 1e-4 and from 1e16 up. */
function pyFloat(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e16)) {
    const [mantissa = '', exponent = '0'] = n.toExponential().split('e');
    const sign = exponent.startsWith('-') ? '-' : '+';
    const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
    return `${mantissa}e${sign}${digits}`;
  }
  const text = String(n);
  return Number.isInteger(n) ? `${text}.0` : text;
}

/** Python str repr: single quotes unless the text has `'` but no `"`; escapes non-printables. */
function pyQuote(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + quote;
}
