import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoadBalancerCreateBody } from './load-balancer.schema.js';
import { compileValidator, type ValidationResult } from './validator.js';

const SUBNET_ID = 'd4af86e1-0051-488c-b7a0-527f97490c9a';
const POOL_ID = '9b2d4c5e-8f31-4a8e-b0b4-3f0b9a1c2d3e';
const loadBalancer = compileValidator(LoadBalancerCreateBody);

function message<T>(result: ValidationResult<T>): string {
  assert.equal(result.ok, false, 'expected a validation failure');
  return result.ok ? '' : result.message;
}
function value<T>(result: ValidationResult<T>): T {
  if (!result.ok) assert.fail(`unexpected failure: ${result.message}`);
  return result.value;
}

describe('LoadBalancerCreateBody: fully populated graph', () => {
  const graph = (memberExtra: Record<string, unknown>) => ({
    loadbalancer: {
      name: 'web',
      vip_subnet_id: SUBNET_ID,
      listeners: [
        {
          name: 'http',
          protocol: 'HTTP',
          protocol_port: '80',
          default_pool: {
            name: 'web-pool',
            protocol: 'HTTP',
            lb_algorithm: 'ROUND_ROBIN',
            healthmonitor: { type: 'HTTP', delay: '5', timeout: 3, max_retries: 3, url_path: '/health' },
            members: [{ address: '192.0.2.10', protocol_port: 8080, ...memberExtra }],
          },
          l7policies: [
            {
              action: 'REDIRECT_TO_POOL',
              redirect_pool: { name: 'api-pool' },
              rules: [{ type: 'PATH', compare_type: 'STARTS_WITH', value: '/api' }],
            },
          ],
        },
      ],
      pools: [{ name: 'api-pool', protocol: 'HTTP', lb_algorithm: 'LEAST_CONNECTIONS' }],
    },
  });

  it('accepts the spec example graph and coerces deep inside it', () => {
    const out = value(loadBalancer(graph({})));
    const first = out.loadbalancer.listeners?.[0];
    assert.equal(first?.protocol_port, 80);
    assert.equal(first?.default_pool?.healthmonitor?.delay, 5);
    assert.deepEqual(first?.l7policies?.[0]?.redirect_pool, { name: 'api-pool' });
  });

  it('reports an invalid member deep inside the graph by its attribute name', () => {
    assert.equal(
      message(loadBalancer(graph({ protocol_port: 70000 }))),
      "Invalid input for field/attribute protocol_port. Value: '70000'. Value should be lower or equal to 65535",
    );
    assert.equal(
      message(loadBalancer(graph({ address: 'web-1' }))),
      "Invalid input for field/attribute address. Value: 'web-1'. Value should be IPv4 or IPv6 format",
    );
  });

  it('prefixes unknown attributes with the attribute path', () => {
    assert.equal(
      message(loadBalancer(graph({ pool_id: POOL_ID }))),
      'Unknown attribute for argument load_balancer.loadbalancer.listeners.default_pool.members: pool_id',
    );
  });

  it('rejects project_id on nested objects (only standalone creates accept it)', () => {
    const body = { loadbalancer: { vip_subnet_id: SUBNET_ID, pools: [{ name: 'p', project_id: 'x' }] } };
    assert.equal(
      message(loadBalancer(body)),
      'Unknown attribute for argument load_balancer.loadbalancer.pools: project_id',
    );
  });
});
