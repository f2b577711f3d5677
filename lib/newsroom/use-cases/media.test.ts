import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/db/audit';
import type { Db } from '@/db/client';
import { insertLiveUpdate, startLiveBlog } from '@/db/live-blogs';
import { getMediaUsage, insertMedia } from '@/db/media';
import { articleRevisions, articles, liveUpdates } from '@/db/schema';
import { createUser } from '@/db/users';
import type { SessionUser } from '@/lib/auth/sessions';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import type { FormReply } from '../forms/form-actions';
import { LIVE_FOR_EDITORS } from '../forms/media-form';
import { editImageText } from './media';

const calls = vi.hoisted(() => [] as string[]);
// Next's cache functions need a request in progress: here, each call is recorded instead.
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(tag),
  revalidateTag: (tag: string) => calls.push(tag),
}));

const reply: FormReply = {
  refuse: (text, errors = {}) => ({ values: {}, errors, message: { kind: 'error', text }, oneTimePassword: null, answers: 1 }),
  refuseField: (field, text) => reply.refuse('fix', { [field]: text }),
  accept: (text, next) => ({ values: next.values, errors: {}, message: { kind: 'ok', text }, oneTimePassword: null, answers: 1 }),
};

const database = withTestDatabase();
let db: Db;
const person = (role: SessionUser['role']): SessionUser => {
  const email = `${role}@example.com`;
  return { id: createUser({ email, name: role, role, passwordHash: 'x' }, db), email, name: role, role } as SessionUser;
};
beforeEach(() => {
  db = database();
  calls.length = 0;
});

const addImage = (n: number) =>
  insertMedia({ fileName: `image${n}abcd-1600.webp`, mimeType: 'image/webp', width: 1600, height: 900, alt: `Image ${n}`, caption: `Old caption ${n}`, credit: '' }, db);
const row = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;
const revisionCount = () => db.select().from(articleRevisions).all().length;

describe('editing an image’s text in the library', () => {
  it('renders again, in the same write, every article body that shows the image inline or in a gallery, and invalidates their pages', () => {
    const image = addImage(1);
    const other = addImage(10);
    const inline = addTestArticle(db, { slug: 'inline', body: `Before.\n\n::image{id=${image} size="wide"}\n\nAfter.` });
    const gallery = addTestArticle(db, { slug: 'gallery', body: `:::gallery\n::image{id=${other}}\n::image{id=${image}}\n:::` });
    const inWhy = addTestArticle(db, { slug: 'why', whyItMatters: `> ::image{id=${image}}` });
    const draft = addTestArticle(db, { slug: 'draft', status: 'draft', publishedAt: null, body: `::image{id=${image}}` });
    // Not this image: another id, its number in prose, in a code block, or with its own caption.
    const unrelated = addTestArticle(db, { slug: 'unrelated', body: `The id 1 of image ${image}, ::image{id=${image}} in a sentence.\n\n::image{id=${other}}\n\n\`\`\`\n::image{id=${image}}\n\`\`\`` });
    const ownCaption = addTestArticle(db, { slug: 'own-caption', body: `::image{id=${image} caption="Our caption"}` });
    const before = Object.fromEntries([inline, gallery, inWhy, draft, unrelated, ownCaption].map((id) => [id, row(id)]));
    expect(before[inline]!.bodyHtml).toContain('Old caption 1');
    const revisions = revisionCount();

    const editor = person('editor');
    const result = editImageText({ id: image, alt: 'A ferry at dawn', caption: 'The first crossing', credit: 'CRBC' }, editor, reply, { db });
    expect(result.message).toEqual({ kind: 'ok', text: expect.stringContaining('Saved.') });

    for (const id of [inline, gallery, draft]) {
      expect(row(id).bodyHtml).toContain('The first crossing');
      expect(row(id).bodyHtml).toContain('alt="A ferry at dawn"');
      expect(row(id).bodyHtml).not.toMatch(/Old caption 1\b/);
    }
    expect(row(gallery).bodyHtml).toContain('Old caption 10');
    expect(row(inWhy).whyItMattersHtml).toContain('The first crossing');
    expect(row(unrelated)).toEqual(before[unrelated]);
    // Its own caption stays; the library's alt text is taken.
    expect(row(ownCaption).bodyHtml).toContain('Our caption');
    expect(row(ownCaption).bodyHtml).toContain('alt="A ferry at dawn"');
    // Not an edit of the articles: the same text, version and date, and no revision.
    for (const id of [inline, gallery, inWhy, draft, ownCaption]) {
      const { bodyHtml: _b, whyItMattersHtml: _w, ...unchanged } = before[id]!;
      expect(row(id)).toMatchObject(unchanged);
    }
    expect(revisionCount()).toBe(revisions);
    // The audit line of the image says what it took with it.
    expect(listAudit({ limit: 5 }, db).map((e) => [e.action, e.entity, e.entityId, e.detail])).toEqual([
      ['edited', 'media', image, expect.stringMatching(/rendered again: 5 articles/)],
    ]);
    // The published pages that show it, and nothing else (a draft has no reader page).
    expect(calls.sort()).toEqual([`article:${gallery}`, `article:${inWhy}`, `article:${inline}`, `article:${ownCaption}`].sort());
  });

  it('counts inline use as use on a published page: a writer may not change it, and the image page counts it', () => {
    const image = addImage(1);
    const published = addTestArticle(db, { slug: 'published', body: `:::gallery\n::image{id=${image}}\n:::` });
    addTestArticle(db, { slug: 'draft', status: 'draft', publishedAt: null, body: `::image{id=${image}}` });
    expect(getMediaUsage(image, db)).toEqual({ publishedArticleIds: [published], authorSlugs: [] });

    const result = editImageText({ id: image, alt: 'Changed', caption: '', credit: '' }, person('writer'), reply, { db });
    expect(result.message).toEqual({ kind: 'error', text: LIVE_FOR_EDITORS });
    expect(row(published).bodyHtml).toContain('alt="Image 1"');
    expect(calls).toEqual([]);
  });

  it('renders again the live-blog updates that show it (not an edit: no "updated" time), and invalidates the blog and its polls', () => {
    const image = addImage(1);
    const blog = addTestArticle(db, { slug: 'live', body: 'Follow it here.' });
    startLiveBlog(blog, Date.now(), db);
    const update = (body: string, fields: Partial<{ status: 'draft' | 'posted'; postedAt: number | null }> = {}) =>
      insertLiveUpdate({ articleId: blog, status: 'posted', title: '', body, bodyHtml: `<p>stale ${body}</p>`, createdBy: null, byline: '', keyEvent: false, postedAt: Date.now(), ...fields }, db);
    const showing = update(`Pictured:\n\n::image{id=${image}}`);
    const draft = update(`::image{id=${image}}`, { status: 'draft', postedAt: null });
    const prose = update(`Image ${image} is not shown here.`);
    const html = (id: number) => db.select().from(liveUpdates).where(eq(liveUpdates.id, id)).get()!;
    expect(getMediaUsage(image, db).publishedArticleIds).toEqual([blog]);

    expect(editImageText({ id: image, alt: 'A ferry at dawn', caption: 'The first crossing', credit: '' }, person('editor'), reply, { db }).message?.kind).toBe('ok');
    for (const id of [showing, draft]) {
      expect(html(id).bodyHtml).toContain('The first crossing');
      expect(html(id).bodyHtml).toContain('alt="A ferry at dawn"');
      expect(html(id).editedAt).toBeNull();
    }
    expect(html(prose).bodyHtml).toBe(`<p>stale Image ${image} is not shown here.</p>`);
    expect(listAudit({ limit: 1 }, db)[0]?.detail).toMatch(/rendered again: 2 live-blog updates/);
    expect(calls).toEqual([`article:${blog}`]);
  });
});
