import { countAuditSince, recordAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { getUserByEmail, upgradePasswordHash, type UserRecord } from '@/db/users';
import { signInFirstWaitMs } from '@/lib/config';
import { hashNeedsUpgrade, hashPassword, verifyPassword } from './passwords';
import { LoginThrottle, type LockoutReport } from './throttle';
import { DatabaseThrottleStore } from './throttle-store';
import { oncePerProcess } from '../process-state';

/**
 * Checking a password against an account, for sign-in and for changing one's own password: both go
 * through the one sign-in throttle (lib/auth/throttle.ts), so a stolen session cannot guess the current
 * password faster than a sign-in form could. Lockouts are written to the audit log.
 */

export const SIGN_IN_FAILED = 'That email and password do not match an active account.';
export const WRONG_CURRENT_PASSWORD = 'That is not your current password.';
/** The audit log's action for a lockout (its filter and the dashboard's notice look for it). */
export const SIGN_IN_LOCKED = 'sign-in locked';

// One throttle for the process, its counts in the database: it must see every attempt, whichever request
// and whichever worker process carries it (ADR 0020).
export function signInThrottle(): LoginThrottle {
  return oncePerProcess('sign-in throttle', () => new LoginThrottle({ policy: { firstDelayMs: signInFirstWaitMs() }, store: new DatabaseThrottleStore() }));
}

export interface PasswordAttempt {
  email: string;
  password: string;
  /** The client's address (lib/auth/current-user.ts clientAddress()). */
  address: string;
  now: number;
}

function describeMinutes(ms: number): string {
  const minutes = Math.ceil(ms / 60_000);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

function auditLockout(lockout: LockoutReport, userId: number | null, now: number, db?: Db): void {
  recordAudit(
    {
      userId,
      action: SIGN_IN_LOCKED,
      entity: 'user',
      entityId: userId,
      detail: `${lockout.failures} failed sign-ins to ${lockout.email} from ${lockout.address} within ${describeMinutes(lockout.windowMs)}: sign-in to this account from that address is paused for ${describeMinutes(lockout.until - now)}.`,
    },
    db,
  );
}

/** Signs in: the account when the password is right (its hash upgraded if made with a lower cost), or why not. */
export async function signInWithPassword(
  { email, password, address, now }: PasswordAttempt,
  throttle: LoginThrottle = signInThrottle(),
  db?: Db,
): Promise<{ ok: true; user: UserRecord } | { ok: false; error: string }> {
  const gate = throttle.begin(email, address, now);
  if (!gate.allowed) return { ok: false, error: gate.reason };

  const user = getUserByEmail(email, db);
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || user.disabledAt !== null) {
    const userId = user?.id ?? null;
    recordAudit({ userId, action: 'sign-in failed', entity: 'user', entityId: userId }, db);
    const lockout = throttle.recordFailure(email, address, now);
    if (lockout) auditLockout(lockout, userId, now, db);
    return { ok: false, error: SIGN_IN_FAILED };
  }
  throttle.recordSuccess(email, address);
  if (hashNeedsUpgrade(user.passwordHash)) upgradePasswordHash(user.id, user.passwordHash, await hashPassword(password), db);
  recordAudit({ userId: user.id, action: 'signed in', entity: 'user', entityId: user.id }, db);
  return { ok: true, user };
}

/** Checks a signed-in user's current password (before changing it): null when right, otherwise what to show. */
export async function checkCurrentPassword(
  { user, password, address, now }: { user: Pick<UserRecord, 'id' | 'email' | 'passwordHash'>; password: string; address: string; now: number },
  throttle: LoginThrottle = signInThrottle(),
  db?: Db,
): Promise<string | null> {
  const gate = throttle.begin(user.email, address, now);
  if (!gate.allowed) return gate.reason;
  if (!(await verifyPassword(password, user.passwordHash))) {
    const lockout = throttle.recordFailure(user.email, address, now);
    if (lockout) auditLockout(lockout, user.id, now, db);
    return WRONG_CURRENT_PASSWORD;
  }
  throttle.recordSuccess(user.email, address);
  return null;
}

export const RECENT_LOCKOUTS_MS = 24 * 3_600_000;

/** Lockouts in the last 24 hours, for the admins' dashboard. */
export function countRecentLockouts(now: number = Date.now(), db?: Db): number {
  return countAuditSince(SIGN_IN_LOCKED, now - RECENT_LOCKOUTS_MS, db);
}
