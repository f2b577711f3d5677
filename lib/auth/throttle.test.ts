import { describe, expect, it } from 'vitest';
import { withTestDatabase } from '@/test/support/database';
import { LoginThrottle, type LockoutReport, type ThrottleResult, type ThrottleStore } from './throttle';
import { DatabaseThrottleStore } from './throttle-store';

const t0 = Date.UTC(2026, 10, 28, 12);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const wait = (result: ThrottleResult) => (result.allowed ? 0 : result.retryAfterSeconds);

function failures(throttle: LoginThrottle, n: number, email = 'jo@example.com', address = '203.0.113.1', at = t0) {
  for (let i = 0; i < n; i++) throttle.recordFailure(email, address, at);
}

// Every behaviour holds whichever store keeps the counts: this process's memory, or the database that
// every worker process shares (ADR 0020; throttle-store.test.ts has two processes count into one).
const database = withTestDatabase();
describe.each([
  ['in memory', (): ThrottleStore | undefined => undefined],
  ['in the database', (): ThrottleStore | undefined => new DatabaseThrottleStore(database())],
])('LoginThrottle (%s)', (_where, store) => {
  const newThrottle = (options: ConstructorParameters<typeof LoginThrottle>[0] = {}) => new LoginThrottle({ ...options, store: store() });
  it('allows five failures freely, then makes each attempt wait 1, 2, 4 … seconds, capped at 30', () => {
    const throttle = newThrottle();
    failures(throttle, 4);
    expect(throttle.check('jo@example.com', '203.0.113.1', t0)).toEqual({ allowed: true });
    let now = t0;
    const waits: number[] = [];
    throttle.recordFailure('jo@example.com', '203.0.113.1', now);
    for (let failure = 5; failure < 12; failure++) {
      const seconds = wait(throttle.check('jo@example.com', '198.51.100.7', now));
      waits.push(seconds);
      expect(wait(throttle.check('jo@example.com', '198.51.100.7', now + seconds * SECOND - 1))).toBe(1);
      now += seconds * SECOND;
      expect(throttle.check('jo@example.com', '198.51.100.7', now)).toEqual({ allowed: true });
      throttle.recordFailure('jo@example.com', '198.51.100.7', now);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30]);
  });

  it('says clearly why and for how long', () => {
    const throttle = newThrottle();
    failures(throttle, 10);
    expect(throttle.check('JO@example.com ', '198.51.100.7', t0)).toEqual({
      allowed: false,
      retryAfterSeconds: 30,
      reason: 'Too many failed sign-ins for this account. Try again in 30 seconds.',
    });
    expect(throttle.check('someone@example.com', '203.0.113.1', t0 + 29 * SECOND)).toMatchObject({
      reason: 'Too many failed sign-ins from your network. Try again in 1 second.',
    });
  });

  it('forgets failures older than 15 minutes', () => {
    const throttle = newThrottle();
    failures(throttle, 5);
    failures(throttle, 1, 'jo@example.com', '203.0.113.1', t0 + 10 * MINUTE);
    expect(wait(throttle.check('jo@example.com', '203.0.113.1', t0 + 10 * MINUTE))).toBe(2);
    // The first five have left the window: one failure in it, nothing to wait for.
    expect(throttle.check('jo@example.com', '203.0.113.1', t0 + 15 * MINUTE)).toEqual({ allowed: true });
  });

  it('pauses sign-in to an account from one address for 15 minutes after 20 failures from it within 15 minutes', () => {
    const throttle = newThrottle();
    failures(throttle, 19);
    expect(wait(throttle.check('jo@example.com', '203.0.113.1', t0 + 31 * SECOND))).toBe(0);
    failures(throttle, 1, 'jo@example.com', '203.0.113.1', t0 + MINUTE);
    const locked = throttle.check('jo@example.com', '203.0.113.1', t0 + 2 * MINUTE);
    expect(locked).toEqual({
      allowed: false,
      retryAfterSeconds: 14 * 60,
      reason: 'Sign-in to this account from your network is paused after too many failed attempts. Try again in 14 minutes.',
    });
    expect(wait(throttle.check('jo@example.com', '203.0.113.1', t0 + 16 * MINUTE - 1))).toBe(1);
    expect(throttle.check('jo@example.com', '203.0.113.1', t0 + 16 * MINUTE)).toEqual({ allowed: true });
  });

  it('never locks the account itself: from another address its owner waits at most the longest delay', () => {
    const throttle = newThrottle();
    // Someone keeps guessing at the admin's password from one address, forever.
    for (let i = 0; i < 240; i++) failures(throttle, 1, 'admin@example.com', '198.51.100.66', t0 + i * 30 * SECOND);
    const now = t0 + 120 * MINUTE;
    expect(throttle.check('admin@example.com', '198.51.100.66', now)).toMatchObject({ allowed: false, reason: expect.stringContaining('paused') });
    // The owner, elsewhere, is slowed by the account's delay (30 s at most), never paused for minutes.
    const owner = throttle.check('admin@example.com', '192.0.2.10', now);
    expect(wait(owner)).toBeLessThanOrEqual(30);
    expect(throttle.check('admin@example.com', '192.0.2.10', now + 30 * SECOND)).toEqual({ allowed: true });
  });

  it('never locks an address either: twenty failures from a shared address (a proxy) leave other accounts at most delayed', () => {
    const throttle = newThrottle();
    for (let i = 0; i < 40; i++) throttle.recordFailure(`user${i}@example.com`, '10.0.0.1', t0 + i * SECOND);
    const now = t0 + 40 * SECOND;
    const colleague = throttle.check('colleague@example.com', '10.0.0.1', now);
    expect(wait(colleague)).toBeLessThanOrEqual(30);
    expect(throttle.check('colleague@example.com', '10.0.0.1', now + 30 * SECOND)).toEqual({ allowed: true });
  });

  it('reports a lockout once, from the failure that caused it', () => {
    const throttle = newThrottle();
    const reports: (LockoutReport | null)[] = [];
    for (let i = 0; i < 25; i++) {
      const at = t0 + i * 40 * SECOND;
      if (!throttle.begin('jo@example.com', '203.0.113.1', at).allowed) continue;
      reports.push(throttle.recordFailure('jo@example.com', '203.0.113.1', at));
    }
    expect(reports).toHaveLength(20);
    expect(reports.slice(0, 19).every((r) => r === null)).toBe(true);
    expect(reports[19]).toEqual({ email: 'jo@example.com', address: '203.0.113.1', until: t0 + 19 * 40 * SECOND + 15 * MINUTE, failures: 20, windowMs: 15 * MINUTE });
  });

  it('a correct password from the pair lifts nothing it should not, and clears the pair count', () => {
    const throttle = newThrottle();
    failures(throttle, 19);
    throttle.recordSuccess('jo@example.com', '203.0.113.1');
    // Had the 19 still counted, one more failure would pause sign-in.
    expect(throttle.recordFailure('jo@example.com', '203.0.113.1', t0)).toBeNull();
    expect(throttle.check('jo@example.com', '203.0.113.1', t0 + 31 * SECOND)).toEqual({ allowed: true });
  });

  it('counts per account across addresses, and per address across accounts', () => {
    const throttle = newThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('jo@example.com', `198.51.100.${i}`, t0);
    expect(wait(throttle.check('jo@example.com', '192.0.2.99', t0))).toBe(1);
    expect(throttle.check('sam@example.com', '198.51.100.0', t0)).toEqual({ allowed: true });

    for (let i = 0; i < 5; i++) throttle.recordFailure(`user${i}@example.com`, '203.0.113.1', t0);
    expect(wait(throttle.check('new@example.com', '203.0.113.1', t0))).toBe(1);
    expect(throttle.check('user0@example.com', '192.0.2.99', t0)).toEqual({ allowed: true });
  });

  it("clears the account's failures on success, but not the address's", () => {
    const throttle = newThrottle();
    failures(throttle, 5);
    throttle.recordSuccess('Jo@Example.com', '203.0.113.1');
    expect(throttle.check('jo@example.com', '198.51.100.7', t0)).toEqual({ allowed: true });
    expect(wait(throttle.check('jo@example.com', '203.0.113.1', t0))).toBe(1);
  });

  it('lets at most 5 of a burst of 50 begin() calls through before the delays start', () => {
    const throttle = newThrottle();
    const results = Array.from({ length: 50 }, (_, i) => throttle.begin('jo@example.com', `198.51.100.${i}`, t0));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
    expect(results.slice(5).every((r) => wait(r) === 1)).toBe(true);
  });

  it('begin() counts an attempt as failed until success takes it back, and never counts it twice', () => {
    const throttle = newThrottle();
    // Five sign-ins from one office address that all succeed do not slow the office down.
    for (let i = 0; i < 5; i++) {
      expect(throttle.begin(`user${i}@example.com`, '203.0.113.1', t0).allowed).toBe(true);
      throttle.recordSuccess(`user${i}@example.com`, '203.0.113.1');
    }
    expect(throttle.check('user5@example.com', '203.0.113.1', t0)).toEqual({ allowed: true });

    // Four wrong passwords via begin() followed by recordFailure() count four times, not eight.
    for (let i = 0; i < 4; i++) {
      throttle.begin('jo@example.com', '198.51.100.7', t0);
      throttle.recordFailure('jo@example.com', '198.51.100.7', t0);
    }
    expect(throttle.check('jo@example.com', '198.51.100.7', t0)).toEqual({ allowed: true });
    throttle.begin('jo@example.com', '198.51.100.7', t0);
    expect(wait(throttle.check('jo@example.com', '198.51.100.7', t0))).toBe(1);
  });

  it('uses its clock when no time is given', () => {
    let now = t0;
    const throttle = newThrottle({ clock: () => now });
    for (let i = 0; i < 5; i++) throttle.begin('jo@example.com', '203.0.113.1');
    expect(wait(throttle.check('jo@example.com', '203.0.113.1'))).toBe(1);
    now += SECOND;
    expect(throttle.check('jo@example.com', '203.0.113.1')).toEqual({ allowed: true });
  });

  it('keeps memory bounded: stale keys are dropped and live ones capped', () => {
    const throttle = newThrottle({ maxKeys: 200 });
    for (let i = 0; i < 1_000; i++) throttle.recordFailure(`user${i}@example.com`, `10.0.${i >> 8}.${i & 255}`, t0);
    // A store whose size costs a count is swept every few failures, and holds at most 10% more.
    expect(throttle.size).toBeLessThanOrEqual(store() === undefined ? 200 : 220);
    // The most recent failures are the ones kept.
    failures(throttle, 5, 'last@example.com', '192.0.2.1', t0);
    expect(wait(throttle.check('last@example.com', '192.0.2.2', t0))).toBe(1);

    throttle.recordFailure('later@example.com', '192.0.2.3', t0 + 16 * MINUTE);
    // Its account, its address and the pair of them.
    expect(throttle.size).toBe(3);
  });
});
