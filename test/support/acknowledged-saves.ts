import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createArticle, updateArticle } from '@/db/articles/writes';
import { openDatabase } from '@/db/client';
import { articles, users } from '@/db/schema';
import { testArticleFields } from './database-fixtures';

/**
 * A stand-in for the newsroom under test: saves articles for ever through the same functions the
 * newsroom's save action calls (createArticle, updateArticle: each save one synchronous SQLite
 * transaction) and prints `ack ID VERSION HASH` once a save has committed, as the server answers an
 * editor once the save returned. The crash and concurrency tests (db/crash-safety.test.ts) run it as
 * a child process on a prepared database (`node --import tsx test/support/acknowledged-saves.ts FILE [--paced]`, then any line
 * on its stdin to start) and kill it.
 */

/** What an acknowledgement promises: this headline and body, as saved. */
export function contentHash(headline: string, body: string): string {
  return createHash('sha256').update(headline).update('\0').update(body).digest('hex').slice(0, 16);
}

/**
 * `paced`: small bodies (1-10 KB) and a millisecond between saves, for a test that runs other work beside the
 * saves. At full speed with bodies up to 100 KB the database grows by tens of MB a second, so on a busy machine
 * a backup taken beside it copies ever more and the test's time runs away with the machine's load.
 */
function main(file: string, paced: boolean): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const db = openDatabase(file);
  // Started again on the same file after a crash, it carries on editing what is there.
  const versions = new Map(db.select({ id: articles.id, version: articles.version }).from(articles).all().map((a) => [a.id, a.version]));
  const ids = [...versions.keys()];
  const userId = db.select({ id: users.id }).from(users).limit(1).get()?.id;
  if (userId === undefined) throw new Error('The database needs a user to save as.');
  const run = `${process.pid}-${Date.now()}`;
  process.stdout.write('ready\n');
  for (let n = 1; ; n++) {
    const headline = `Save ${n} of run ${run}`;
    // Bodies of a few to a few dozen pages, so a commit spans many pages of the log.
    if (paced) Atomics.wait(pause, 0, 0, 1);
    const body = `${headline}. `.repeat(50 + Math.floor(Math.random() * (paced ? 300 : 4_000)));
    const fields = testArticleFields(db, { slug: `save-${run}-${n}`, headline, body });
    const place = { status: 'draft' } as const;
    const context = { userId, now: Date.now() };
    const target = n % 2 === 0 ? ids[Math.floor(Math.random() * ids.length)] : undefined;
    let id: number;
    let version: number;
    if (target === undefined) {
      id = createArticle(db, fields, place, context);
      version = 1;
      ids.push(id);
    } else {
      const result = updateArticle(db, { articleId: target, expectedVersion: versions.get(target) ?? 1, fields, kind: 'save' }, place, context);
      if (!result.ok) throw new Error(`save ${n} of article ${target} was refused: ${result.reason}`);
      id = target;
      version = result.version;
    }
    versions.set(id, version);
    // A pipe's write is synchronous on Linux: once this returns, the parent will read the line, killed or not.
    process.stdout.write(`ack ${id} ${version} ${contentHash(headline, body)}\n`);
  }
}

// Run, not imported (the tests import contentHash).
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = process.argv[2];
  if (!file) {
    console.error('Usage: node --import tsx test/support/acknowledged-saves.ts FILE [--paced]');
    process.exit(1);
  }
  // Loaded ahead of need, it opens the database only when told to (a line on stdin): a test can have the
  // next one ready while it checks what the last one left.
  process.stdin.once('data', () => main(file, process.argv[3] === '--paced'));
}
