import { beforeEach, expect, it } from 'vitest';
import type { Db } from './client';
import { deleteExpiredSessions, getSessionUser, insertSession } from './sessions';
import { withTestDatabase } from '@/test/support/database';
import { createUser } from './users';

const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'jo@example.com', name: 'Jo', role: 'admin', passwordHash: 'hash' }, db);
});

it('finds a live session with its user, start and expiry, and nothing at or after the expiry', () => {
  insertSession('live', userId, 2_000, 500, db);
  expect(getSessionUser('live', 1_999, db)).toEqual({
    user: { id: userId, email: 'jo@example.com', name: 'Jo', role: 'admin', authorId: null },
    expiresAt: 2_000,
    createdAt: 500,
  });
  expect(getSessionUser('live', 2_000, db)).toBeNull();
  expect(getSessionUser('unknown', 1_000, db)).toBeNull();
});

it('deletes expired sessions only', () => {
  insertSession('old', userId, 1_000, 0, db);
  insertSession('live', userId, 3_000, 0, db);
  expect(deleteExpiredSessions(2_000, db)).toBe(1);
  expect(getSessionUser('live', 2_000, db)).not.toBeNull();
});

it("goes with its user's account", () => {
  insertSession('live', userId, 3_000, 0, db);
  db.$client.prepare('delete from users where id = ?').run(userId);
  expect(db.$client.prepare('select count(*) from sessions').pluck().get()).toBe(0);
});
