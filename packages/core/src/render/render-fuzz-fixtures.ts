// Seeded fuzz cases for the renderer's escaping (used by render-fuzz.test.ts and by the haproxy -c
// integration test); the *fixtures.ts suffix keeps it out of the build.
import type { DesiredState } from '../plan/load-balancer-tree.js';
import { GOLDEN_ENV, desired, listener, member, monitor, policy, pool, rule } from './render-fixtures.js';
import type { HaproxyRenderEnv } from './render-haproxy-config.js';

/** The API- or host-supplied strings that reach haproxy.cfg. */
export type FuzzField =
  | 'url_path'
  | 'domain_name'
  | 'cookie_name'
  | 'header_value'
  | 'runDir'
  | 'l7_value'
  | 'l7_key'
  | 'redirect_url';

/** Values that render cleanly; the fuzzed config must keep the shape of the config built from them. */
export const BENIGN: Readonly<Record<FuzzField, string>> = {
  url_path: '/healthz',
  domain_name: 'app.example.com',
  cookie_name: 'JSESSIONID',
  header_value: 'true',
  runDir: '/run/lbaas/lb-1',
  l7_value: 'v1',
  l7_key: 'X-K',
  redirect_url: 'https://r.example/',
};

/** One fuzzed rendering input. */
export interface FuzzCase {
  field: FuzzField;
  value: string;
  state: DesiredState;
  env: HaproxyRenderEnv;
}

/** mulberry32: tiny seeded PRNG so every run (and every failure) is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces chosen for what HAProxy's tokenizer and line reader treat specially, plus ordinary text. */
const PIECES = [
  'a',
  'Z',
  '0',
  '9',
  '/',
  '.',
  '-',
  '_',
  '?',
  '=',
  '&',
  ':',
  '%',
  '%[src]',
  '+',
  ',',
  '(',
  ')',
  '!',
  ' ',
  '  ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '#',
  '# comment',
  '"',
  "'",
  '\\',
  '\\n',
  '\\"',
  '$',
  '${HOME}',
  '$HOME',
  '{',
  '}',
  ';',
  '|',
  '`',
  '~',
  'é',
  'ß',
  '€',
  '日本',
  '😀',
  '\u2028',
  '\u0085',
  '\u007f',
  '\ud800',
  'backend x',
  '\nserver evil 1.2.3.4:80',
  '\n    http-request deny',
  'app.example.com',
];

/** `prefix` + 1–8 random pieces of PIECES (also used by the API-level fuzz test in test/e2e). */
export function fuzzString(rand: () => number, prefix: string): string {
  const n = 1 + Math.floor(rand() * 8);
  let s = prefix;
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rand() * PIECES.length)] ?? '';
  return s;
}

/** Builds the scenario that carries `value` in `field` (all other values benign). */
export function fuzzScenario(
  field: FuzzField,
  value: string,
): { state: DesiredState; env: HaproxyRenderEnv } {
  const v = (f: FuzzField): string => (f === field ? value : BENIGN[f]);
  const state = desired({
    listeners: [
      listener(1, {
        insert_headers: { 'X-Forwarded-For': v('header_value'), 'X-Real-IP': v('header_value') },
      }),
    ],
    pools: [
      pool(1, {
        session_persistence: {
          type: 'APP_COOKIE',
          cookie_name: v('cookie_name'),
          persistence_timeout: null,
          persistence_granularity: null,
        },
      }),
    ],
    members: [member(1)],
    healthMonitors: [monitor(1, { url_path: v('url_path'), domain_name: v('domain_name') })],
    l7Policies: [policy(1, { action: 'REDIRECT_TO_URL', redirect_url: v('redirect_url') })],
    // EQUAL_TO: the value is a literal; whether a REGEX compiles is the API's check, not the escaping's.
    l7Rules: [
      rule(1, 1, { type: 'HEADER', compare_type: 'EQUAL_TO', key: v('l7_key'), value: v('l7_value') }),
    ],
  });
  return { state, env: { ...GOLDEN_ENV, runDir: v('runDir') } };
}

const FIELDS: readonly FuzzField[] = [
  'url_path',
  'domain_name',
  'cookie_name',
  'header_value',
  'runDir',
  'l7_value',
  'l7_key',
  'redirect_url',
];

/** `count` reproducible cases; url paths and run dirs start with `/` so that many get past validation. */
export function fuzzCases(seed: number, count: number): FuzzCase[] {
  const rand = seededRandom(seed);
  const cases: FuzzCase[] = [];
  for (let i = 0; i < count; i++) {
    const field = FIELDS[i % FIELDS.length] ?? 'url_path';
    const prefix =
      field === 'url_path' || field === 'runDir' ? '/' : field === 'redirect_url' ? 'https://x.example/' : '';
    const value = fuzzString(rand, prefix);
    cases.push({ field, value, ...fuzzScenario(field, value) });
  }
  return cases;
}

/**
 * Splits one config line the way HAProxy's tokenizer does: whitespace separates words, `#` outside quotes
 * starts a comment, `"…"` processes `\` escapes, `'…'` is literal, and `\x` outside quotes escapes x.
 */
export function haproxyWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote === undefined && (c === ' ' || c === '\t')) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (quote === undefined && c === '#') {
      break;
    } else if (c === quote) {
      quote = undefined;
    } else if (quote === undefined && (c === '"' || c === "'")) {
      quote = c;
      word ??= '';
    } else if (c === '\\' && quote !== "'") {
      word = (word ?? '') + line.charAt(i + 1);
      i++;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
