import { openDatabase, type Db } from '@/db/client';
import { databaseFile, mediaDir } from '@/lib/config';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { seedCommand } from './lib/seed-cli';

// npm run db:seed -- [--demo | --no-demo]: the demo newsroom into an empty database, except in production
// (scripts/lib/seed-cli.ts says exactly when). `npm start` runs it with its own options.
const opened: Db[] = [];
try {
  console.log(`Database: ${databaseFile()}`);
  process.exitCode = await seedCommand(process.argv.slice(2), process.env, {
    openDb: () => {
      const db = openDatabase();
      opened.push(db);
      return db;
    },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    loadContent: () => readSeedContent(DEMO_CONTENT_DIR),
    mediaDir: mediaDir(),
    now: Date.now(),
  });
} finally {
  for (const db of opened) db.$client.close();
}
