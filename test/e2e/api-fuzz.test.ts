// API-level fuzz through the real data plane: hostile strings (line breaks, `#`, quotes, spaces, `%[…]`,
// `${…}`, unicode, NUL, very long) go into every user-supplied string field of a live load balancer
// through the HTTP API of a real `lbaas up`. Each value must either be refused with a 400 fault, or be
// accepted and leave the agent's haproxy.cfg with exactly the shape of the benign config (same lines, same
// keyword and word count per line, value read back intact where it is rendered) while the load balancer
// goes ACTIVE (the agent ran `haproxy -c` and reloaded) and `haproxy -c` passes here too. Seeded and
// bounded, so a failure reproduces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import {
  fuzzString,
  haproxyWords,
  seededRandom,
} from '../../packages/core/src/render/render-fuzz-fixtures.js';
import type { LoadBalancer } from '../support/lbaas-api.js';
import { lbDir } from '../support/lbaas-up-process.js';
import { sharedLbaasUp } from '../support/shared-lbaas-up.js';

const hasHaproxy = spawnSync('haproxy', ['-v'], { encoding: 'utf8' }).status === 0;
if (!hasHaproxy && process.env.CI) {
  throw new Error('CI must run the API fuzz test, but `haproxy` is missing');
}
const skip = hasHaproxy ? false : 'haproxy not installed (apt-get install haproxy)';

const SEED = 0x5eed_a91;
/** Random values per field, on top of the hand-picked ones. */
const RANDOM_PER_FIELD = 8;

/** Values every field gets: what breaks line-based configs, shells and format strings. */
const HAND_PICKED = [
  'a\nb',
  'a\r\nserver evil 192.0.2.1:80',
  '\n    http-request deny',
  'a#b',
  '# comment',
  'two words',
  'say "hi"',
  "it's",
  'back\\slash',
  '%[src]',
  '${HOME}',
  '$(id)',
  'tab\there',
  'nul\0byte',
  'ünïcödé 日本 😀',
  'line\u2028sep',
  '',
  'x'.repeat(256),
];

interface Ids {
  lb: string;
  listener: string;
  pool: string;
  member: string;
  hm: string;
}

/** One fuzzed field: how to set it, its benign value, and (when rendered) how to read it back. */
interface Field {
  name: string;
  benign: string;
  /** Random values start with this (a url_path must start with `/` to get past validation at all). */
  prefix?: string;
  put(ids: Ids, value: string): [path: string, body: unknown];
  /** The value as it reads back from the config's words; undefined when the field is not rendered. */
  readBack?(lines: string[][]): string | undefined;
  /** True when an accepted value legitimately renders like the "off" config (insert_headers). */
  off?(value: string): boolean;
}

const monitorSend = (lines: string[][]): string[] =>
  lines.find((w) => w[0] === 'http-check' && w[1] === 'send') ?? [];

const FIELDS: Field[] = [
  {
    name: 'loadbalancer.name',
    benign: 'lb',
    put: (i, v) => [`/loadbalancers/${i.lb}`, { loadbalancer: { name: v } }],
  },
  {
    name: 'loadbalancer.description',
    benign: 'd',
    put: (i, v) => [`/loadbalancers/${i.lb}`, { loadbalancer: { description: v } }],
  },
  {
    name: 'loadbalancer.tags',
    benign: 't',
    put: (i, v) => [`/loadbalancers/${i.lb}`, { loadbalancer: { tags: [v] } }],
  },
  {
    name: 'listener.name',
    benign: 'l',
    put: (i, v) => [`/listeners/${i.listener}`, { listener: { name: v } }],
  },
  {
    name: 'listener.description',
    benign: 'd',
    put: (i, v) => [`/listeners/${i.listener}`, { listener: { description: v } }],
  },
  {
    name: 'listener.insert_headers value',
    benign: 'true',
    put: (i, v) => [`/listeners/${i.listener}`, { listener: { insert_headers: { 'X-Forwarded-For': v } } }],
    // Octavia reads any value other than "true" (any case) as false.
    off: (v) => v.toLowerCase() !== 'true',
  },
  {
    name: 'pool.name',
    benign: 'p',
    put: (i, v) => [`/pools/${i.pool}`, { pool: { name: v } }],
  },
  {
    name: 'pool.description',
    benign: 'd',
    put: (i, v) => [`/pools/${i.pool}`, { pool: { description: v } }],
  },
  {
    name: 'pool.session_persistence.cookie_name',
    benign: 'JSESSIONID',
    put: (i, v) => [
      `/pools/${i.pool}`,
      { pool: { session_persistence: { type: 'APP_COOKIE', cookie_name: v } } },
    ],
    readBack: (lines) => {
      const store = lines.find((w) => w[0] === 'stick' && w[1] === 'store-response') ?? [];
      return /^res\.cook\((.*)\)$/s.exec(store[2] ?? '')?.[1];
    },
  },
  {
    name: 'member.name',
    benign: 'm',
    put: (i, v) => [`/pools/${i.pool}/members/${i.member}`, { member: { name: v } }],
  },
  {
    name: 'healthmonitor.name',
    benign: 'h',
    put: (i, v) => [`/healthmonitors/${i.hm}`, { healthmonitor: { name: v } }],
  },
  {
    name: 'healthmonitor.url_path',
    benign: '/healthz',
    prefix: '/',
    put: (i, v) => [`/healthmonitors/${i.hm}`, { healthmonitor: { url_path: v } }],
    readBack: (lines) => {
      const send = monitorSend(lines);
      return send[send.indexOf('uri') + 1];
    },
  },
  {
    name: 'healthmonitor.domain_name',
    benign: 'app.example.com',
    put: (i, v) => [`/healthmonitors/${i.hm}`, { healthmonitor: { domain_name: v } }],
    readBack: (lines) => {
      const send = monitorSend(lines);
      return send[send.indexOf('Host') + 1];
    },
  },
  {
    name: 'healthmonitor.expected_codes',
    benign: '200-204',
    put: (i, v) => [`/healthmonitors/${i.hm}`, { healthmonitor: { expected_codes: v } }],
  },
];

/** Per line: first word and word count, as HAProxy's tokenizer sees them. */
function shape(cfg: string): string[] {
  return cfg.split('\n').map((line) => {
    const words = haproxyWords(line);
    return `${words[0] ?? ''}/${words.length}`;
  });
}

const up = sharedLbaasUp(skip);

test(
  'hostile strings in every field: a 400 fault, or an unchanged config shape that haproxy -c accepts',
  { skip, timeout: 600_000 },
  async (t: TestContext) => {
    const { api, stateDir } = up;
    const lb = await api.createLoadBalancer({
      name: 'lb',
      description: 'd',
      tags: ['t'],
      listeners: [
        {
          name: 'l',
          description: 'd',
          protocol: 'HTTP',
          // Nothing needs to connect: the listener only has to bind (a port nobody else on the VIP uses).
          protocol_port: 8080,
          insert_headers: { 'X-Forwarded-For': 'true' },
          default_pool: {
            name: 'p',
            description: 'd',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            session_persistence: { type: 'APP_COOKIE', cookie_name: 'JSESSIONID' },
            members: [{ name: 'm', address: '127.0.0.1', protocol_port: 9 }],
            healthmonitor: {
              name: 'h',
              type: 'HTTP',
              delay: 30,
              timeout: 5,
              max_retries: 3,
              url_path: '/healthz',
              http_version: 1.1,
              domain_name: 'app.example.com',
              expected_codes: '200-204',
            },
          },
        },
      ],
    });
    try {
      const full = lb as LoadBalancer & { listeners: { id: string }[]; pools: { id: string }[] };
      const poolId = full.pools[0]?.id ?? '';
      const pool = (await api.ok('GET', `/pools/${poolId}`)).pool as {
        members: { id: string }[];
        healthmonitor_id: string;
      };
      const ids: Ids = {
        lb: lb.id,
        listener: full.listeners[0]?.id ?? '',
        pool: poolId,
        member: pool.members[0]?.id ?? '',
        hm: pool.healthmonitor_id,
      };
      const cfgPath = join(lbDir(stateDir ?? '', lb.id), 'haproxy.cfg');
      const baseline = shape(readFileSync(cfgPath, 'utf8'));

      // The "off" rendering of insert_headers, for values Octavia reads as false.
      await api.ok('PUT', `/listeners/${ids.listener}`, {
        listener: { insert_headers: { 'X-Forwarded-For': 'false' } },
      });
      await api.waitActive(lb.id);
      const headerOff = shape(readFileSync(cfgPath, 'utf8'));
      assert.notDeepEqual(headerOff, baseline, 'insert_headers false must drop the header line');
      await api.ok('PUT', `/listeners/${ids.listener}`, {
        listener: { insert_headers: { 'X-Forwarded-For': 'true' } },
      });
      await api.waitActive(lb.id);

      const rand = seededRandom(SEED);
      let accepted = 0;
      let rejected = 0;
      for (const field of FIELDS) {
        const values = [...HAND_PICKED];
        for (let i = 0; i < RANDOM_PER_FIELD; i++) values.push(fuzzString(rand, field.prefix ?? ''));
        for (const value of [field.benign, ...values, field.benign]) {
          const what = `${field.name} = ${JSON.stringify(value)}`;
          const [path, body] = field.put(ids, value);
          const res = await api.request('PUT', path, body);
          if (res.status === 400) {
            assert.equal(res.body.faultcode, 'Client', `${what}: ${res.text}`);
            assert.equal(typeof res.body.faultstring, 'string', `${what}: ${res.text}`);
            rejected++;
            continue;
          }
          assert.equal(res.status, 200, `${what}: ${res.status} ${res.text}`);
          accepted++;
          // ERROR here means the renderer or the agent's `haproxy -c`/reload refused the accepted value.
          await api.waitActive(lb.id).catch((err: unknown) => {
            throw new Error(`${what} was accepted (${res.text}) but: ${String(err)}`);
          });
          const cfg = readFileSync(cfgPath, 'utf8');
          const expected = field.off?.(value) ? headerOff : baseline;
          assert.deepEqual(shape(cfg), expected, `${what} changed the config's structure:\n${cfg}`);
          if (field.readBack) {
            assert.equal(field.readBack(cfg.split('\n').map(haproxyWords)), value, `${what} reads back`);
          }
          const check = spawnSync('haproxy', ['-c', '-f', cfgPath], { encoding: 'utf8', timeout: 20_000 });
          assert.equal(check.status, 0, `${what}: haproxy -c:\n${check.stdout}${check.stderr}`);
        }
      }
      t.diagnostic(`${accepted} values accepted and rendered safely, ${rejected} refused with 400`);
      // Vacuous if everything were refused: names and descriptions take any text.
      assert.ok(accepted > FIELDS.length * 4, `only ${accepted} accepted`);
    } finally {
      await api.deleteLoadBalancer(lb.id);
    }
  },
);
