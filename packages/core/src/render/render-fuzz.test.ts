import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { BENIGN, fuzzCases, fuzzScenario, haproxyWords, type FuzzField } from './render-fuzz-fixtures.js';
import { renderHaproxyConfig } from './render-haproxy-config.js';

// Property: a hostile value either makes the renderer throw DomainError('invalid') or leaves the config
// with exactly the shape of the benign rendering (same lines, same keyword and word count per line), and
// the value reads back intact from its word. Seeded and bounded, so failures reproduce.

const SEED = 0x1bac5;
const CASES = 960;

function shape(cfg: string): string[] {
  return cfg.split('\n').map((line) => {
    const words = haproxyWords(line);
    return `${words[0] ?? ''}/${words.length}`;
  });
}

const baseline = new Map<FuzzField, string>();
for (const field of Object.keys(BENIGN) as FuzzField[]) {
  const { state, env } = fuzzScenario(field, BENIGN[field]);
  baseline.set(field, renderHaproxyConfig(state, env));
}

const headerOff = ((): string => {
  const { state, env } = fuzzScenario('header_value', 'false');
  return renderHaproxyConfig(state, env);
})();

/** Where the fuzzed value shows up, to check it decodes back unchanged. */
function readBack(field: FuzzField, cfg: string): string | undefined {
  const lines = cfg.split('\n').map(haproxyWords);
  switch (field) {
    case 'url_path': {
      const send = lines.find((w) => w[0] === 'http-check' && w[1] === 'send') ?? [];
      return send[send.indexOf('uri') + 1];
    }
    case 'runDir': {
      const sock = lines.find((w) => w[0] === 'stats' && w[1] === 'socket') ?? [];
      return sock[2]?.replace(/\/haproxy\.sock$/, '');
    }
    case 'l7_value':
      return lines.find((w) => w[0] === 'acl')?.at(-1);
    case 'l7_key':
      return lines.find((w) => w[0] === 'acl')?.[2]?.replace(/^req\.hdr\((.*)\)$/s, '$1');
    case 'redirect_url':
      // A log-format string: `%%` is one literal `%`.
      return lines.find((w) => w[0] === 'http-request')?.[3]?.replace(/%%/g, '%');
    default:
      return undefined;
  }
}

test('fuzzed values are rejected or keep the config shape', () => {
  let accepted = 0;
  for (const c of fuzzCases(SEED, CASES)) {
    let cfg: string;
    try {
      cfg = renderHaproxyConfig(c.state, c.env);
    } catch (err) {
      assert.ok(
        err instanceof DomainError,
        `non-domain error for ${JSON.stringify(c.value)}: ${String(err)}`,
      );
      assert.equal(err.kind, 'invalid');
      continue;
    }
    accepted++;
    // Octavia reads any header value other than "true" (any case) as false: compare with that rendering.
    const offHeader = c.field === 'header_value' && c.value.toLowerCase() !== 'true';
    const expected = offHeader ? headerOff : (baseline.get(c.field) ?? '');
    assert.deepEqual(shape(cfg), shape(expected), `${c.field}=${JSON.stringify(c.value)}\n${cfg}`);
    const back = readBack(c.field, cfg);
    const sent = c.field === 'runDir' ? c.value.replace(/\/+$/, '') : c.value;
    if (back !== undefined) assert.equal(back, sent, `${c.field} reads back`);
  }
  // The property is vacuous if everything is rejected: quoted fields must let odd-but-safe values through.
  assert.ok(accepted > CASES / 10, `only ${accepted} of ${CASES} cases accepted`);
});

test('line breaks, NUL and # never pass unquoted', () => {
  for (const bad of ['/a\nb', '/a\rb', '/a\0b', '/a\u0085b']) {
    const { state, env } = fuzzScenario('url_path', bad);
    assert.throws(() => renderHaproxyConfig(state, env), DomainError);
  }
  const { state, env } = fuzzScenario('url_path', '/a#b');
  assert.match(renderHaproxyConfig(state, env), /uri "\/a#b"/);
});

test('the tokenizer model agrees with HAProxy quoting rules', () => {
  assert.deepEqual(haproxyWords('    a "b c\\"\\$" \'d\\e\' f#g # h'), ['a', 'b c"$', 'd\\e', 'f']);
});
