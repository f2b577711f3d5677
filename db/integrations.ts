import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { getDb, WRITE_TRANSACTION, type Db } from './client';
import { apiIdempotency, integrations, users, type IntegrationRole } from './schema';

/**
 * Integrations (Admin API keys) and the Admin API's idempotency records. Each integration acts through a
 * newsroom account of its own, disabled for sign-in (never listed with the people: db/users.ts).
 */

export interface IntegrationRecord {
  id: number;
  name: string;
  role: IntegrationRole;
  keyPrefix: string;
  userId: number;
  createdAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
  createdByEmail: string | null;
}

const columns = {
  id: integrations.id,
  name: integrations.name,
  role: integrations.role,
  keyPrefix: integrations.keyPrefix,
  userId: integrations.userId,
  createdAt: integrations.createdAt,
  revokedAt: integrations.revokedAt,
  lastUsedAt: integrations.lastUsedAt,
};

/** Creates the integration and its account in one transaction; returns its id. */
export function insertIntegration(
  fields: { name: string; role: IntegrationRole; keyHash: string; keyPrefix: string; accountEmail: string; createdBy: number | null; now: number },
  db: Db = getDb(),
): number {
  return db.transaction((tx) => {
    const userId = tx
      .insert(users)
      // No password can match '!' (not a hash), and the account is disabled: nobody signs in as an integration.
      .values({ email: fields.accountEmail, name: fields.name, role: fields.role, passwordHash: '!', disabledAt: fields.now })
      .returning({ id: users.id })
      .get().id;
    return tx
      .insert(integrations)
      .values({ name: fields.name, role: fields.role, keyHash: fields.keyHash, keyPrefix: fields.keyPrefix, userId, createdBy: fields.createdBy, createdAt: fields.now })
      .returning({ id: integrations.id })
      .get().id;
  }, WRITE_TRANSACTION);
}

export function listIntegrations(db: Db = getDb()): IntegrationRecord[] {
  const creators = db.select({ id: users.id, email: users.email }).from(users).as('creators');
  return db
    .select({ ...columns, createdByEmail: creators.email })
    .from(integrations)
    .leftJoin(creators, eq(creators.id, integrations.createdBy))
    .orderBy(asc(integrations.name), asc(integrations.id))
    .all();
}

/** The live (not revoked) integration a key's hash names, or null. */
export function findIntegrationByKeyHash(keyHash: string, db: Db = getDb()): Omit<IntegrationRecord, 'createdByEmail'> | null {
  return db.select(columns).from(integrations).where(and(eq(integrations.keyHash, keyHash), isNull(integrations.revokedAt))).get() ?? null;
}

/** Marks the key used (at most once a minute per integration, so reads stay reads). */
export function touchIntegration(id: number, now: number, db: Db = getDb()): void {
  db.update(integrations)
    .set({ lastUsedAt: now })
    .where(and(eq(integrations.id, id), isNull(integrations.revokedAt)))
    .run();
}

/** Revokes the key at once; returns false when it was not live. */
export function revokeIntegration(id: number, now: number, db: Db = getDb()): boolean {
  return db.update(integrations).set({ revokedAt: now }).where(and(eq(integrations.id, id), isNull(integrations.revokedAt))).run().changes > 0;
}

export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
}

/** The answer kept for an idempotency key, if it is younger than `since`'s cut-off. */
export function findIdempotentAnswer(integrationId: number, key: string, notBefore: number, db: Db = getDb()): StoredAnswer | null {
  const row = db
    .select({ fingerprint: apiIdempotency.fingerprint, status: apiIdempotency.status, body: apiIdempotency.body, createdAt: apiIdempotency.createdAt })
    .from(apiIdempotency)
    .where(and(eq(apiIdempotency.integrationId, integrationId), eq(apiIdempotency.key, key)))
    .get();
  return row && row.createdAt >= notBefore ? { fingerprint: row.fingerprint, status: row.status, body: row.body } : null;
}

/** Keeps an answer for its idempotency key (replacing an expired one); forgets answers older than `notBefore`. */
export function storeIdempotentAnswer(integrationId: number, key: string, answer: StoredAnswer, now: number, notBefore: number, db: Db = getDb()): void {
  db.delete(apiIdempotency).where(lt(apiIdempotency.createdAt, notBefore)).run();
  db.insert(apiIdempotency)
    .values({ integrationId, key, ...answer, createdAt: now })
    .onConflictDoUpdate({ target: [apiIdempotency.integrationId, apiIdempotency.key], set: { ...answer, createdAt: now } })
    .run();
}
