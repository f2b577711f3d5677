import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import { removesLastActiveAdmin, type AccessChange } from '@/lib/auth/last-admin';
import { WRITE_TRANSACTION, getDb, type Db } from './client';
import { integrations, sessions, users, type UserRole } from './schema';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  authorId: number | null;
  disabledAt: number | null;
}

/** What a list of accounts shows: never the password hash. */
export type UserListItem = Omit<UserRecord, 'passwordHash'> & { createdAt: number };

export interface NewUser {
  email: string;
  name: string;
  role: UserRole;
  passwordHash: string;
  authorId?: number | null;
}

/** Thrown by createUser when another account already has the email. */
export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`The email ${email} is already taken by another account.`);
    this.name = 'EmailTakenError';
  }
}

/** Emails are stored trimmed and lowercased, so sign-in does not depend on how the address was typed. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

const recordColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  passwordHash: users.passwordHash,
  authorId: users.authorId,
  disabledAt: users.disabledAt,
};

// drizzle wraps driver errors; the SQLite code is on the cause.
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if ((e as Error & { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  }
  return false;
}

/** Creates an account and returns its id; throws EmailTakenError when the email is in use. */
export function createUser(user: NewUser, db: Db = getDb()): number {
  const email = normalizeEmail(user.email);
  try {
    return db
      .insert(users)
      .values({ email, name: user.name, role: user.role, passwordHash: user.passwordHash, authorId: user.authorId ?? null })
      .returning({ id: users.id })
      .get().id;
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError(email);
    throw error;
  }
}

export function getUserByEmail(email: string, db: Db = getDb()): UserRecord | null {
  return db.select(recordColumns).from(users).where(eq(users.email, normalizeEmail(email))).get() ?? null;
}

export function getUserById(id: number, db: Db = getDb()): UserRecord | null {
  return db.select(recordColumns).from(users).where(eq(users.id, id)).get() ?? null;
}

const { passwordHash: _hash, ...listItemColumns } = { ...recordColumns, createdAt: users.createdAt };

/** An integration's own account (db/integrations.ts): managed under Integrations, never with the people. */
const isPerson = sql`not exists (select 1 from ${integrations} where ${integrations.userId} = ${users.id})`;

export function listUsers(db: Db = getDb()): UserListItem[] {
  return db.select(listItemColumns).from(users).where(isPerson).orderBy(asc(users.email)).all();
}

/** One account as the account pages show it: never the password hash. */
export function getUserListItem(id: number, db: Db = getDb()): UserListItem | null {
  return db.select(listItemColumns).from(users).where(and(eq(users.id, id), isPerson)).get() ?? null;
}

/** Returns whether the account exists. Ending other sessions is the caller's decision (see lib/auth/sessions). */
export function setUserPassword(id: number, passwordHash: string, db: Db = getDb()): boolean {
  return db.update(users).set({ passwordHash }).where(eq(users.id, id)).run().changes > 0;
}

/**
 * Replaces a password hash with a stronger one of the same password (after a sign-in proved it), unless
 * the password changed meanwhile. Returns whether it was replaced.
 */
export function upgradePasswordHash(id: number, oldHash: string, newHash: string, db: Db = getDb()): boolean {
  return db.update(users).set({ passwordHash: newHash }).where(and(eq(users.id, id), eq(users.passwordHash, oldHash))).run().changes > 0;
}

/** Returns whether the account exists. Sessions read the role on every request, so the change applies at once. */
export function setUserRole(id: number, role: UserRole, db: Db = getDb()): boolean {
  return db.update(users).set({ role }).where(eq(users.id, id)).run().changes > 0;
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function writeDisabled(db: Db | Tx, id: number, disabled: boolean, now: number): boolean {
  const changed =
    db
      .update(users)
      .set({ disabledAt: disabled ? sql`coalesce(${users.disabledAt}, ${now})` : null })
      .where(eq(users.id, id))
      .run().changes > 0;
  if (changed && disabled) db.delete(sessions).where(eq(sessions.userId, id)).run();
  return changed;
}

/**
 * Disables (keeping the first disabling time) or re-enables an account; returns whether it exists.
 * Disabling also deletes the account's sessions, so re-enabling it later cannot revive an old, possibly stolen, one.
 */
export function setUserDisabled(id: number, disabled: boolean, now: number, db: Db = getDb()): boolean {
  return db.transaction((tx) => writeDisabled(tx, id, disabled, now), WRITE_TRANSACTION);
}

export type AccessChangeResult = 'changed' | 'missing' | 'last-admin';

/**
 * Changes an account's role, or disables / enables it, unless that would leave no active admin
 * (lib/auth/last-admin). The check and the write are one immediate transaction, so two admins demoting
 * each other at the same moment cannot both succeed.
 */
export function changeUserAccess(change: AccessChange, now: number, db: Db = getDb()): AccessChangeResult {
  return db.transaction(
    (tx) => {
      const accounts = tx
        .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
        .from(users)
        .where(or(eq(users.role, 'admin'), and(eq(users.id, change.userId), isPerson)))
        .all();
      if (!accounts.some((a) => a.id === change.userId)) return 'missing';
      if (removesLastActiveAdmin(accounts, change)) return 'last-admin';
      if ('role' in change) tx.update(users).set({ role: change.role }).where(eq(users.id, change.userId)).run();
      else writeDisabled(tx, change.userId, change.disabled, now);
      return 'changed';
    },
    WRITE_TRANSACTION,
  );
}

export function countUsers(db: Db = getDb()): number {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}
