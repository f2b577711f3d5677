import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakePurgeApi, type FakePurgeApi } from '@/test/support/fake-purge-api';
import { batches, cloudflarePurger, fastlyPurger, purgeKeysOf, PurgeQueue, purgersFromEnv, varnishPurger, type Purger } from './purge';

let api: FakePurgeApi;
beforeEach(async () => {
  api = await startFakePurgeApi();
});
afterEach(async () => {
  await api.stop();
});

const quietQueue = (purgers: Purger[], log: string[] = []) => new PurgeQueue(purgers, { firstDelayMs: 5, maxDelayMs: 20, attempts: 3, log: (line) => log.push(line) });

describe('the Fastly adapter', () => {
  it('sends one batch purge per 256 keys: POST /service/{id}/purge, the keys as JSON, the token in Fastly-Key', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `article:${i}`).sort();
    const queue = quietQueue([fastlyPurger({ serviceId: 'SU1Z0isxPaozGVKXdv0eY', token: 'fastly-test-token', apiUrl: api.url })]);
    queue.add(keys);
    await queue.idle();
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/service/SU1Z0isxPaozGVKXdv0eY/purge');
      expect(request.headers['fastly-key']).toBe('fastly-test-token');
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['fastly-soft-purge']).toBeUndefined();
    }
    const sent = api.requests.map((request) => (JSON.parse(request.body) as { surrogate_keys: string[] }).surrogate_keys);
    expect(sent.map((run) => run.length)).toEqual([256, 44]);
    expect(sent.flat()).toEqual(keys);
    expect(Object.keys(JSON.parse(api.requests[0]!.body) as object)).toEqual(['surrogate_keys']);
  });

  it('asks for a soft purge with Fastly-Soft-Purge: 1 when configured so', async () => {
    const queue = quietQueue(purgersFromEnv({ FASTLY_SERVICE_ID: 'svc', FASTLY_API_TOKEN: 'tok', FASTLY_SOFT_PURGE: '1', FASTLY_API_URL: api.url }));
    queue.add(['home']);
    await queue.idle();
    expect(api.requests.map((request) => [request.path, request.headers['fastly-soft-purge'], request.body])).toEqual([['/service/svc/purge', '1', '{"surrogate_keys":["home"]}']]);
  });
});

describe('the Cloudflare adapter', () => {
  it('sends POST /zones/{zone}/purge_cache with {"tags": [...]}, at most 100 a request, under a bearer token', async () => {
    api.answerWith({ status: 200, body: { success: true, errors: [], messages: [], result: { id: 'x' } } });
    const keys = Array.from({ length: 150 }, (_, i) => `tag:topic-${String(i).padStart(3, '0')}`);
    const queue = quietQueue([cloudflarePurger({ zoneId: '023e105f4ecef8ad9ca31a8372d0c353', token: 'cf-test-token', apiUrl: `${api.url}/client/v4` })]);
    queue.add(keys);
    await queue.idle();
    expect(api.requests).toHaveLength(2);
    for (const request of api.requests) {
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache');
      expect(request.headers.authorization).toBe('Bearer cf-test-token');
      expect(request.headers['content-type']).toBe('application/json');
    }
    const sent = api.requests.map((request) => (JSON.parse(request.body) as { tags: string[] }).tags);
    expect(sent.map((run) => run.length)).toEqual([100, 50]);
    expect(sent.flat()).toEqual(keys);
  });

  it('takes a 200 without "success": true as a failure, and tries again', async () => {
    api.answerWith({ status: 200, body: { success: false, errors: [{ code: 1134, message: 'Cache purge rate limited' }] } }, { status: 200, body: { success: true } });
    const log: string[] = [];
    const queue = quietQueue([cloudflarePurger({ zoneId: 'zone', token: 't', apiUrl: api.url })], log);
    queue.add(['home']);
    await queue.idle();
    expect(api.requests).toHaveLength(2);
    expect(log).toEqual([
      expect.stringMatching(/^Purge at Cloudflare zone zone failed \(attempt 1 of 3\): Cloudflare zone zone did not confirm the purge; trying again in 5 ms\.$/),
      'Purge at Cloudflare zone zone went through on attempt 2 (1 keys).',
    ]);
  });
});

describe('the Varnish adapter', () => {
  it('sends PURGE / with the keys in xkey-purge (xkey-softpurge when soft), one request per 6,000 bytes of keys', async () => {
    const keys = Array.from({ length: 700 }, (_, i) => `article:${1000 + i}`);
    const queue = quietQueue([varnishPurger(`${api.url}/ignored/path`), varnishPurger(api.url, { soft: true })]);
    queue.add(keys);
    await queue.idle();
    const hard = api.requests.filter((request) => request.headers['xkey-purge'] !== undefined);
    const soft = api.requests.filter((request) => request.headers['xkey-softpurge'] !== undefined);
    expect(hard.length).toBe(2);
    expect(soft.length).toBe(2);
    for (const request of api.requests) {
      expect(request.method).toBe('PURGE');
      expect(request.path).toBe('/');
      expect(request.body).toBe('');
    }
    for (const request of hard) expect(String(request.headers['xkey-purge']).length).toBeLessThanOrEqual(6_000);
    expect(hard.flatMap((request) => String(request.headers['xkey-purge']).split(' ')).sort()).toEqual([...keys].sort());
  });
});

describe('the purge queue', () => {
  it('merges the keys of changes made in the same moment into one request per purger, each key once', async () => {
    const queue = quietQueue([fastlyPurger({ serviceId: 's', token: 't', apiUrl: api.url })]);
    queue.add(['home', 'article:1']);
    queue.add(['article:1', 'section:politics']);
    await queue.idle();
    expect(api.requests.map((request) => request.body)).toEqual(['{"surrogate_keys":["article:1","home","section:politics"]}']);
  });

  it('retries a refused purge with growing waits and gives up after the last attempt, with a line in the log each time', async () => {
    api.answerWith({ status: 503, body: { msg: 'down' } });
    const log: string[] = [];
    const queue = quietQueue([fastlyPurger({ serviceId: 's', token: 't', apiUrl: api.url })], log);
    queue.add(['home']);
    await queue.idle();
    expect(api.requests).toHaveLength(3);
    expect(log[0]).toMatch(/^Purge at Fastly service s failed \(attempt 1 of 3\): Fastly service s answered 503: \{"msg":"down"\}; trying again in 5 ms\.$/);
    expect(log[1]).toMatch(/\(attempt 2 of 3\).*trying again in 10 ms\.$/);
    expect(log[2]).toBe('Purge at Fastly service s failed 3 times, given up: Fastly service s answered 503: {"msg":"down"}. Keys: home');
  });

  it('returns at once even when the purger cannot be reached (the editor’s save never waits for it)', async () => {
    const log: string[] = [];
    // Nothing listens on port 9 of loopback (discard): the connection is refused.
    const queue = quietQueue([varnishPurger('http://127.0.0.1:9')], log);
    const started = performance.now();
    queue.add(['home']);
    expect(performance.now() - started).toBeLessThan(5);
    await queue.idle();
    expect(log.at(-1)).toMatch(/^Purge at Varnish http:\/\/127\.0\.0\.1:9\/ failed 3 times, given up: fetch failed\. Keys: home$/);
  });

  it('purges every key a second time after PURGE_REPEAT_MS, for origins that learn of a change later', async () => {
    const queue = new PurgeQueue([fastlyPurger({ serviceId: 's', token: 't', apiUrl: api.url })], { repeatAfterMs: 50, log: () => {} });
    const started = performance.now();
    queue.add(['home']);
    await queue.idle();
    expect(api.requests.map((request) => request.body)).toEqual(['{"surrogate_keys":["home"]}', '{"surrogate_keys":["home"]}']);
    expect(performance.now() - started).toBeGreaterThanOrEqual(50);
  });

  it('sends nothing when no purger is configured', async () => {
    expect(purgersFromEnv({})).toEqual([]);
    expect(() => purgersFromEnv({ FASTLY_SERVICE_ID: 'only-the-id' })).toThrow('FASTLY_SERVICE_ID and FASTLY_API_TOKEN go together');
    expect(purgersFromEnv({ VARNISH_PURGE_URLS: 'http://10.0.0.1:6081, http://10.0.0.2:6081' }).map((purger) => purger.name)).toEqual([
      'Varnish http://10.0.0.1:6081/',
      'Varnish http://10.0.0.2:6081/',
    ]);
  });
});

describe('batches', () => {
  it('keeps each run within the key count and the bytes, in order', () => {
    expect(batches(['aa', 'bb', 'cc', 'dd', 'ee'], 2, 100)).toEqual([['aa', 'bb'], ['cc', 'dd'], ['ee']]);
    // "aa bb" is 5 bytes: a third key would make 8.
    expect(batches(['aa', 'bb', 'cc'], 10, 7)).toEqual([['aa', 'bb'], ['cc']]);
    expect(batches(['a-key-longer-than-the-limit'], 10, 5)).toEqual([['a-key-longer-than-the-limit']]);
  });
});

describe('purgeKeysOf', () => {
  it('adds the key of every answer about an address when an address may have moved', () => {
    expect(purgeKeysOf({ tags: ['article:1', 'home'], forgetRouting: false })).toEqual(['article:1', 'home']);
    expect(purgeKeysOf({ tags: ['article:1', 'home'], forgetRouting: true })).toEqual(['article:1', 'home', 'addresses']);
  });
});
