import { pyCompareStr } from './py-compare-str.js';
import { pyFloatRepr } from './py-float-repr.js';
import { analyzeScalar, type ScalarAnalysis } from './yaml-scalar-analysis.js';
import { plainIsString } from './yaml-implicit.js';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;
const BREAKS = '\n\x85\u2028\u2029';
const ESCAPES: Record<string, string> = {
  '\0': '0',
  '\x07': 'a',
  '\b': 'b',
  '\t': 't',
  '\n': 'n',
  '\v': 'v',
  '\f': 'f',
  '\r': 'r',
  '\x1b': 'e',
  '"': '"',
  '\\': '\\',
  '\x85': 'N',
  '\xa0': '_',
  '\u2028': 'L',
  '\u2029': 'P',
};

interface Context {
  mapping?: boolean;
  simpleKey?: boolean;
}

interface Scalar {
  chars: string[];
  /** PyYAML's implicit[0]: the plain form reads back with the node's own tag. */
  plainImplicit: boolean;
  analysis: ScalarAnalysis;
}

function scalarOf(value: unknown): Scalar | undefined {
  let text: string;
  let plainImplicit = true;
  if (value === null) text = 'null';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else if (typeof value === 'number') {
    text = Number.isSafeInteger(value) ? String(value) : pyFloatRepr(value).toLowerCase();
    if (!text.includes('.') && text.includes('e')) text = text.replace('e', '.0e');
  } else if (typeof value === 'string' || value === undefined) {
    text = value ?? '';
    plainImplicit = plainIsString(text);
  } else return undefined;
  const chars = [...text];
  return { chars, plainImplicit, analysis: analyzeScalar(chars) };
}

function hex(cp: number, digits: number): string {
  return cp.toString(16).toUpperCase().padStart(digits, '0');
}

/** A port of the parts of PyYAML's Emitter that `safe_dump(default_flow_style=False)` uses on JSON values. */
class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent: number | null = null;
  private readonly indents: (number | null)[] = [];

  private write(data: string): void {
    this.out += data;
    this.column += data.length;
  }

  private increaseIndent(flow: boolean, indentless = false): void {
    this.indents.push(this.indent);
    if (this.indent === null) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    whitespace = false,
    indention = false,
  ): void {
    this.write(this.whitespace || !needWhitespace ? indicator : ` ${indicator}`);
    this.whitespace = whitespace;
    this.indention = this.indention && indention;
  }

  writeIndent(): void {
    const indent = this.indent ?? 0;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.writeLineBreak();
    }
    if (this.column < indent) {
      this.whitespace = true;
      this.write(' '.repeat(indent - this.column));
    }
  }

  private writeLineBreak(data = '\n'): void {
    this.whitespace = true;
    this.indention = true;
    this.out += data;
    this.column = 0;
  }

  private writeBreaks(chars: readonly string[], start: number, end: number): void {
    if (chars[start] === '\n') this.writeLineBreak();
    for (const br of chars.slice(start, end)) this.writeLineBreak(br);
  }

  node(value: unknown, ctx: Context = {}): void {
    const scalar = scalarOf(value);
    if (scalar) {
      this.increaseIndent(true);
      this.scalar(scalar, ctx);
      this.indent = this.indents.pop() ?? null;
    } else if (Array.isArray(value)) this.sequence(value, ctx);
    else this.mapping(value as Record<string, unknown>);
  }

  private sequence(items: readonly unknown[], ctx: Context): void {
    if (items.length === 0) return this.emptyCollection('[', ']');
    this.increaseIndent(false, ctx.mapping === true && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item);
    }
    this.indent = this.indents.pop() ?? null;
  }

  private mapping(map: Record<string, unknown>): void {
    const keys = Object.keys(map).sort(pyCompareStr);
    if (keys.length === 0) return this.emptyCollection('{', '}');
    this.increaseIndent(false);
    for (const key of keys) {
      this.writeIndent();
      const scalar = scalarOf(key)!;
      if (scalar.chars.length < 128 && !scalar.analysis.empty && !scalar.analysis.multiline) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(map[key], { mapping: true });
    }
    this.indent = this.indents.pop() ?? null;
  }

  private emptyCollection(open: string, close: string): void {
    this.writeIndicator(open, true, true);
    this.writeIndicator(close, false);
  }

  private scalar({ chars, plainImplicit, analysis }: Scalar, ctx: Context): void {
    const simpleKey = ctx.simpleKey === true;
    const split = !simpleKey;
    if (plainImplicit && !(simpleKey && (analysis.empty || analysis.multiline)) && analysis.allowBlockPlain) {
      this.writePlain(chars, split);
    } else if (analysis.allowSingleQuoted && !(simpleKey && analysis.multiline)) {
      this.writeSingleQuoted(chars, split);
    } else this.writeDoubleQuoted(chars, split);
  }

  private writePlain(chars: readonly string[], split: boolean): void {
    if (chars.length === 0) return;
    if (!this.whitespace) this.write(' ');
    this.whitespace = false;
    this.indention = false;
    let spaces = false;
    let start = 0;
    // Plain scalars never hold line breaks here (analyze_scalar forbids it), so only spaces fold.
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split) {
            this.writeIndent();
            this.whitespace = false;
            this.indention = false;
          } else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if (ch === undefined || ch === ' ') {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch !== undefined) spaces = ch === ' ';
    }
  }

  private writeSingleQuoted(chars: readonly string[], split: boolean): void {
    this.writeIndicator("'", true);
    let spaces = false;
    let breaks = false;
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      if (spaces) {
        if (ch !== ' ') {
          if (start + 1 === end && this.column > BEST_WIDTH && split && start !== 0 && end !== chars.length) {
            this.writeIndent();
          } else this.write(chars.slice(start, end).join(''));
          start = end;
        }
      } else if (breaks) {
        if (ch === undefined || !BREAKS.includes(ch)) {
          this.writeBreaks(chars, start, end);
          this.writeIndent();
          start = end;
        }
      } else if ((ch === undefined || ` ${BREAKS}'`.includes(ch)) && start < end) {
        this.write(chars.slice(start, end).join(''));
        start = end;
      }
      if (ch === "'") {
        this.write("''");
        start = end + 1;
      }
      if (ch !== undefined) {
        spaces = ch === ' ';
        breaks = BREAKS.includes(ch);
      }
    }
    this.writeIndicator("'", false);
  }

  private writeDoubleQuoted(chars: readonly string[], split: boolean): void {
    this.writeIndicator('"', true);
    let start = 0;
    for (let end = 0; end <= chars.length; end++) {
      const ch = chars[end];
      const cp = ch?.codePointAt(0) ?? 0;
      if (ch === undefined || '"\\\x85\u2028\u2029\ufeff'.includes(ch) || !(cp >= 0x20 && cp <= 0x7e)) {
        if (start < end) {
          this.write(chars.slice(start, end).join(''));
          start = end;
        }
        if (ch !== undefined) {
          const short = ESCAPES[ch];
          if (short !== undefined) this.write(`\\${short}`);
          else if (cp <= 0xff) this.write(`\\x${hex(cp, 2)}`);
          else if (cp <= 0xffff) this.write(`\\u${hex(cp, 4)}`);
          else this.write(`\\U${hex(cp, 8)}`);
          start = end + 1;
        }
      }
      if (
        end > 0 &&
        end < chars.length - 1 &&
        (ch === ' ' || start >= end) &&
        this.column + (end - start) > BEST_WIDTH &&
        split
      ) {
        this.write(`${chars.slice(start, end).join('')}\\`);
        if (start < end) start = end;
        this.writeIndent();
        this.whitespace = false;
        this.indention = false;
        if (chars[start] === ' ') this.write('\\');
      }
    }
    this.writeIndicator('"', false);
  }
}

/** PyYAML's `yaml.safe_dump(value, default_flow_style=False)` of a list or dict of JSON values. */
export function yamlSafeDump(value: unknown): string {
  const emitter = new Emitter();
  emitter.node(value);
  emitter.writeIndent();
  return emitter.out;
}
