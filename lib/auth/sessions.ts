import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/db/client';
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  extendSession,
  getSessionUser,
  insertSession,
  type SessionUser,
} from '@/db/sessions';

export type { SessionUser };

/**
 * The cookie that carries a newsroom session's token, over plain HTTP (local use, tests). Over HTTPS it is
 * `__Host-newsroom_session` (sessionCookieName): a browser keeps a `__Host-` cookie only if it is Secure,
 * has Path=/ and no Domain, so a sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
 */
export const SESSION_COOKIE = 'newsroom_session';
const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** The session cookie's name for a request: the `__Host-` name over HTTPS, the plain one over HTTP. */
export function sessionCookieName(https: boolean): string {
  return https ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** The session token in a Cookie header, under the name for the request (sessionCookieName) and no other. */
export function sessionTokenFromCookieHeader(header: string | undefined, https: boolean): string | undefined {
  const name = sessionCookieName(https);
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.split('=');
    if (key?.trim() === name) return value.join('=').trim();
  }
  return undefined;
}

export const SESSION_DAYS = 14;
const DAY_MS = 86_400_000;
export const SESSION_MS = SESSION_DAYS * DAY_MS;
/** However active, a session ends this long after its sign-in (a stolen cookie does not work forever). */
export const SESSION_MAX_AGE_MS = 30 * DAY_MS;
// Slide the expiry at most once a day per session, so ordinary requests only read.
const EXTEND_WHEN_LESS_THAN_MS = (SESSION_DAYS - 1) * DAY_MS;

const TOKEN_BYTES = 32;
// 32 bytes in unpadded base64url; the last character carries 2 spare bits, checked by the round trip below.
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token) && Buffer.from(token, 'base64url').toString('base64url') === token;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Starts a session and returns its token (for the cookie); only the token's hash is stored. */
export function startSession(userId: number, now: number = Date.now(), db?: Db): string {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  // Sign-ins are rare, so they are a cheap moment to clear out sessions nobody came back to.
  deleteExpiredSessions(now, db);
  insertSession(hashToken(token), userId, now + SESSION_MS, now, db);
  return token;
}

/**
 * The user of a live session, or null. An active session's expiry slides to `now + SESSION_DAYS`
 * once less than SESSION_DAYS - 1 days remain, but never past SESSION_MAX_AGE_MS after its sign-in.
 */
export function resumeSession(token: string, now: number = Date.now(), db?: Db): SessionUser | null {
  if (!isWellFormedToken(token)) return null;
  const tokenHash = hashToken(token);
  const session = getSessionUser(tokenHash, now, db);
  if (!session) return null;
  const end = session.createdAt + SESSION_MAX_AGE_MS;
  // Also for sessions started before the limit existed, whose stored expiry may lie beyond it.
  if (now >= end) {
    deleteSession(tokenHash, db);
    return null;
  }
  const slid = Math.min(now + SESSION_MS, end);
  if (session.expiresAt - now < EXTEND_WHEN_LESS_THAN_MS && slid > session.expiresAt) extendSession(tokenHash, slid, db);
  return session.user;
}

export function endSession(token: string, db?: Db): void {
  if (isWellFormedToken(token)) deleteSession(hashToken(token), db);
}

/**
 * Ends all of a user's sessions except `keepToken`'s (after a password change, or all of them when
 * an account is disabled or its password reset). Returns how many were ended.
 */
export function endOtherSessions(userId: number, keepToken?: string, db?: Db): number {
  const keep = keepToken !== undefined && isWellFormedToken(keepToken) ? hashToken(keepToken) : undefined;
  return deleteUserSessions(userId, keep, db);
}

/** The Set-Cookie value for a session token (the same attributes wherever it is set). */
export function sessionCookieHeader(token: string, https: boolean): string {
  return `${sessionCookieName(https)}=${token}; Path=/; Max-Age=${SESSION_MS / 1000}; HttpOnly; SameSite=Lax${https ? '; Secure' : ''}`;
}
