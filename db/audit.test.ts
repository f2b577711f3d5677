import { beforeEach, expect, it } from 'vitest';
import { countAudit, countAuditSince, listAudit, recordAudit } from './audit';
import type { Db } from './client';
import { withTestDatabase } from '@/test/support/database';
import { createUser } from './users';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

it('lists entries newest first with the email of who did it, a page at a time', () => {
  const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, db);
  recordAudit({ userId: null, action: 'user.create', entity: 'user', entityId: userId, detail: 'from the command line' }, db);
  recordAudit({ userId, action: 'article.publish', entity: 'article', entityId: 12 }, db);
  recordAudit({ userId, action: 'settings.update', entity: 'settings' }, db);

  const entries = listAudit({ limit: 10 }, db);
  expect(entries.map((e) => [e.action, e.userEmail, e.entityId, e.detail])).toEqual([
    ['settings.update', 'ed@example.com', null, ''],
    ['article.publish', 'ed@example.com', 12, ''],
    ['user.create', null, userId, 'from the command line'],
  ]);
  expect(entries[0]?.createdAt).toEqual(expect.any(Number));
  expect(listAudit({ limit: 1, offset: 1 }, db).map((e) => e.action)).toEqual(['article.publish']);
  expect(countAudit(db)).toBe(3);
});

it('keeps the entry when its user is deleted', () => {
  const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, db);
  recordAudit({ userId, action: 'tag.delete', entity: 'tag', entityId: 3 }, db);
  db.$client.prepare('delete from users').run();
  expect(listAudit({ limit: 10 }, db)).toMatchObject([{ action: 'tag.delete', userId: null, userEmail: null }]);
});

it('lists and counts one kind of entry (sign-in lockouts), and counts those of the last hours', () => {
  const now = Date.UTC(2026, 11, 5, 12);
  const hour = 3_600_000;
  recordAudit({ userId: null, action: 'sign-in locked', entity: 'user', detail: 'old', createdAt: now - 30 * hour }, db);
  recordAudit({ userId: null, action: 'sign-in failed', entity: 'user', createdAt: now - 2 * hour }, db);
  recordAudit({ userId: null, action: 'sign-in locked', entity: 'user', detail: 'recent', createdAt: now - hour }, db);
  expect(listAudit({ limit: 10, action: 'sign-in locked' }, db).map((e) => e.detail)).toEqual(['recent', 'old']);
  expect(listAudit({ limit: 1, offset: 1, action: 'sign-in locked' }, db).map((e) => e.detail)).toEqual(['old']);
  expect(countAudit(db, 'sign-in locked')).toBe(2);
  expect(countAudit(db)).toBe(3);
  expect(countAuditSince('sign-in locked', now - 24 * hour, db)).toBe(1);
});
