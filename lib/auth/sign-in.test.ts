import { randomBytes, scryptSync } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { withTestDatabase } from '@/test/support/database';
import { createUser, getUserByEmail } from '@/db/users';
import { verifyPassword } from './passwords';
import { checkCurrentPassword, SIGN_IN_FAILED, signInWithPassword } from './sign-in';
import { LoginThrottle } from './throttle';

const database = withTestDatabase();
let db: Db;
const t0 = Date.UTC(2026, 11, 5, 12);
const SECOND = 1_000;
const PASSWORD = 'the right password, long enough';

/** A stored hash of the given scrypt cost: N=2^15 is what the site stored before N was raised to 2^17. */
function hashWithCost(password: string, N: number): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

// The account's hash is cheap (N=2^10), so that the throttling tests spend milliseconds, not seconds, on
// each guess; it is upgraded at its first successful sign-in like any old hash.
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'jo@example.com', name: 'Jo', role: 'admin', passwordHash: hashWithCost(PASSWORD, 2 ** 10) }, db);
});

// Small numbers, so a test does not spend seconds on scrypt: 2 free failures, a lockout at 3.
const smallPolicy = { freeFailures: 2, lockoutFailures: 3, firstDelayMs: 1_000 };

// Each scrypt hash at N=2^17 is ~0.6 s of one core by design, and several run per test: on 2 shared
// cores with other work running, that alone can pass the default 5 s.
describe('signInWithPassword', { timeout: 20_000 }, () => {
  it('signs in with the right password only, and writes both to the audit log', async () => {
    const throttle = new LoginThrottle();
    expect(await signInWithPassword({ email: 'jo@example.com', password: 'wrong', address: '192.0.2.1', now: t0 }, throttle, db)).toEqual({
      ok: false,
      error: SIGN_IN_FAILED,
    });
    const ok = await signInWithPassword({ email: ' JO@example.com', password: PASSWORD, address: '192.0.2.1', now: t0 }, throttle, db);
    expect(ok).toMatchObject({ ok: true, user: { id: userId } });
    expect(listAudit({ limit: 10 }, db).map((e) => e.action)).toEqual(['signed in', 'sign-in failed']);
  });

  it('pauses sign-in from the guessing address only, and records the lockout in the audit log once', async () => {
    const throttle = new LoginThrottle({ policy: smallPolicy });
    const attempt = (password: string, address: string, now: number) => signInWithPassword({ email: 'jo@example.com', password, address, now }, throttle, db);
    for (let i = 0; i < 3; i++) expect(await attempt('a guess', '203.0.113.9', t0 + i * 10 * SECOND)).toEqual({ ok: false, error: SIGN_IN_FAILED });
    const refused = await attempt(PASSWORD, '203.0.113.9', t0 + 40 * SECOND);
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^Sign-in to this account from your network is paused .* Try again in 15 minutes\.$/) });
    const lockouts = listAudit({ limit: 10 }, db).filter((e) => e.action === 'sign-in locked');
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ userId, entity: 'user', entityId: userId });
    expect(lockouts[0]?.detail).toBe(
      '3 failed sign-ins to jo@example.com from 203.0.113.9 within 15 minutes: sign-in to this account from that address is paused for 15 minutes.',
    );
    // The owner, from elsewhere, gets in (after the account's short delay).
    expect(await attempt(PASSWORD, '192.0.2.1', t0 + 40 * SECOND)).toMatchObject({ ok: true });
  });

  it('records a lockout for an email that has no account too', async () => {
    // One failure locks here: each guess at an unknown account costs a full-price hash (so as not to reveal it is unknown).
    const throttle = new LoginThrottle({ policy: { freeFailures: 0, lockoutFailures: 1 } });
    await signInWithPassword({ email: 'nobody@example.com', password: 'x', address: '203.0.113.9', now: t0 }, throttle, db);
    expect(listAudit({ limit: 10 }, db).find((e) => e.action === 'sign-in locked')).toMatchObject({
      userId: null,
      detail: expect.stringContaining('1 failed sign-ins to nobody@example.com from 203.0.113.9'),
    });
  });

  it('keeps an old, lower-cost hash after a wrong password', async () => {
    const old = hashWithCost('an old password from 2025', 2 ** 15);
    createUser({ email: 'old@example.com', name: 'Old', role: 'writer', passwordHash: old }, db);
    expect(await signInWithPassword({ email: 'old@example.com', password: 'not it', address: '192.0.2.1', now: t0 }, new LoginThrottle(), db)).toMatchObject({ ok: false });
    expect(getUserByEmail('old@example.com', db)?.passwordHash).toBe(old);
  });

  it('replaces a hash made with the old, lower cost at the next successful sign-in', async () => {
    const id = createUser({ email: 'old@example.com', name: 'Old', role: 'writer', passwordHash: hashWithCost('an old password from 2025', 2 ** 15) }, db);
    expect(await signInWithPassword({ email: 'old@example.com', password: 'an old password from 2025', address: '192.0.2.1', now: t0 }, new LoginThrottle(), db)).toMatchObject({
      ok: true,
      user: { id },
    });
    const upgraded = getUserByEmail('old@example.com', db)?.passwordHash ?? '';
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('an old password from 2025', upgraded)).toBe(true);
  });
});

describe('checkCurrentPassword (changing one’s own password)', { timeout: 20_000 }, () => {
  it('is throttled like sign-in, keyed by the account: wrong guesses slow the next change and sign-in alike', async () => {
    const throttle = new LoginThrottle({ policy: smallPolicy });
    const user = getUserByEmail('jo@example.com', db)!;
    const check = (password: string, now: number) => checkCurrentPassword({ user, password, address: '198.51.100.4', now }, throttle, db);
    expect(await check('guess one', t0)).toBe('That is not your current password.');
    expect(await check('guess two', t0)).toBe('That is not your current password.');
    // Now even the right password must wait, and so must a sign-in to the account from elsewhere.
    expect(await check(PASSWORD, t0)).toBe('Too many failed sign-ins for this account. Try again in 1 second.');
    expect(await signInWithPassword({ email: 'jo@example.com', password: PASSWORD, address: '192.0.2.1', now: t0 }, throttle, db)).toEqual({
      ok: false,
      error: 'Too many failed sign-ins for this account. Try again in 1 second.',
    });
    expect(await check(PASSWORD, t0 + SECOND)).toBeNull();
  });

  it('records a lockout from password guesses in a stolen session', async () => {
    const throttle = new LoginThrottle({ policy: smallPolicy });
    const user = getUserByEmail('jo@example.com', db)!;
    for (let i = 0; i < 3; i++) await checkCurrentPassword({ user, password: `guess ${i}`, address: '198.51.100.4', now: t0 + i * 10 * SECOND }, throttle, db);
    expect(await checkCurrentPassword({ user, password: PASSWORD, address: '198.51.100.4', now: t0 + 40 * SECOND }, throttle, db)).toMatch(/paused/);
    expect(listAudit({ limit: 10 }, db).map((e) => e.action)).toContain('sign-in locked');
  });
});
