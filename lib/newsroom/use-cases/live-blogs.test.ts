import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { getLiveBlog, listComposerUpdates, listPostedUpdates } from '@/db/live-blogs';
import { createUser } from '@/db/users';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { endCoverage, makeLiveBlog, removeLiveUpdate, saveLiveUpdate, type LiveActor } from './live-blogs';

const calls = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(tag),
  revalidateTag: (tag: string) => calls.push(tag),
}));
const current = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof import('@/db/client')>()), getDb: () => current.db }));

const database = withTestDatabase();
let db: Db;
let editor: LiveActor;
let writer: LiveActor;
let articleId: number;
beforeEach(() => {
  db = database();
  current.db = db;
  calls.length = 0;
  editor = { id: createUser({ email: 'e@example.com', name: 'Eda Editor', role: 'editor', passwordHash: 'x' }, db), role: 'editor', name: 'Eda Editor' };
  writer = { id: createUser({ email: 'w@example.com', name: 'Wil Writer', role: 'writer', passwordHash: 'x' }, db), role: 'writer', name: 'Wil Writer' };
  articleId = addTestArticle(db);
});

const submit = (user: LiveActor | null, body: string, intent: 'post' | 'draft' = 'post', updateId: number | null = null) =>
  saveLiveUpdate({ formKey: 0 }, { articleId, updateId, intent, values: { title: 'A title', body, keyEvent: false } }, user, 1_000);

describe('live blogs', () => {
  it('only editors make an article a live blog or end its coverage; each is audited and invalidates the fronts', () => {
    expect(makeLiveBlog(articleId, writer)).toBe('/admin?denied=1');
    expect(getLiveBlog(articleId, db)).toBeNull();
    expect(makeLiveBlog(articleId, editor, 500)).toBe(`/admin/articles/${articleId}/live`);
    expect(getLiveBlog(articleId, db)).toEqual({ articleId, startedAt: 500, endedAt: null });
    expect(calls).toEqual(expect.arrayContaining([`article:${articleId}`, 'home', 'section:politics']));
    expect(endCoverage(articleId, writer)).toBe('/admin?denied=1');
    endCoverage(articleId, editor, 900);
    expect(getLiveBlog(articleId, db)?.endedAt).toBe(900);
    expect(listAudit({ limit: 10 }, db).map((e) => e.action)).toEqual(['live blog ended', 'live blog started']);
  });

  it('an editor posts: rendered, sanitised, audited, and the blog’s page invalidated (not the fronts)', () => {
    makeLiveBlog(articleId, editor);
    calls.length = 0;
    const state = submit(editor, 'Hello **there** <script>alert(1)</script>');
    expect(state.errors).toEqual({});
    expect(state.message).toBe('Posted: readers see it now.');
    const [update] = listPostedUpdates(articleId, {}, db);
    expect(update).toMatchObject({ byline: 'Eda Editor', postedAt: 1_000, status: 'posted' });
    expect(update?.bodyHtml).toContain('<strong>there</strong>');
    expect(update?.bodyHtml).not.toContain('<script');
    expect(calls.sort()).toEqual([`article:${articleId}`, 'feeds-and-sitemaps']);
    expect(listAudit({ limit: 1 }, db)[0]).toMatchObject({ action: 'live update posted', userId: editor.id });
  });

  it('a writer drafts but cannot post, nor edit a posted update, nor delete one; the text comes back as typed', () => {
    makeLiveBlog(articleId, editor);
    const refused = submit(writer, 'From the field', 'post');
    expect(refused.errors.form).toContain('an editor posts them');
    expect(refused.values.body).toBe('From the field');
    expect(listComposerUpdates(articleId, 10, db)).toEqual([]);
    expect(submit(writer, 'From the field', 'draft').message).toBe('Draft saved: an editor can post it.');
    expect(listPostedUpdates(articleId, {}, db)).toEqual([]);
    const [draft] = listComposerUpdates(articleId, 10, db);
    // The editor posts the writer's draft.
    submit(editor, 'From the field, checked', 'post', draft!.id);
    expect(listPostedUpdates(articleId, {}, db).map((u) => u.body)).toEqual(['From the field, checked']);
    expect(submit(writer, 'Rewritten', 'draft', draft!.id).errors.form).toContain('only your own drafts');
    expect(removeLiveUpdate({ formKey: 0 }, { articleId, updateId: draft!.id }, writer).errors.form).toContain('only your own drafts');
    expect(listPostedUpdates(articleId, {}, db)).toHaveLength(1);
  });

  it('an edit marks the update edited; a delete removes it for readers; both audited', () => {
    makeLiveBlog(articleId, editor);
    submit(editor, 'First');
    const [posted] = listPostedUpdates(articleId, {}, db);
    saveLiveUpdate({ formKey: 1 }, { articleId, updateId: posted!.id, intent: 'post', values: { title: '', body: 'First, corrected', keyEvent: true } }, editor, 2_000);
    expect(listPostedUpdates(articleId, {}, db)[0]).toMatchObject({ body: 'First, corrected', editedAt: 2_000, postedAt: 1_000, keyEvent: true });
    expect(removeLiveUpdate({ formKey: 1 }, { articleId, updateId: posted!.id }, editor).message).toBe('Update deleted.');
    expect(listPostedUpdates(articleId, {}, db)).toEqual([]);
    expect(listAudit({ limit: 3 }, db).map((e) => e.action)).toEqual(['live update deleted', 'live update edited', 'live update posted']);
  });

  it('refuses an empty or 100,000-character update, and updates to an article that is not a live blog, saving nothing', () => {
    expect(submit(editor, 'Not yet a live blog').errors.form).toContain('not a live blog');
    makeLiveBlog(articleId, editor);
    expect(submit(editor, '   ').errors).toEqual({ body: 'Write the update before posting it.' });
    const huge = submit(editor, 'z'.repeat(100_000));
    expect(huge.errors.body).toContain('at most 20,000 characters (this one has 100,000)');
    expect(huge.values.body).toHaveLength(100_000);
    expect(submit(null, 'Signed out').errors.form).toContain('session');
    expect(listComposerUpdates(articleId, 10, db)).toEqual([]);
  });
});
