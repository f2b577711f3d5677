import { beforeEach, expect, it, vi } from 'vitest';
import { createArticle } from '@/db/articles/writes';
import { listArticleRevisions } from '@/db/articles/revisions';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { createUser } from '@/db/users';
import { testArticleFields } from '@/test/support/database-fixtures';
import { withTestDatabase } from '@/test/support/database';
import { revisionLabels } from '../revision-labels';
import { publishDueArticles } from './publish';

// Next's cache functions need a request in progress: here, each call is recorded instead.
const calls = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(`updateTag ${tag}`),
  revalidateTag: (tag: string, profile: unknown) => calls.push(`revalidateTag ${tag} ${JSON.stringify(profile)}`),
}));

const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  calls.length = 0;
  userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
});

it('publishes a scheduled article as the editor’s Publish does: a revision, an audit line, the same invalidation', () => {
  const due = createArticle(db, testArticleFields(db, { body: 'due' }), { status: 'scheduled', scheduledFor: 1_000 }, { userId, now: 1 });
  const later = createArticle(db, { ...testArticleFields(db, { body: 'later' }), slug: 'later' }, { status: 'scheduled', scheduledFor: 5_000 }, { userId, now: 1 });

  expect(publishDueArticles({ now: 2_000, caller: 'route-handler', db })).toEqual([due]);

  const revisions = listArticleRevisions(due, db);
  expect(revisions.map((r) => [r.kind, r.status, r.userName])).toEqual([
    ['publish', 'published', null],
    ['save', 'scheduled', 'E'],
  ]);
  expect(revisionLabels(revisions)).toEqual(['Published', 'Scheduled']);
  expect(listAudit({ limit: 10 }, db).map((a) => [a.action, a.entityId, a.userId])).toEqual([['published (scheduled)', due, null]]);
  expect(calls).toContain(`revalidateTag article:${due} {"expire":0}`);
  expect(calls).toContain('revalidateTag home {"expire":0}');

  // Only once, and only what is due.
  expect(publishDueArticles({ now: 2_000, caller: 'route-handler', db })).toEqual([]);
  expect(listArticleRevisions(later, db).map((r) => r.kind)).toEqual(['save']);
  expect(publishDueArticles({ now: 5_000, caller: 'route-handler', db })).toEqual([later]);
});
