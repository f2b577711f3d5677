import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createArticle, moveArticleToTrash, updateArticle } from '@/db/articles/writes';
import { closeDb, getDb, type Db } from '@/db/client';
import { getEditableArticle } from '@/db/newsroom';
import { createUser } from '@/db/users';
import { insertWebhookEndpoint } from '@/db/webhooks';
import { webhookEventTypes } from '@/db/schema';
import type { SessionUser } from '@/db/sessions';
import { emptySlot } from '@/lib/newsroom/forms/front-form';
import { changeArticle } from '@/lib/newsroom/use-cases/article-change';
import { arrangeFront } from '@/lib/newsroom/use-cases/fronts';
import { makeLiveBlog, saveLiveUpdate } from '@/lib/newsroom/use-cases/live-blogs';
import { publishArticle } from '@/lib/newsroom/use-cases/publish';
import { addTestSections } from '@/test/support/database';
import { testArticleFields } from '@/test/support/database-fixtures';

// Next's cache functions need a request in progress: here they do nothing.
vi.mock('next/cache', () => ({ updateTag: () => {}, revalidateTag: () => {} }));

let dir: string;
let db: Db;
let editor: SessionUser;
let articleId: number;
const previous = { DATA_DIR: process.env.DATA_DIR, BASE_URL: process.env.BASE_URL };
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-webhook-events-'));
  process.env.DATA_DIR = dir;
  process.env.BASE_URL = 'https://news.example.com';
  closeDb();
  db = getDb();
  addTestSections(db);
  editor = { id: createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'x' }, db), email: 'ed@example.com', name: 'Ed', role: 'editor', authorId: null };
  insertWebhookEndpoint({ name: 'all', url: 'https://hooks.example.com/a', events: [...webhookEventTypes], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, db);
  articleId = createArticle(db, testArticleFields(db, { headline: 'A draft headline long enough' }), { status: 'draft' }, { userId: editor.id, now: 1 });
});
afterEach(() => {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

const outbox = () =>
  db.$client
    .prepare('select endpoint_id as endpointId, event_type as type, payload, message_id as messageId from webhook_deliveries order by id')
    .all() as { endpointId: number; type: string; payload: string; messageId: string }[];
const types = () => outbox().map((row) => row.type);
const publish = () =>
  publishArticle({ articleId, fields: 'as-saved', userId: editor.id, action: 'publish', now: Date.now(), caller: 'server-action', db });
const setStatus = (status: 'draft' | 'published') =>
  changeArticle({
    db,
    articleId,
    caller: 'server-action',
    audit: { userId: editor.id, action: status },
    write: (before) => updateArticle(db, { articleId, expectedVersion: before!.version, fields: testArticleFields(db, { headline: before!.headline }), kind: 'save' }, { status }, { userId: editor.id, now: Date.now() }),
    savedId: (r) => (r.ok ? articleId : null),
  });
const trash = () =>
  changeArticle({ db, articleId, caller: 'server-action', audit: { userId: editor.id, action: 'trash' }, write: () => moveArticleToTrash(db, articleId, Date.now()), savedId: (moved) => (moved ? articleId : null) });

it('saving a draft queues nothing; publishing queues one article.published with the Standard Webhooks shape', () => {
  setStatus('draft');
  expect(types()).toEqual([]);
  publish();
  const [row] = outbox();
  expect(types()).toEqual(['article.published']);
  expect(row!.messageId).toMatch(/^msg_[A-Za-z0-9_-]{20,}$/);
  const body = JSON.parse(row!.payload);
  expect(Object.keys(body)).toEqual(['type', 'timestamp', 'data']);
  expect(body.type).toBe('article.published');
  expect(new Date(body.timestamp).toISOString()).toBe(body.timestamp);
  const slug = getEditableArticle(articleId, db)!.slug;
  expect(body.data).toMatchObject({ id: articleId, url: `https://news.example.com/politics/${slug}`, headline: 'A draft headline long enough', section: 'politics', status: 'published' });
  expect(body.data.published_at).toMatch(/^\d{4}-\d\d-\d\dT/);
});

it('a live article changed is article.updated; unpublished is article.unpublished; trashed after that is article.trashed', () => {
  publish();
  publish(); // "Update live article"
  setStatus('draft');
  trash();
  expect(types()).toEqual(['article.published', 'article.updated', 'article.unpublished', 'article.trashed']);
});

it('a live article moved to the trash makes article.trashed only; a draft never published makes nothing', () => {
  publish();
  trash();
  expect(types()).toEqual(['article.published', 'article.trashed']);
  const other = createArticle(db, testArticleFields(db, { slug: 'never-out', headline: 'Never published headline here' }), { status: 'draft' }, { userId: editor.id, now: 1 });
  changeArticle({ db, articleId: other, caller: 'server-action', audit: { userId: editor.id, action: 'trash' }, write: () => moveArticleToTrash(db, other, Date.now()), savedId: () => other });
  expect(types()).toEqual(['article.published', 'article.trashed']);
});

it('a change whose transaction fails leaves no event behind (the outbox is in the same transaction)', () => {
  const failing = () =>
    changeArticle({
      db,
      articleId,
      caller: 'server-action',
      audit: { userId: editor.id, action: 'publish' },
      write: (before) => updateArticle(db, { articleId, expectedVersion: before!.version, fields: testArticleFields(db), kind: 'publish' }, { status: 'published' }, { userId: editor.id, now: 2 }),
      // The audit line's step throws after the event was queued: everything is undone.
      savedId: () => {
        throw new Error('disk full');
      },
    });
  expect(failing).toThrow('disk full');
  expect(types()).toEqual([]);
  expect(getEditableArticle(articleId, db)!.status).toBe('draft');
});

it('a posted live update is live_update.posted (a draft and an edit are not); a saved front is front.changed', () => {
  publish();
  makeLiveBlog(articleId, editor);
  saveLiveUpdate({ formKey: 0 }, { articleId, updateId: null, intent: 'draft', values: { title: 'Draft', body: 'Not yet.', keyEvent: false } }, editor);
  saveLiveUpdate({ formKey: 0 }, { articleId, updateId: null, intent: 'post', values: { title: 'Posted', body: 'It happened.', keyEvent: true } }, editor);
  const posted = outbox().at(-1)!;
  expect(posted.type).toBe('live_update.posted');
  const data = JSON.parse(posted.payload).data;
  expect(data).toMatchObject({ title: 'Posted', key_event: true, article: { id: articleId } });
  expect(data.url).toBe(`${data.article.url}#update-${data.id}`);
  saveLiveUpdate({ formKey: 0 }, { articleId, updateId: data.id, intent: 'post', values: { title: 'Posted, edited', body: 'It happened.', keyEvent: true } }, editor);
  const slug = getEditableArticle(articleId, db)!.slug;
  arrangeFront({ front: 'home', version: '0', intent: 'save', slots: [{ ...emptySlot, article: slug }] }, editor, 0);
  expect(types()).toEqual(['article.published', 'live_update.posted', 'front.changed']);
  expect(JSON.parse(outbox().at(-1)!.payload).data).toEqual({ front: 'home', url: 'https://news.example.com/' });
});

it('queues only for endpoints that subscribed to the event and are not paused', () => {
  const fronts = insertWebhookEndpoint({ name: 'fronts only', url: 'https://hooks.example.com/f', events: ['front.changed'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, db);
  const paused = insertWebhookEndpoint({ name: 'paused', url: 'https://hooks.example.com/p', events: [...webhookEventTypes], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, db);
  db.$client.prepare('update webhook_endpoints set paused_at = 1 where id = ?').run(paused);
  publish();
  expect(outbox().map((r) => r.endpointId)).toEqual([1]);
  arrangeFront({ front: 'home', version: '0', intent: 'save', slots: [{ ...emptySlot, article: getEditableArticle(articleId, db)!.slug }] }, editor, 0);
  expect(outbox().slice(1).map((r) => r.endpointId).sort()).toEqual([1, fronts]);
});
