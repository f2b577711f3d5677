import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { withTestDatabase } from '@/test/support/database';
import { createUser, setUserDisabled, setUserRole } from '@/db/users';
import {
  endOtherSessions,
  endSession,
  resumeSession,
  SESSION_MAX_AGE_MS,
  SESSION_MS,
  sessionCookieHeader,
  sessionCookieName,
  sessionTokenFromCookieHeader,
  startSession,
} from './sessions';

const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'jo@example.com', name: 'Jo', role: 'writer', passwordHash: 'hash' }, db);
});

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 28, 12);
const storedExpiry = () => db.$client.prepare('select expires_at from sessions').pluck().get();

describe('startSession and resumeSession', () => {
  it('returns a random token and stores only its hash', () => {
    const token = startSession(userId, now, db);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(startSession(userId, now, db)).not.toBe(token);
    const stored = db.$client.prepare('select token_hash from sessions').pluck().all();
    expect(stored).toHaveLength(2);
    expect(stored).not.toContain(token);
    expect(resumeSession(token, now, db)).toEqual({
      id: userId,
      email: 'jo@example.com',
      name: 'Jo',
      role: 'writer',
      authorId: null,
    });
  });

  it('ends a session after 14 days without use', () => {
    const token = startSession(userId, now, db);
    expect(resumeSession(token, now + SESSION_MS - 1, db)).not.toBeNull();
    const other = startSession(userId, now, db);
    expect(resumeSession(other, now + 14 * DAY, db)).toBeNull();
  });

  it('slides the expiry only once less than 13 days remain, so most requests do not write', () => {
    const token = startSession(userId, now, db);
    resumeSession(token, now + DAY - 1, db);
    expect(storedExpiry()).toBe(now + 14 * DAY);
    resumeSession(token, now + DAY + 1, db);
    expect(storedExpiry()).toBe(now + 15 * DAY + 1);
    // Used every 10 days, a session lives on past its first 14.
    expect(resumeSession(token, now + 10 * DAY, db)).not.toBeNull();
    expect(resumeSession(token, now + 20 * DAY, db)).not.toBeNull();
  });

  it('ends a session 30 days after sign-in however often it is used', () => {
    const token = startSession(userId, now, db);
    for (let day = 1; day < 30; day++) expect(resumeSession(token, now + day * DAY, db)).not.toBeNull();
    // The slide stops at the absolute end: the stored expiry never passes it.
    expect(storedExpiry()).toBe(now + SESSION_MAX_AGE_MS);
    expect(resumeSession(token, now + SESSION_MAX_AGE_MS - 1, db)).not.toBeNull();
    expect(resumeSession(token, now + SESSION_MAX_AGE_MS, db)).toBeNull();
    expect(SESSION_MAX_AGE_MS).toBe(30 * DAY);
  });

  it('ends a session older than 30 days even if its stored expiry says otherwise (sessions from before the limit)', () => {
    const token = startSession(userId, now, db);
    db.$client.prepare('update sessions set expires_at = ?').run(now + 40 * DAY);
    expect(resumeSession(token, now + 31 * DAY, db)).toBeNull();
  });

  it('reads the role on every request and refuses disabled users', () => {
    const token = startSession(userId, now, db);
    setUserRole(userId, 'editor', db);
    expect(resumeSession(token, now, db)?.role).toBe('editor');
    setUserDisabled(userId, true, now, db);
    expect(resumeSession(token, now, db)).toBeNull();
    setUserDisabled(userId, false, now, db);
    expect(resumeSession(token, now, db)).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc'],
    ['padded', `${'A'.repeat(43)}=`],
    ['not base64url', `${'A'.repeat(42)}+`],
    ['with spare bits set', `${'A'.repeat(42)}B`],
    ['too long', 'A'.repeat(44)],
  ])('returns null for a malformed token (%s) without asking the database', (_label, token) => {
    db.$client.close();
    expect(resumeSession(token, now, db)).toBeNull();
    expect(() => endSession(token, db)).not.toThrow();
  });

  it('returns null for an unknown well-formed token', () => {
    expect(resumeSession('A'.repeat(43), now, db)).toBeNull();
  });

  it('clears out expired sessions when someone signs in', () => {
    startSession(userId, now, db);
    startSession(userId, now + 15 * DAY, db);
    expect(db.$client.prepare('select count(*) from sessions').pluck().get()).toBe(1);
  });
});

describe('endSession and endOtherSessions', () => {
  it('ends one session', () => {
    const token = startSession(userId, now, db);
    const other = startSession(userId, now, db);
    endSession(token, db);
    expect(resumeSession(token, now, db)).toBeNull();
    expect(resumeSession(other, now, db)).not.toBeNull();
  });

  it("ends a user's other sessions, or all of them, and no one else's", () => {
    const someoneElse = createUser({ email: 'sam@example.com', name: 'Sam', role: 'editor', passwordHash: 'h' }, db);
    const theirs = startSession(someoneElse, now, db);
    const kept = startSession(userId, now, db);
    const ended = [startSession(userId, now, db), startSession(userId, now, db)];
    expect(endOtherSessions(userId, kept, db)).toBe(2);
    for (const token of ended) expect(resumeSession(token, now, db)).toBeNull();
    expect(resumeSession(kept, now, db)).not.toBeNull();
    expect(endOtherSessions(userId, undefined, db)).toBe(1);
    expect(resumeSession(kept, now, db)).toBeNull();
    expect(resumeSession(theirs, now, db)).not.toBeNull();
  });

  it('ends all sessions when the token to keep is malformed', () => {
    startSession(userId, now, db);
    expect(endOtherSessions(userId, 'nonsense', db)).toBe(1);
  });
});

describe('sessionCookieHeader and sessionCookieName', () => {
  it('sets the cookie for 14 days, HttpOnly and SameSite=Lax; over HTTPS, Secure and named with the __Host- prefix', () => {
    expect(sessionCookieHeader('abc', false)).toBe('newsroom_session=abc; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax');
    expect(sessionCookieHeader('abc', true)).toBe('__Host-newsroom_session=abc; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax; Secure');
  });

  it('names the cookie for the request: __Host- only over HTTPS (a browser refuses it without Secure)', () => {
    expect(sessionCookieName(false)).toBe('newsroom_session');
    expect(sessionCookieName(true)).toBe('__Host-newsroom_session');
  });

  it('reads the token from the cookie of the right name only', () => {
    const header = '__Host-newsroom_session=secure-token; newsroom_session=plain-token; other=1';
    expect(sessionTokenFromCookieHeader(header, true)).toBe('secure-token');
    expect(sessionTokenFromCookieHeader(header, false)).toBe('plain-token');
    expect(sessionTokenFromCookieHeader('newsroom_session=plain-token', true)).toBeUndefined();
    expect(sessionTokenFromCookieHeader('x__Host-newsroom_session=a; xnewsroom_session=b', false)).toBeUndefined();
    expect(sessionTokenFromCookieHeader(undefined, false)).toBeUndefined();
  });
});
