import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DomainError } from '../errors/domain-error.js';
import { flattenGraph, type GraphListenerInput, type GraphPoolInput } from './flatten-graph.js';

// The example request of spec §4.1.3.
const exampleListeners: GraphListenerInput[] = [
  {
    name: 'http',
    protocol: 'HTTP',
    protocol_port: 80,
    default_pool: {
      name: 'web-pool',
      protocol: 'HTTP',
      lb_algorithm: 'ROUND_ROBIN',
      healthmonitor: { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3, url_path: '/health' },
      members: [
        { address: '192.0.2.10', protocol_port: 8080 },
        { address: '192.0.2.11', protocol_port: 8080 },
      ],
    },
    l7policies: [
      {
        action: 'REDIRECT_TO_POOL',
        redirect_pool: { name: 'api-pool' },
        rules: [{ type: 'PATH', compare_type: 'STARTS_WITH', value: '/api' }],
      },
    ],
  },
  { name: 'tls-pass', protocol: 'HTTPS', protocol_port: 443, default_pool: { name: 'tls-pool' } },
];
const examplePools: GraphPoolInput[] = [
  { name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'LEAST_CONNECTIONS' },
  { name: 'tls-pool', protocol: 'HTTPS', lb_algorithm: 'SOURCE_IP' },
];

function rejects(listeners: GraphListenerInput[], pools: GraphPoolInput[], message: string): void {
  assert.throws(
    () => flattenGraph(listeners, pools),
    (e: unknown) => e instanceof DomainError && e.kind === 'invalid' && e.message === message,
  );
}

describe('flattenGraph', () => {
  it('flattens the spec example: top-level pools first, inline definition hoisted, references by name', () => {
    assert.deepEqual(flattenGraph(exampleListeners, examplePools), {
      pools: [
        {
          name: 'api-pool',
          pool: { name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'LEAST_CONNECTIONS' },
          healthmonitor: undefined,
          members: [],
        },
        {
          name: 'tls-pool',
          pool: { name: 'tls-pool', protocol: 'HTTPS', lb_algorithm: 'SOURCE_IP' },
          healthmonitor: undefined,
          members: [],
        },
        {
          name: 'web-pool',
          pool: { name: 'web-pool', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
          healthmonitor: { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3, url_path: '/health' },
          members: [
            { address: '192.0.2.10', protocol_port: 8080 },
            { address: '192.0.2.11', protocol_port: 8080 },
          ],
        },
      ],
      listeners: [
        {
          listener: { name: 'http', protocol: 'HTTP', protocol_port: 80 },
          defaultPoolName: 'web-pool',
          l7policies: [
            {
              policy: { action: 'REDIRECT_TO_POOL' },
              redirectPoolName: 'api-pool',
              rules: [{ type: 'PATH', compare_type: 'STARTS_WITH', value: '/api' }],
            },
          ],
        },
        {
          listener: { name: 'tls-pass', protocol: 'HTTPS', protocol_port: 443 },
          defaultPoolName: 'tls-pool',
          l7policies: [],
        },
      ],
    });
  });

  it('accepts listeners without pools and an empty request', () => {
    assert.deepEqual(
      flattenGraph([{ name: 'l', protocol: 'TCP', protocol_port: 22, default_pool: null }], []),
      {
        pools: [],
        listeners: [
          {
            listener: { name: 'l', protocol: 'TCP', protocol_port: 22 },
            defaultPoolName: undefined,
            l7policies: [],
          },
        ],
      },
    );
    assert.deepEqual(flattenGraph([], []), { pools: [], listeners: [] });
  });

  it('hoists an inline redirect pool definition', () => {
    const flat = flattenGraph(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          l7policies: [
            {
              action: 'REDIRECT_TO_POOL',
              redirect_pool: { name: 'r', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
            },
          ],
        },
      ],
      [],
    );
    assert.deepEqual(
      flat.pools.map((p) => p.name),
      ['r'],
    );
    assert.equal(flat.listeners[0]?.l7policies[0]?.redirectPoolName, 'r');
  });

  it('treats name plus admin_state_up/tls_enabled as a reference, like Octavia', () => {
    rejects(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: { name: 'p', admin_state_up: true, tls_enabled: false },
        },
      ],
      [],
      "Validation failure: Pool 'p' was referenced but no full definition was found.",
    );
  });

  it('requires referenced pools to be named (rule 1)', () => {
    const message = 'Validation failure: Pools must be named when creating a fully populated loadbalancer.';
    rejects(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: { protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
        },
      ],
      [],
      message,
    );
    rejects([{ protocol: 'HTTP', protocol_port: 80, default_pool: { name: '' } }], [], message);
    rejects(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          l7policies: [{ action: 'REDIRECT_TO_POOL', redirect_pool: {} }],
        },
      ],
      [],
      message,
    );
  });

  it('requires unique pool names across top-level and inline definitions (rule 3)', () => {
    const message =
      'Validation failure: Pool names must be unique when creating a fully populated loadbalancer.';
    rejects([], [examplePools[0] ?? {}, examplePools[0] ?? {}], message);
    rejects(
      [
        {
          protocol: 'HTTP',
          protocol_port: 80,
          default_pool: { name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
        },
      ],
      examplePools,
      message,
    );
    rejects(
      [],
      [
        { protocol: 'HTTP', lb_algorithm: 'ROUND_ROBIN' },
        { protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
      ],
      message,
    );
  });

  it('allows a single unnamed top-level pool', () => {
    const flat = flattenGraph([], [{ protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' }]);
    assert.deepEqual(flat.pools, [
      {
        name: '',
        pool: { protocol: 'TCP', lb_algorithm: 'ROUND_ROBIN' },
        healthmonitor: undefined,
        members: [],
      },
    ]);
  });

  it('requires every reference to resolve (rule 3)', () => {
    rejects(
      exampleListeners,
      [examplePools[0] ?? {}],
      "Validation failure: Pool 'tls-pool' was referenced but no full definition was found.",
    );
  });

  it('requires protocol and lb_algorithm in each definition (rule 4)', () => {
    rejects(
      [],
      [{ name: 'p', lb_algorithm: 'ROUND_ROBIN' }],
      "Validation failure: Pool definition for 'p' missing required attribute: protocol",
    );
    rejects(
      [],
      [{ name: 'p', protocol: 'HTTP' }],
      "Validation failure: Pool definition for 'p' missing required attribute: lb_algorithm",
    );
    rejects(
      [{ protocol: 'HTTP', protocol_port: 80, default_pool: { name: 'inline', description: 'no protocol' } }],
      [],
      "Validation failure: Pool definition for 'inline' missing required attribute: protocol",
    );
  });

  it('checks naming before uniqueness before references before attributes', () => {
    rejects(
      [
        { protocol: 'HTTP', protocol_port: 80, default_pool: { name: 'ghost' } },
        { protocol: 'HTTP', protocol_port: 81, default_pool: {} },
      ],
      [{ name: 'x' }, { name: 'x' }],
      'Validation failure: Pools must be named when creating a fully populated loadbalancer.',
    );
    rejects(
      [{ protocol: 'HTTP', protocol_port: 80, default_pool: { name: 'ghost' } }],
      [{ name: 'x' }, { name: 'x' }],
      'Validation failure: Pool names must be unique when creating a fully populated loadbalancer.',
    );
    rejects(
      [{ protocol: 'HTTP', protocol_port: 80, default_pool: { name: 'ghost' } }],
      [{ name: 'x' }],
      "Validation failure: Pool 'ghost' was referenced but no full definition was found.",
    );
  });
});
