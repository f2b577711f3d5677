import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { withTestDatabase } from '@/test/support/database';
import { runInProcesses } from '@/test/support/processes';
import type { Db } from './client';
import { holdLease, leaseExpiry, leaseHolder, releaseLease } from './leases';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const t0 = Date.UTC(2026, 11, 5, 12);

it('is held by one holder until it expires, renewed by its holder, then taken over', () => {
  expect(holdLease('scheduler', 'a', t0, 1_500, db)).toBe(true);
  expect(holdLease('scheduler', 'b', t0 + 100, 1_500, db)).toBe(false);
  // Renewed at each tick: b never gets it while a keeps ticking.
  expect(holdLease('scheduler', 'a', t0 + 1_000, 1_500, db)).toBe(true);
  expect(holdLease('scheduler', 'b', t0 + 2_000, 1_500, db)).toBe(false);
  expect(leaseHolder('scheduler', t0 + 2_000, db)).toBe('a');
  // a stopped renewing (it died): once the lease has lapsed, b takes it, and a cannot take it back.
  expect(holdLease('scheduler', 'b', t0 + 2_500, 1_500, db)).toBe(true);
  expect(holdLease('scheduler', 'a', t0 + 2_600, 1_500, db)).toBe(false);
  expect(leaseHolder('scheduler', t0 + 2_600, db)).toBe('b');
  // When the others may try again.
  expect(leaseExpiry('scheduler', db)).toBe(t0 + 2_500 + 1_500);
  expect(leaseExpiry('nothing', db)).toBeNull();
});

it('is free at once when its holder gives it up, and only its holder can', () => {
  expect(holdLease('scheduler', 'a', t0, 60_000, db)).toBe(true);
  releaseLease('scheduler', 'b', db);
  expect(holdLease('scheduler', 'b', t0 + 1, 60_000, db)).toBe(false);
  releaseLease('scheduler', 'a', db);
  expect(holdLease('scheduler', 'b', t0 + 2, 60_000, db)).toBe(true);
});

it('goes to exactly one of several processes asking at the same moment', async () => {
  const file = db.$client.name;
  const results = await runInProcesses<{ held: boolean }>(['one', 'two', 'three'].map((holder) => ({ kind: 'lease', file: path.resolve(file), holder })));
  expect(results.filter((result) => result.held)).toHaveLength(1);
}, 30_000);
