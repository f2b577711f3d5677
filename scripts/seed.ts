import path from 'node:path';
import { openDatabase } from '@/db/client';
import { isDatabaseEmpty, seedDemoSite } from '@/db/seed';
import { seedDemoUsers } from '@/db/seed-users';
import { databaseFile, mediaDir } from '@/lib/config';
import { readSeedContent } from '@/lib/seed-content';

/** Seeds the demo newsroom into an empty database; a database that has articles is left alone. */
const db = openDatabase();
try {
  if (!isDatabaseEmpty(db)) {
    console.log(`Database already has content, not seeding: ${databaseFile()}`);
  } else {
    const content = readSeedContent(path.join(import.meta.dirname, 'seed-content'));
    const count = await seedDemoSite(db, content, mediaDir(), Date.now());
    console.log(`Seeded ${count} articles in ${content.sections.length} sections: ${databaseFile()}`);
    const accounts = await seedDemoUsers(db);
    console.log('\nNewsroom accounts (sign in at /admin/login). The passwords are shown only this once:');
    for (const { email, role, password } of accounts) console.log(`  ${role.padEnd(7)} ${email.padEnd(22)} ${password}`);
    console.log('Forgot one? npm run user:reset-password -- --email EMAIL\n');
  }
} finally {
  db.$client.close();
}
