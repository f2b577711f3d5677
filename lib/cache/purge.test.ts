import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { claimDuePurges, listQueuedPurges, queuePurges } from '@/db/purge-outbox';
import type { FakePurgeApi } from '@/test/support/fake-purge-api';
import { withPurgeFixtures } from '@/test/support/purge-fixtures';
import { batches, cloudflarePurger, DEFAULT_PURGE_REPEAT_MS, fastlyPurger, purgeKeysOf, PurgeQueue, purgeRepeatMs, purgersFromEnv, varnishPurger, type Purger, type PurgeQueueOptions } from './purge';

const fixtures = withPurgeFixtures('news-purge-test-');
const { queues } = fixtures;
let api: FakePurgeApi;
let db: Db;
beforeEach(() => {
  api = fixtures.api();
  db = fixtures.db();
});

/** A queue on this test's database (the outbox), stopped after the test. */
const queueOn = (purgers: readonly Purger[], options: PurgeQueueOptions = {}, database: Db = db) => {
  const queue = new PurgeQueue(purgers, { db: () => database, ...options });
  queues.push(queue);
  return queue;
};
const quietQueue = (purgers: Purger[], log: string[] = []) => queueOn(purgers, { firstDelayMs: 5, maxDelayMs: 20, attempts: 3, coalesceMs: 0, log: (line) => log.push(line) });

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
    // add() is synchronous: it hands back before any request has gone out, let alone failed.
    expect(queue.add(['home'])).toBeUndefined();
    expect(log).toEqual([]);
    await queue.idle();
    expect(log.at(-1)).toMatch(/^Purge at Varnish http:\/\/127\.0\.0\.1:9\/ failed 3 times, given up: fetch failed\. Keys: home$/);
  });

  it('purges every key a second time after PURGE_REPEAT_MS, for origins that learn of a change later', async () => {
    const queue = queueOn([fastlyPurger({ serviceId: 's', token: 't', apiUrl: api.url })], { repeatAfterMs: 50, coalesceMs: 0, log: () => {} });
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

const until = async (condition: () => boolean, ms = 5_000) => {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};
const fastlyAt = (url: string) => fastlyPurger({ serviceId: 's', token: 't', apiUrl: url });
const keysSent = (from = 0) => api.requests.slice(from).map((request) => (JSON.parse(request.body) as { surrogate_keys: string[] }).surrogate_keys);

describe('the outbox', () => {
  it('keeps a purge its purger refused when the process stops, and the next process sends it as it starts', async () => {
    api.answerWith({ status: 503, body: { msg: 'down' } });
    const log: string[] = [];
    // The next try would be a minute away: only the restart sends it sooner.
    const first = queueOn([fastlyAt(api.url)], { firstDelayMs: 60_000, log: (line) => log.push(line) }).start({ pollMs: 20 });
    first.add(['home', 'article:7']);
    await until(() => listQueuedPurges(db).every((row) => row.attempts === 1));
    await first.stop();
    expect(api.requests).toHaveLength(1);
    expect(log).toEqual([expect.stringMatching(/^Purge at Fastly service s failed \(attempt 1 of 10\): Fastly service s answered 503.*; trying again in 60000 ms\.$/)]);
    expect(listQueuedPurges(db).map((row) => [row.key, row.attempts])).toEqual([
      ['article:7', 1],
      ['home', 1],
    ]);

    api.answerWith({ status: 200 });
    const restarted = openDatabase(fixtures.file());
    try {
      const second = queueOn([fastlyAt(api.url)], { log: (line) => log.push(line) }, restarted).start({ pollMs: 20 });
      await second.idle();
      expect(keysSent(1)).toEqual([['article:7', 'home']]);
      expect(log.at(-1)).toBe('Purge at Fastly service s went through on attempt 2 (2 keys).');
      expect(listQueuedPurges(db)).toEqual([]);
    } finally {
      for (const queue of queues.splice(0)) await queue.stop();
      restarted.$client.close();
    }
  });

  it('sends the keys a process claimed and never confirmed (it crashed mid-request) once its claim runs out', async () => {
    // A process queued it and claimed it for 200 ms, then died (nothing gives the claim back).
    const now = Date.now();
    queuePurges({ purgers: ['Fastly service s'], keys: ['home'], soft: false, dueAt: now, repeatAt: null, now, maxRows: 100 }, db);
    expect(claimDuePurges({ purger: 'Fastly service s', now, leaseMs: 200, limit: 10, token: 'dead-process-1' }, db)).toEqual([{ key: 'home', soft: false, attempts: 0 }]);
    const next = queueOn([fastlyAt(api.url)], { coalesceMs: 0 }).start({ pollMs: 20 });
    const started = performance.now();
    await next.idle();
    expect(keysSent()).toEqual([['home']]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(100);
  });

  it('keeps one row per purger and key: a key asked for again while it waits goes once, hard when either asked so', async () => {
    const queue = queueOn([varnishPurger(api.url)], { holdMs: 60_000 });
    queue.add(['trending'], { soft: true, held: true });
    queue.add(['trending', 'home'], { held: true });
    queue.add(['home'], { soft: true, held: true });
    expect(listQueuedPurges(db).map((row) => [row.key, row.soft])).toEqual([
      ['home', false],
      ['trending', false],
    ]);
    queue.release(['home', 'trending']);
    await queue.idle();
    expect(api.requests.map((request) => [request.headers['xkey-purge'], request.headers['xkey-softpurge']])).toEqual([['home trending', undefined]]);
  });

  it('sends soft purges softly where the purger can, in a request of their own', async () => {
    const queue = queueOn([varnishPurger(api.url)]);
    queue.add(['trending'], { soft: true });
    queue.add(['article:3']);
    await queue.idle();
    // Sent side by side: in either order.
    const sent = api.requests.map((request) => [request.headers['xkey-purge'], request.headers['xkey-softpurge']]);
    expect(sent).toHaveLength(2);
    expect(sent).toEqual(expect.arrayContaining([['article:3', undefined], [undefined, 'trending']]));
  });

  it('is bounded: beyond PURGE_OUTBOX_MAX rows the oldest are dropped, with a line in the log', () => {
    const log: string[] = [];
    let now = 1_000;
    const queue = queueOn([fastlyAt(api.url)], { maxRows: 3, holdMs: 60_000, now: () => now++, log: (line) => log.push(line) });
    for (const key of ['a', 'b', 'c', 'd', 'e']) queue.add([key], { held: true });
    expect(listQueuedPurges(db).map((row) => row.key)).toEqual(['c', 'd', 'e']);
    expect(log).toEqual([
      'Purge outbox full (3 rows): the 1 oldest waiting purges were dropped; their pages stay in the caches in front until their TTL.',
      'Purge outbox full (3 rows): the 1 oldest waiting purges were dropped; their pages stay in the caches in front until their TTL.',
    ]);
  });

  it('holds a purge made during a request until its response is gone (release), or until the hold runs out', async () => {
    const queue = queueOn([fastlyAt(api.url)], { holdMs: 300, coalesceMs: 0 });
    queue.add(['home'], { held: true });
    queue.add(['article:1'], { held: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(api.requests).toHaveLength(0);
    queue.release(['home']);
    await until(() => api.requests.length === 1);
    expect(keysSent()).toEqual([['home']]);
    // Never released (the process lost the request): sent when the hold runs out.
    await queue.idle();
    expect(keysSent()).toEqual([['home'], ['article:1']]);
  });

  it('purges each key once however many processes send from the outbox', async () => {
    const second = openDatabase(fixtures.file());
    try {
      const a = queueOn([fastlyAt(api.url)], {}).start({ pollMs: 10 });
      const b = queueOn([fastlyAt(api.url)], {}, second).start({ pollMs: 10 });
      for (let i = 0; i < 20; i++) (i % 2 ? a : b).add([`article:${i}`]);
      await a.idle();
      await b.idle();
      expect(keysSent().flat().sort()).toEqual(Array.from({ length: 20 }, (_, i) => `article:${i}`).sort());
    } finally {
      for (const queue of queues.splice(0)) await queue.stop();
      second.$client.close();
    }
  });

  it('purges again after PURGE_REPEAT_MS, counted from the purge that went through, with repeats due together in one request', async () => {
    const queue = queueOn([fastlyAt(api.url)], { repeatAfterMs: 1_000, coalesceMs: 400 });
    queue.add(['home', 'article:1']);
    await until(() => api.requests.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    queue.add(['article:2']);
    await queue.idle();
    expect(keysSent()).toEqual([['article:1', 'home'], ['article:2'], ['article:1', 'article:2', 'home']]);
  });

  it('purges once what is asked not to be repeated (the trending purge)', async () => {
    const queue = queueOn([fastlyAt(api.url)], { repeatAfterMs: 50, coalesceMs: 0 });
    queue.add(['trending'], { repeat: false });
    await queue.idle();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(keysSent()).toEqual([['trending']]);
  });

  it('reads PURGE_REPEAT_MS: 2,000 ms unless set, 0 for never, refused when not a number of milliseconds', () => {
    expect(purgeRepeatMs(undefined)).toBe(DEFAULT_PURGE_REPEAT_MS);
    expect(DEFAULT_PURGE_REPEAT_MS).toBe(2_000);
    expect(purgeRepeatMs(' 0 ')).toBe(0);
    expect(purgeRepeatMs('1500')).toBe(1_500);
    expect(() => purgeRepeatMs('2s')).toThrow('PURGE_REPEAT_MS must be');
    expect(() => purgeRepeatMs('600000')).toThrow('PURGE_REPEAT_MS must be');
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
