import { describe, expect, it, vi } from 'vitest';
import { openDatabase, type Db } from '@/db/client';
import { leaseExpiry } from '@/db/leases';
import { withPurgeFixtures } from '@/test/support/purge-fixtures';
import { cloudflarePurger, PurgeQueue, varnishPurger, type Purger } from './purge';
import { DEFAULT_TRENDING_PURGE_MIN_S, TRENDING_PURGE_LEASE, TrendingPurge, trendingPurgeMinMs } from './trending-purge';

// Outside a request Next's `after` throws, and the purge is queued at once (as a script's would be).
const { queues, api, db, file } = withPurgeFixtures('news-trending-purge-');

const MINUTE = 60_000;
const t0 = Date.UTC(2026, 11, 5, 20);

/** One process's trending purge at a fake Varnish, with its own clock, on `database` (this test's file by default). */
function processWith(clock: { now: number }, { database = db(), purgers = [varnishPurger(api().url)] }: { database?: Db; purgers?: Purger[] } = {}) {
  // With repeats on, as PURGE_REPEAT_MS is by default: the trending purge is not repeated.
  const queue = new PurgeQueue(purgers, { db: () => database, repeatAfterMs: 20, coalesceMs: 0, log: () => {} });
  queues.push(queue);
  return { queue, purge: new TrendingPurge({ minIntervalMs: 5 * MINUTE, queue: () => queue, db: () => database, now: () => clock.now }) };
}
const softPurges = () => api().requests.map((request) => [request.method, request.headers['xkey-softpurge'], request.headers['xkey-purge']]);

describe('the trending purge', () => {
  it('soft-purges `trending` when the ranking changes, and not again until it changes after the interval', async () => {
    const clock = { now: t0 };
    const { queue, purge } = processWith(clock);
    expect(purge.consider(null)).toBe(false);
    expect(purge.consider('4,8,15')).toBe(true);
    await queue.idle();
    expect(softPurges()).toEqual([['PURGE', 'trending', undefined]]);
    // The same ranking reported again (a write of view counts that moved nothing): no purge.
    clock.now += 10 * MINUTE;
    expect(purge.consider('4,8,15')).toBe(false);
    // Changed, long after the last purge: purged.
    expect(purge.consider('8,4,15')).toBe(true);
    await queue.idle();
    // Changed again within the interval of that purge: not until it has passed.
    clock.now += MINUTE;
    expect(purge.consider('8,15,4')).toBe(false);
    clock.now += 4 * MINUTE - 1;
    expect(purge.consider('8,15,4')).toBe(false);
    clock.now += 1;
    expect(purge.consider('8,15,4')).toBe(true);
    await queue.idle();
    expect(softPurges()).toEqual([
      ['PURGE', 'trending', undefined],
      ['PURGE', 'trending', undefined],
      ['PURGE', 'trending', undefined],
    ]);
  });

  it('is done by one process of several sharing the database, and the interval holds across a restart', async () => {
    const clock = { now: t0 };
    const second = openDatabase(file());
    try {
      const a = processWith(clock);
      const b = processWith(clock, { database: second });
      expect(a.purge.consider('1,2,3')).toBe(true);
      // The other worker saw the same change: already purged.
      expect(b.purge.consider('1,2,3')).toBe(false);
      clock.now += MINUTE;
      expect(b.purge.consider('2,1,3')).toBe(false);
      // A restarted process (nothing in memory) within the interval: still no.
      const restarted = processWith(clock, { database: second });
      expect(restarted.purge.consider('2,3,1')).toBe(false);
      await a.queue.idle();
      expect(api().requests).toHaveLength(1);
      expect(leaseExpiry(TRENDING_PURGE_LEASE, db())).toBe(t0 + 5 * MINUTE);
      clock.now = t0 + 5 * MINUTE;
      expect(restarted.purge.consider('2,3,1')).toBe(true);
      expect(b.purge.consider('2,3,1')).toBe(false);
      await restarted.queue.idle();
      expect(api().requests).toHaveLength(2);
    } finally {
      for (const queue of queues.splice(0)) await queue.stop();
      second.$client.close();
    }
  });

  it('costs no statement while the ranking is the one purged last or the interval has not passed', () => {
    const clock = { now: t0 };
    const { purge } = processWith(clock);
    expect(purge.consider('1,2')).toBe(true);
    const prepare = vi.spyOn(db().$client, 'prepare');
    for (let i = 0; i < 100; i++) purge.consider(i % 2 ? '1,2' : '2,1');
    expect(prepare).not.toHaveBeenCalled();
    prepare.mockRestore();
  });

  it('purges plainly at Cloudflare, which has no soft purge by tag', async () => {
    api().answerWith({ status: 200, body: { success: true } });
    const clock = { now: t0 };
    const { queue, purge } = processWith(clock, { purgers: [cloudflarePurger({ zoneId: 'zone', token: 't', apiUrl: api().url })] });
    expect(cloudflarePurger({ zoneId: 'zone', token: 't', apiUrl: api().url }).softPurges).toBe(false);
    expect(purge.consider('1,2')).toBe(true);
    await queue.idle();
    expect(api().requests.map((request) => request.body)).toEqual(['{"tags":["trending"]}']);
  });

  it('does nothing without purgers, or when switched off', () => {
    const clock = { now: t0 };
    const none = new PurgeQueue([], { db });
    expect(new TrendingPurge({ minIntervalMs: MINUTE, queue: () => none, db, now: () => clock.now }).consider('1,2')).toBe(false);
    const { queue } = processWith(clock);
    expect(new TrendingPurge({ minIntervalMs: null, queue: () => queue, db, now: () => clock.now }).consider('1,2')).toBe(false);
    expect(leaseExpiry(TRENDING_PURGE_LEASE, db())).toBeNull();
  });

  it('reads TRENDING_PURGE_MIN_S: 300 s unless set, 0 or off for never, refused otherwise', () => {
    expect(trendingPurgeMinMs(undefined)).toBe(DEFAULT_TRENDING_PURGE_MIN_S * 1000);
    expect(DEFAULT_TRENDING_PURGE_MIN_S).toBe(300);
    expect(trendingPurgeMinMs('2')).toBe(2_000);
    expect(trendingPurgeMinMs('0')).toBeNull();
    expect(trendingPurgeMinMs('OFF')).toBeNull();
    for (const bad of ['-1', '1.5', '5m', '100000']) expect(() => trendingPurgeMinMs(bad)).toThrow('TRENDING_PURGE_MIN_S must be');
  });
});
