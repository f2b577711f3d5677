import { beforeEach, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/passwords';
import type { Db } from '@/db/client';
import { authors } from '@/db/schema';
import { seedDemoUsers } from './seed-users';
import { withTestDatabase } from '@/test/support/database';
import { createUser, EmailTakenError, getUserByEmail, listUsers } from '@/db/users';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

// Each scrypt hash at N=2^17 is ~0.6 s of one core by design, and several run per test: on 2 shared
// cores with other work running, that alone can pass the default 5 s.
it('creates one account per role with working passwords, linked to their authors when those exist', { timeout: 20_000 }, async () => {
  const amara = db.insert(authors).values({ slug: 'amara-osei', name: 'Amara Osei' }).returning().get();
  const credentials = await seedDemoUsers(db);
  expect(credentials.map(({ email, role }) => [email, role])).toEqual([
    ['admin@example.com', 'admin'],
    ['editor@example.com', 'editor'],
    ['writer@example.com', 'writer'],
  ]);
  expect(listUsers(db).map(({ email, name, authorId }) => [email, name, authorId])).toEqual([
    ['admin@example.com', 'Demo Admin', null],
    ['editor@example.com', 'Demo Editor', null],
    ['writer@example.com', 'Demo Writer', amara.id],
  ]);
  const writer = credentials[2]!;
  expect(await verifyPassword(writer.password, getUserByEmail(writer.email, db)?.passwordHash)).toBe(true);
});

it('creates none of them when one exists already, before hashing any password', async () => {
  createUser({ email: 'editor@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, db);
  await expect(seedDemoUsers(db)).rejects.toThrow(EmailTakenError);
  expect(listUsers(db).map((u) => u.email)).toEqual(['editor@example.com']);
});
