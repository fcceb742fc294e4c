import { WIDE_EASTASIAN, ZERO_WIDTH, ZERO_WIDTH_CF } from './wcwidth-table.js';

function inRanges(cp: number, ranges: readonly number[]): boolean {
  let lo = 0;
  let hi = ranges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < ranges[mid * 2]!) hi = mid - 1;
    else if (cp > ranges[mid * 2 + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** wcwidth.wcwidth of one code point: -1 for C0/C1 controls, 0 zero-width, 2 wide, else 1. */
export function wcwidth(cp: number): number {
  if (ZERO_WIDTH_CF.has(cp)) return 0;
  if (cp < 32 || (cp >= 0x7f && cp < 0xa0)) return -1;
  if (inRanges(cp, ZERO_WIDTH)) return 0;
  return inRanges(cp, WIDE_EASTASIAN) ? 2 : 1;
}

/** wcwidth.wcswidth: the terminal width of `text`, or -1 if it holds a non-printable character. */
export function wcswidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const w = wcwidth(ch.codePointAt(0)!);
    if (w < 0) return -1;
    width += w;
  }
  return width;
}
