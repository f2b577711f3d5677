import { and, eq, gt, isNull, lte, ne } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { sessions, users, type UserRole } from './schema';

/** The signed-in user as the newsroom sees it on each request. */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  authorId: number | null;
}

/** Sessions are looked up by the SHA-256 of their token: a copy of the table cannot be used to sign in. */
export function insertSession(tokenHash: string, userId: number, expiresAt: number, createdAt: number, db: Db = getDb()): void {
  db.insert(sessions).values({ tokenHash, userId, expiresAt, createdAt }).run();
}

/** The session's user (and when it began and ends), or null when the session is unknown, expired or its user is disabled. */
export function getSessionUser(
  tokenHash: string,
  now: number,
  db: Db = getDb(),
): { user: SessionUser; expiresAt: number; createdAt: number } | null {
  const row = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      authorId: users.authorId,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .get();
  if (!row) return null;
  const { expiresAt, createdAt, ...user } = row;
  return { user, expiresAt, createdAt };
}

export function extendSession(tokenHash: string, expiresAt: number, db: Db = getDb()): void {
  db.update(sessions).set({ expiresAt }).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteSession(tokenHash: string, db: Db = getDb()): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

/** Deletes all of a user's sessions but the one given; returns how many were deleted. */
export function deleteUserSessions(userId: number, exceptTokenHash?: string, db: Db = getDb()): number {
  const others = exceptTokenHash === undefined ? undefined : ne(sessions.tokenHash, exceptTokenHash);
  return db.delete(sessions).where(and(eq(sessions.userId, userId), others)).run().changes;
}

/** Returns how many were deleted. */
export function deleteExpiredSessions(now: number, db: Db = getDb()): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
