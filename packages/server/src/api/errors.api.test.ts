import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API, activeLb, defaultSubnetId, expectFault, expectStatus, withServer } from './api-fixtures.js';

const MISSING = '77777777-7777-7777-7777-777777777777';

test('malformed JSON: 400 Request is not in valid JSON format', async () => {
  await withServer(async (s) => {
    for (const url of [`${API}/loadbalancers`, `${API}/listeners`, `${API}/pools`, `${API}/healthmonitors`]) {
      const res = await s.request('POST', url, '{"loadbalancer": ');
      expectFault(
        { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> },
        400,
        'Request is not in valid JSON format',
      );
    }
  });
});

test('a body that is not an object, or an unsupported media type', async () => {
  await withServer(async (s) => {
    for (const type of ['text/plain', 'application/xml']) {
      const res = await s.request('POST', `${API}/loadbalancers`, '{"name": "x"}', { 'content-type': type });
      assert.equal(res.statusCode, 415, type);
      assert.deepEqual(JSON.parse(res.body), {
        faultcode: 'Client',
        faultstring: `Unknown mimetype: ${type}`,
        debuginfo: null,
      });
    }
    // WSME also takes JSON under the JavaScript media types.
    for (const type of ['text/javascript', 'application/javascript']) {
      const res = await s.request(
        'POST',
        `${API}/loadbalancers`,
        JSON.stringify({ loadbalancer: { vip_subnet_id: await defaultSubnetId(s) } }),
        {
          'content-type': type,
        },
      );
      assert.equal(res.statusCode, 201, type);
    }
    const bad = await s.request('POST', `${API}/loadbalancers`, '{', { 'content-type': 'text/javascript' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(JSON.parse(bad.body), {
      faultcode: 'Client',
      faultstring: 'Request is not in valid JSON format',
      debuginfo: null,
    });
    const notDict = await s.json('POST', `${API}/loadbalancers`, '"just a string"');
    expectFault(
      notDict,
      400,
      `Invalid input for field/attribute load_balancer. Value: 'just a string'. Value not a valid dict: just a string`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, {
        loadbalancer: { vip_subnet_id: await defaultSubnetId(s) },
        extra: 1,
      }),
      400,
      'Unknown attribute for argument load_balancer: extra',
    );
  });
});

test('unknown attributes: 400 naming the body argument, plural for several', async () => {
  await withServer(async (s) => {
    const subnet = await defaultSubnetId(s);
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: subnet, foo: 1 } }),
      400,
      'Unknown attribute for argument load_balancer.loadbalancer: foo',
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, {
        loadbalancer: { vip_subnet_id: subnet, foo: 1, bar: 2 },
      }),
      400,
      'Unknown attributes for argument load_balancer.loadbalancer: foo, bar',
    );
  });
});

test('missing mandatory attribute: 400 Invalid input … Mandatory field missing.', async () => {
  await withServer(async (s) => {
    const lbId = await activeLb(s);
    expectFault(
      await s.json('POST', `${API}/listeners`, { listener: { loadbalancer_id: lbId, protocol_port: 80 } }),
      400,
      "Invalid input for field/attribute protocol. Value: 'None'. Mandatory field missing.",
    );
    expectFault(
      await s.json('POST', `${API}/healthmonitors`, {
        healthmonitor: { type: 'TCP', delay: 1, timeout: 1, max_retries: 1 },
      }),
      400,
      "Invalid input for field/attribute pool_id. Value: 'None'. Mandatory field missing.",
    );
  });
});

test('invalid values: UUID, enum, range', async () => {
  await withServer(async (s) => {
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: 'not-a-uuid' } }),
      400,
      "Invalid input for field/attribute vip_subnet_id. Value: 'not-a-uuid'. Value should be UUID format",
    );
    const lbId = await activeLb(s);
    const port = await s.json('POST', `${API}/listeners`, {
      listener: { loadbalancer_id: lbId, protocol: 'HTTP', protocol_port: 0 },
    });
    expectFault(
      port,
      400,
      "Invalid input for field/attribute protocol_port. Value: '0'. Value should be greater or equal to 1",
    );
    const proto = await s.json('POST', `${API}/listeners`, {
      listener: { loadbalancer_id: lbId, protocol: 'FTP', protocol_port: 21 },
    });
    assert.equal(proto.status, 400);
    assert.match(
      String(proto.body.faultstring),
      /^Invalid input for field\/attribute protocol\. Value: 'FTP'\. Value should be one of: /,
    );
  });
});

test('unknown ids: 404 <Resource> <id> not found.', async () => {
  await withServer(async (s) => {
    const cases: [string, string][] = [
      [`loadbalancers/${MISSING}`, 'Load Balancer'],
      [`listeners/${MISSING}`, 'Listener'],
      [`pools/${MISSING}`, 'Pool'],
      [`healthmonitors/${MISSING}`, 'Health Monitor'],
    ];
    for (const [path, name] of cases) {
      for (const method of ['GET', 'DELETE']) {
        expectFault(await s.json(method, `${API}/${path}`), 404, `${name} ${MISSING} not found.`);
      }
    }
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${MISSING}`, { loadbalancer: {} }),
      404,
      `Load Balancer ${MISSING} not found.`,
    );
    expectFault(
      await s.json('PUT', `${API}/pools/${MISSING}`, { pool: {} }),
      404,
      `Pool ${MISSING} not found.`,
    );
  });
});

test('VIP errors: missing VIP 400, unknown subnet / network 400', async () => {
  await withServer(async (s) => {
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { name: 'x' } }),
      400,
      'Validation failure: VIP must contain one of: vip_port_id, vip_network_id, vip_subnet_id.',
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_subnet_id: MISSING } }),
      400,
      `Subnet ${MISSING} not found.`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_network_id: MISSING } }),
      400,
      `Network ${MISSING} not found.`,
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers`, { loadbalancer: { vip_port_id: MISSING } }),
      400,
      `Port ${MISSING} not found.`,
    );
  });
});

test('unknown path: 404 fault; wrong method: 405 fault', async () => {
  await withServer(async (s) => {
    expectFault(await s.json('GET', `${API}/bogus`), 404, `The resource could not be found: ${API}/bogus`);
    expectFault(await s.json('GET', '/nothing-here'), 404, 'The resource could not be found: /nothing-here');
    expectFault(
      await s.json('PATCH', `${API}/loadbalancers`),
      405,
      'The method PATCH is not allowed for this resource.',
    );
    expectFault(
      await s.json('DELETE', `${API}/loadbalancers`),
      405,
      'The method DELETE is not allowed for this resource.',
    );
    expectFault(
      await s.json('POST', `${API}/loadbalancers/${MISSING}`, {}),
      405,
      'The method POST is not allowed for this resource.',
    );
    expectFault(
      await s.json('PUT', `${API}/loadbalancers/${MISSING}/status`, {}),
      405,
      'The method PUT is not allowed for this resource.',
    );
  });
});

test('unimplemented areas: 501 Server fault', async () => {
  await withServer(async (s) => {
    const cases: [string, string, string][] = [
      ['PUT', `${API}/loadbalancers/${MISSING}/failover`, 'Load balancer failover'],
      ['GET', '/load-balancer/v2.0/octavia/amphorae', 'The amphora API'],
    ];
    for (const [method, url, what] of cases) {
      expectFault(await s.json(method, url), 501, `${what} is not implemented by this deployment.`);
    }
  });
});

test('Accept: application/xml is 406; JSON-compatible or missing Accept is served', async () => {
  await withServer(async (s) => {
    const res = await s.request('GET', `${API}/loadbalancers`, undefined, { accept: 'application/xml' });
    assert.equal(res.statusCode, 406);
    // Octavia renders this one outside WSME (spec §1.2), so it is not a fault body.
    assert.deepEqual(JSON.parse(res.body), {
      code: 406,
      title: 'Not Acceptable',
      description: 'Only content type application/json is accepted.',
    });
    for (const accept of ['application/json', '*/*', 'text/html,*/*', 'bogus', '']) {
      const ok = await s.request('GET', `${API}/loadbalancers`, undefined, { accept });
      assert.equal(ok.statusCode, 200, accept);
      assert.match(String(ok.headers['content-type']), /^application\/json/);
    }
  });
});

test('every response carries x-openstack-request-id', async () => {
  await withServer(async (s) => {
    const ok = await s.request('GET', `${API}/loadbalancers`);
    assert.match(String(ok.headers['x-openstack-request-id']), /^req-[0-9a-f-]{36}$/);
    const err = await s.request('GET', `${API}/loadbalancers/${MISSING}`);
    assert.match(String(err.headers['x-openstack-request-id']), /^req-[0-9a-f-]{36}$/);
  });
});

test('versions: GET /load-balancer/ lists v2.0…v2.2 with v2.2 CURRENT; version roots answer "v2"', async () => {
  await withServer(async (s) => {
    const body = expectStatus(await s.json('GET', '/load-balancer/'), 200);
    const versions = body.versions as {
      id: string;
      status: string;
      updated: string;
      links: { href: string; rel: string }[];
    }[];
    assert.deepEqual(
      versions.map((v) => [v.id, v.status, v.updated]),
      [
        ['v2.0', 'SUPPORTED', '2016-12-11T00:00:00Z'],
        ['v2.1', 'SUPPORTED', '2018-04-20T00:00:00Z'],
        ['v2.2', 'CURRENT', '2018-07-31T00:00:00Z'],
      ],
    );
    for (const v of versions) {
      assert.equal(v.links.length, 1);
      assert.equal(v.links[0]?.rel, 'self');
      assert.match(v.links[0]?.href ?? '', /^http:\/\/[^/]+\/load-balancer\/v2$/);
    }
    for (const url of [
      '/load-balancer/v2.0',
      '/load-balancer/v2',
      '/load-balancer/v2.0/lbaas',
      '/load-balancer/v2/octavia',
    ]) {
      const res = await s.request('GET', url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.body, '"v2"', url);
      assert.match(String(res.headers['content-type']), /^application\/json/);
    }
  });
});

test('/healthz answers 200', async () => {
  await withServer(async (s) => {
    const res = await s.json('GET', '/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      status: 'ok',
      database: 'sqlite',
      driver: 'noop',
      pending_load_balancers: 0,
    });
  });
});
