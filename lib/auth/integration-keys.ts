import { createHash, randomBytes } from 'node:crypto';
import { findIntegrationByKeyHash, touchIntegration } from '@/db/integrations';
import type { IntegrationRole } from '@/db/schema';
import { slugify } from '../paths';

/**
 * Integration keys for the Admin API (decision 24): `crbc_` and 32 random bytes (256 bits), shown once when
 * made; only their SHA-256 is stored. A fast hash is enough for a key this random (nobody can search 2^256
 * keys, and unlike a password there is no guessable space to slow an attacker down in), and it lets every
 * request find its key with one indexed lookup instead of half a second of scrypt.
 */

const KEY_PREFIX = 'crbc_';
const KEY_SHAPE = /^crbc_[A-Za-z0-9_-]{43}$/;

export const hashIntegrationKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key, its hash (stored) and its first characters (shown in the list to tell keys apart). */
export function newIntegrationKey(): { key: string; keyHash: string; keyPrefix: string } {
  const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, keyHash: hashIntegrationKey(key), keyPrefix: key.slice(0, KEY_PREFIX.length + 6) };
}

/** The integration's own newsroom account's email: its name, readable in the audit log; `.invalid` never delivers. */
export const integrationAccountEmail = (name: string) => `${slugify(name).slice(0, 40) || 'integration'}.${randomBytes(4).toString('hex')}@integration.invalid`;

/** Who an Admin API call acts as: the integration's own newsroom account, with the integration's role. */
export interface IntegrationActor {
  id: number;
  role: IntegrationRole;
  name: string;
  integrationId: number;
}

/** The bearer token of an Authorization header, if it has the shape of a key. */
export function bearerKey(header: string | null | undefined): string | null {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match?.[1] && KEY_SHAPE.test(match[1]) ? match[1] : null;
}

const TOUCH_EVERY_MS = 60_000;

/** The live integration a key names (null: missing, malformed, wrong or revoked), marking it used. */
export function integrationForKey(key: string | null, now: number = Date.now()): IntegrationActor | null {
  const found = key === null ? null : findIntegrationByKeyHash(hashIntegrationKey(key));
  if (!found) return null;
  if (found.lastUsedAt === null || now - found.lastUsedAt > TOUCH_EVERY_MS) touchIntegration(found.id, now);
  return { id: found.userId, role: found.role, name: found.name, integrationId: found.id };
}

/** Whether an Authorization header carries a live key (the front door's body limit: server/request-limits.ts). */
export const carriesLiveIntegrationKey = (header: string | undefined): boolean => {
  const key = bearerKey(header);
  return key !== null && findIntegrationByKeyHash(hashIntegrationKey(key)) !== null;
};
