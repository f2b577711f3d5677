import { and, count, desc, eq, gte } from 'drizzle-orm';
import { getDb, WRITE_TRANSACTION, type Db } from './client';
import { auditLog, users } from './schema';

export interface AuditEvent {
  /** Null for actions from the command line or the system. */
  userId: number | null;
  /** What happened, e.g. 'article.publish', 'user.disable'. */
  action: string;
  /** What it happened to, e.g. 'article', 'user'. */
  entity: string;
  entityId?: number | null;
  detail?: string;
  /** When, if not now (epoch ms). */
  createdAt?: number;
}

export interface AuditEntry {
  id: number;
  userId: number | null;
  /** Null when the action had no user or the user has since been deleted. */
  userEmail: string | null;
  action: string;
  entity: string;
  entityId: number | null;
  detail: string;
  createdAt: number;
}

/** Returns the new entry's id. */
export function recordAudit(event: AuditEvent, db: Db = getDb()): number {
  return db
    .insert(auditLog)
    .values({ ...event, entityId: event.entityId ?? null, detail: event.detail ?? '' })
    .returning({ id: auditLog.id })
    .get().id;
}

/**
 * Runs `write` and records the audit line `audit` makes of its result in ONE write transaction: both are
 * kept or neither is (a failing write leaves no audit line; a failing audit insert undoes the write).
 * `write` uses the same connection (`db`): its own transactions, if any, become savepoints of this one.
 * `audit` answers null when the result is not worth a line (a refused save).
 */
export function writeWithAudit<T>(db: Db, write: () => T, audit: (result: T) => AuditEvent | null): T {
  return db.transaction(() => {
    const result = write();
    const event = audit(result);
    if (event) recordAudit(event, db);
    return result;
  }, WRITE_TRANSACTION);
}

/** Newest first; only entries of `action` when given. */
export function listAudit({ limit, offset = 0, action }: { limit: number; offset?: number; action?: string }, db: Db = getDb()): AuditEntry[] {
  return db
    .select({
      id: auditLog.id,
      userId: auditLog.userId,
      userEmail: users.email,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      detail: auditLog.detail,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .where(action === undefined ? undefined : eq(auditLog.action, action))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
    .offset(offset)
    .all();
}

export function countAudit(db: Db = getDb(), action?: string): number {
  return db.select({ n: count() }).from(auditLog).where(action === undefined ? undefined : eq(auditLog.action, action)).get()?.n ?? 0;
}

/** How many entries of `action` were recorded at or after `since` (epoch ms). */
export function countAuditSince(action: string, since: number, db: Db = getDb()): number {
  return db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), gte(auditLog.createdAt, since))).get()?.n ?? 0;
}
