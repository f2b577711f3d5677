import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createArticle, newArticleArguments, type NewArticle } from '@/db/articles/writes';
import { openDatabase, type Db } from '@/db/client';
import { authors, sections } from '@/db/schema';

/** A migrated database in a fresh temporary file, removed by the returned cleanup. */
export function createTestDatabase(): { db: Db; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-test-'));
  const db = openDatabase(path.join(dir, 'news.db'));
  return {
    db,
    cleanup: () => {
      db.$client.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two sections and an author, the least a test article needs. */
export function addTestSections(db: Db): void {
  db.insert(sections)
    .values([
      { slug: 'politics', name: 'Politics', position: 1 },
      { slug: 'world', name: 'World', position: 2 },
    ])
    .run();
  db.insert(authors).values({ slug: 'reporter', name: 'A Reporter' }).run();
}

let counter = 0;

/** Inserts a published article (unless told otherwise) with only the fields a test cares about set. */
export function addTestArticle(db: Db, fields: Partial<NewArticle> = {}): number {
  counter++;
  const publishedAt = fields.publishedAt === undefined ? Date.UTC(2026, 0, 1) + counter * 60_000 : fields.publishedAt;
  return createArticle(
    ...newArticleArguments(db, {
      slug: `story-${counter}`,
      sectionSlug: 'politics',
      status: 'published',
      headline: `Story ${counter}`,
      summary: 'Summary.',
      body: 'Body.',
      authorSlugs: ['reporter'],
      tagNames: [],
      updatedAt: publishedAt ?? Date.now(),
      ...fields,
      publishedAt,
    }),
  );
}

/** For a test file: a fresh database with the test sections before each test, removed after it. */
export function withTestDatabase(): () => Db {
  let current: ReturnType<typeof createTestDatabase> | undefined;
  beforeEach(() => {
    current = createTestDatabase();
    addTestSections(current.db);
  });
  afterEach(() => current?.cleanup());
  return () => {
    if (!current) throw new Error('withTestDatabase() gives a database only inside a test');
    return current.db;
  };
}
