import { eq } from 'drizzle-orm';
import { generatePassword, hashPassword } from '@/lib/auth/passwords';
import type { Db } from '@/db/client';
import { authors, type UserRole } from '@/db/schema';
import { createUser, EmailTakenError, getUserByEmail } from '@/db/users';

const demoUsers: { email: string; name: string; role: UserRole; authorSlug?: string }[] = [
  { email: 'admin@example.com', name: 'Demo Admin', role: 'admin' },
  { email: 'editor@example.com', name: 'Demo Editor', role: 'editor', authorSlug: 'daniel-reyes' },
  { email: 'writer@example.com', name: 'Demo Writer', role: 'writer', authorSlug: 'amara-osei' },
];

/**
 * One demo account per role with fresh random passwords, returned so the caller can print them once
 * (only their hashes are stored). Throws EmailTakenError if a demo account already exists.
 */
export async function seedDemoUsers(db: Db): Promise<{ email: string; role: UserRole; password: string }[]> {
  // Before spending a second of scrypt on each: the transaction below still refuses a late duplicate.
  const taken = demoUsers.find((user) => getUserByEmail(user.email, db));
  if (taken) throw new EmailTakenError(taken.email);
  const accounts = await Promise.all(
    demoUsers.map(async (user) => {
      const password = generatePassword();
      return { ...user, password, passwordHash: await hashPassword(password) };
    }),
  );
  // Hash first, then insert all in one transaction: a failure leaves no half-seeded set of accounts.
  db.$client.transaction(() => {
    for (const { email, name, role, authorSlug, passwordHash } of accounts) {
      const authorId = authorSlug
        ? (db.select({ id: authors.id }).from(authors).where(eq(authors.slug, authorSlug)).get()?.id ?? null)
        : null;
      createUser({ email, name, role, passwordHash, authorId }, db);
    }
  })();
  return accounts.map(({ email, role, password }) => ({ email, role, password }));
}
