import { pyIsBlank } from './py-isspace.js';

const WS = '\\t\\n\\x0b\\x0c\\r ';
const WORD = '[\\p{L}\\p{N}_]';
const LETTER = '(?:(?!\\p{Nd})[\\p{L}\\p{N}_])';
const WORD_PUNCT = '[\\p{L}\\p{N}_!"\'&.,?]';
// textwrap.TextWrapper.wordsep_re (break_on_hyphens=True).
const WORDSEP = new RegExp(
  `([${WS}]+` +
    `|(?<=${WORD_PUNCT})-{2,}(?=${WORD})` +
    `|[^${WS}]+?(?:-(?:(?<=${LETTER}{2}-)|(?<=${LETTER}-${LETTER}-))(?=${LETTER}-?${LETTER})` +
    `|(?=[${WS}]|$)` +
    `|(?<=${WORD_PUNCT})(?=-{2,}${WORD})))`,
  'u',
);

const cpLength = (text: string): number => [...text].length;

function mungeWhitespace(text: string): string {
  let out = '';
  let column = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const n = 8 - (column % 8);
      out += ' '.repeat(n);
      column += n;
    } else {
      out += '\n\r\v\f'.includes(ch) ? ' ' : ch;
      column = ch === '\n' || ch === '\r' ? 0 : column + 1;
    }
  }
  return out;
}

function handleLongWord(reversed: string[], line: string[], lineLength: number, width: number): void {
  const spaceLeft = width - lineLength;
  const chunk = [...reversed[reversed.length - 1]!];
  let end = spaceLeft;
  if (chunk.length > spaceLeft) {
    const hyphen = chunk.lastIndexOf('-', spaceLeft - 1);
    if (hyphen > 0 && chunk.slice(0, hyphen).some((c) => c !== '-')) end = hyphen + 1;
  }
  line.push(chunk.slice(0, end).join(''));
  reversed[reversed.length - 1] = chunk.slice(end).join('');
}

/** Python's `textwrap.fill(text, width)` with the default TextWrapper settings. */
export function textwrapFill(text: string, width: number): string {
  const reversed = mungeWhitespace(text)
    .split(WORDSEP)
    .filter((c) => c)
    .reverse();
  const lines: string[] = [];
  while (reversed.length > 0) {
    const line: string[] = [];
    let lineLength = 0;
    if (pyIsBlank(reversed[reversed.length - 1]!) && lines.length > 0) reversed.pop();
    while (reversed.length > 0) {
      const l = cpLength(reversed[reversed.length - 1]!);
      if (lineLength + l > width) break;
      line.push(reversed.pop()!);
      lineLength += l;
    }
    if (reversed.length > 0 && cpLength(reversed[reversed.length - 1]!) > width) {
      handleLongWord(reversed, line, lineLength, width);
    }
    if (line.length > 0 && pyIsBlank(line[line.length - 1]!)) line.pop();
    if (line.length > 0) lines.push(line.join(''));
  }
  return lines.join('\n');
}
