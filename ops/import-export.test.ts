import { eq, getTableColumns } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteExportSchema } from '@/ops/site-export';
import { setRelatedArticles } from '@/db/articles/writes';
import type { Db } from '@/db/client';
import { importDraft } from '@/db/articles/import-draft';
import { exportSite, importSite, SiteNotEmptyError } from './import-export';
import { getEditableArticle } from '@/db/newsroom';
import { articleRevisions, articles, authors, media, redirects, sections, tags } from '@/db/schema';
import { addTestArticle, createTestDatabase, withTestDatabase } from '@/test/support/database';
import { testImportedArticle as imported } from '@/test/support/database-fixtures';
import { createUser } from '@/db/users';


const NOW = Date.UTC(2026, 2, 1);

describe('exportSite and importSite', () => {
  const database = withTestDatabase();
  let source: Db;
  let target: ReturnType<typeof createTestDatabase>;
  beforeEach(() => {
    source = database();
    target = createTestDatabase();
  });
  afterEach(() => target.cleanup());

  /** A little of everything: hero, author photo, tags, two authors, related picks, corrections, a revision, a redirect, the trash. */
  function seedSource(): void {
    source.insert(authors).values({ slug: 'second', name: 'Second Reporter', title: 'Correspondent', bio: 'Writes.' }).run();
    const photoId = source
      .insert(media)
      .values({ fileName: 'second.webp', mimeType: 'image/webp', width: 200, height: 200, alt: 'Portrait', createdAt: NOW })
      .returning({ id: media.id })
      .get().id;
    source.update(authors).set({ photoMediaId: photoId }).where(eq(authors.slug, 'second')).run();
    const lead = addTestArticle(source, {
      slug: 'lead',
      type: 'analysis',
      tagNames: ['Transport', 'City Hall'],
      authorSlugs: ['second', 'reporter'],
      keyPointsTitle: 'Key Proposals',
      keyPoints: [
        { label: 'One', text: 'First.' },
        { label: 'Two', text: 'Second.' },
      ],
      corrections: [{ text: 'An earlier version misspelled a name.', publishedAt: NOW }],
      hero: { fileName: 'lead.webp', width: 1200, height: 675, alt: 'A bus', caption: 'Night bus', credit: 'CRBC' },
    });
    const other = addTestArticle(source, { slug: 'other', sectionSlug: 'world', tagNames: ['Transport'] });
    const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, source);
    const draft = importDraft(source, imported({ sectionName: 'World' }), { userId, now: NOW }).id;
    source.update(articles).set({ seoTitle: 'Night buses', version: 3 }).where(eq(articles.id, draft)).run();
    setRelatedArticles(source, lead, [draft, other]);
    setRelatedArticles(source, other, [lead]);
    source.update(articles).set({ deletedAt: NOW }).where(eq(articles.id, other)).run();
    source.insert(redirects).values({ fromPath: '/politics/old-lead', articleId: lead }).run();
  }

  it('round-trips the whole site through JSON into another database, relations by slug', () => {
    seedSource();
    const exported = exportSite(NOW, source);
    const file = siteExportSchema.parse(JSON.parse(JSON.stringify(exported)));
    // A section already there under the same slug takes the exported values; ids differ from the source's.
    target.db.insert(sections).values({ slug: 'world', name: 'Old World', position: 9 }).run();

    expect(importSite(target.db, file)).toEqual({ sections: 2, tags: 2, authors: 2, media: 2, articles: 3 });
    expect(exportSite(NOW, target.db)).toEqual(exported);

    expect(exported.articles.find((a) => a.slug === 'lead')).toMatchObject({
      section: 'politics',
      type: 'analysis',
      hero: 'lead.webp',
      tags: ['city-hall', 'transport'],
      authors: ['second', 'reporter'],
      related: ['council-approves-night-bus-trial', 'other'],
      redirects: ['/politics/old-lead'],
      corrections: [{ text: 'An earlier version misspelled a name.', publishedAt: NOW }],
    });
    expect(exported.articles.find((a) => a.slug === 'other')?.deletedAt).toBe(NOW);
    expect(exported.articles.find((a) => a.slug === 'other')?.type).toBe('news');
    // A file written before story types has none: its articles come in as news.
    const { type: _type, ...untyped } = exported.articles[0]!;
    expect(siteExportSchema.parse({ ...exported, articles: [{ ...untyped, related: [] }] }).articles[0]?.type).toBe('news');
    expect(exported.authors.find((a) => a.slug === 'second')?.photo).toBe('second.webp');
    const revision = exported.articles.find((a) => a.status === 'draft')?.revisions[0];
    expect(revision?.snapshot).toMatchObject({ sectionSlug: 'world', authorSlugs: [] });
    expect(revision?.snapshot).not.toHaveProperty('sectionId');

    // Revision snapshots point at the target's own ids again.
    const worldId = target.db.select({ id: sections.id }).from(sections).where(eq(sections.slug, 'world')).get()?.id;
    const draftId = target.db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'draft')).get()?.id ?? -1;
    const [stored] = target.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, draftId)).all();
    expect(stored).toMatchObject({ userId: null, snapshot: { sectionId: worldId, authorIds: [] } });
    expect(getEditableArticle(draftId, target.db)).toMatchObject({ createdBy: null, seoTitle: 'Night buses', version: 3 });
  });

  it('keeps every image a body shows (inline and in a gallery), its hero and its revisions’ images where the target numbers images otherwise', () => {
    const image = (db: Db, fileName: string, alt: string, caption: string) =>
      db.insert(media).values({ fileName, mimeType: 'image/webp', width: 1600, height: 900, alt, caption, credit: 'CRBC', createdAt: NOW }).returning({ id: media.id }).get().id;
    const harbour = image(source, 'harbour-1600.webp', 'The harbour at dawn', 'Boats leave');
    const market = image(source, 'market-1600.webp', 'A covered market', 'Stalls');
    const bridge = image(source, 'bridge-1600.webp', 'A bridge over the river', 'Two spans');
    const body = [
      'The town wakes.',
      '',
      `::image{id=${market} size="wide"}`,
      '',
      ':::gallery',
      `::image{id=${bridge}}`,
      `::image{id=${harbour} caption="Our own caption"}`,
      ':::',
      '',
      'Why it matters names one too.',
    ].join('\n');
    const articleId = addTestArticle(source, {
      slug: 'pictures',
      body,
      whyItMatters: `::image{id=${harbour}}`,
      hero: { fileName: 'hero-1600.webp', width: 1600, height: 900, alt: 'The hero', caption: 'Hero caption', credit: 'CRBC' },
    });
    const heroId = source.select({ id: articles.heroMediaId }).from(articles).where(eq(articles.id, articleId)).get()?.id;
    source
      .insert(articleRevisions)
      .values({ articleId, version: 1, kind: 'save', snapshot: { body: `::image{id=${bridge}}`, whyItMatters: '', heroMediaId: market, authorIds: [], sectionId: 1 } })
      .run();
    const exported = siteExportSchema.parse(JSON.parse(JSON.stringify(exportSite(NOW, source))));
    const sourceHtml = source.select({ bodyHtml: articles.bodyHtml, whyItMattersHtml: articles.whyItMattersHtml }).from(articles).get();
    const alts = (html: string | null | undefined) => [...(html ?? '').matchAll(/ alt="([^"]*)"/g)].map((m) => m[1]);
    expect(alts(sourceHtml?.bodyHtml)).toEqual(['A covered market', 'A bridge over the river', 'The harbour at dawn']);

    // The target's library already has images under those numbers, and one of the same file (it takes the exported text).
    image(target.db, 'older-a-1600.webp', 'Someone else’s picture', 'Not ours');
    image(target.db, 'older-b-1600.webp', 'Another picture', 'Not ours either');
    image(target.db, 'older-c-1600.webp', 'A third picture', 'Still not ours');
    image(target.db, 'zz-1600.webp', 'Fourth', '');
    image(target.db, 'bridge-1600.webp', 'An old description', '');
    importSite(target.db, exported);

    const stored = target.db.select().from(articles).where(eq(articles.slug, 'pictures')).get();
    const idOf = (fileName: string) => target.db.select({ id: media.id }).from(media).where(eq(media.fileName, fileName)).get()?.id;
    expect(idOf('market-1600.webp')).not.toBe(market);
    // Each block names the same image as before (file, alt text, caption), so readers get the very same HTML.
    expect(stored?.bodyHtml).toBe(sourceHtml?.bodyHtml);
    expect(stored?.whyItMattersHtml).toBe(sourceHtml?.whyItMattersHtml);
    expect(stored?.body).toBe(
      body
        .replace(`id=${market}`, `id=${idOf('market-1600.webp')}`)
        .replace(`id=${bridge}`, `id=${idOf('bridge-1600.webp')}`)
        .replace(`id=${harbour}`, `id=${idOf('harbour-1600.webp')}`),
    );
    expect(stored?.heroMediaId).toBe(idOf('hero-1600.webp'));
    expect(heroId).not.toBeNull();
    // A revision restored later brings back the same images too.
    const [revision] = target.db.select().from(articleRevisions).where(eq(articleRevisions.articleId, stored?.id ?? -1)).all();
    expect(revision?.snapshot).toMatchObject({ body: `::image{id=${idOf('bridge-1600.webp')}}`, heroMediaId: idOf('market-1600.webp') });
  });

  it('keeps the exported numbers where the target has them free, so a fresh site is numbered as the old one', () => {
    // Numbers with a gap (an image deleted), and file names that sort against the numbers.
    const gone = source.insert(media).values({ fileName: 'gone-1600.webp', mimeType: 'image/webp', width: 1, height: 1, alt: 'x' }).returning({ id: media.id }).get().id;
    source.delete(media).where(eq(media.id, gone)).run();
    const first = addTestArticle(source, { slug: 'first', hero: { fileName: 'b-1600.webp', width: 1600, height: 900, alt: 'B', caption: '', credit: '' } });
    const heroId = source.select({ id: articles.heroMediaId }).from(articles).where(eq(articles.id, first)).get()?.id ?? -1;
    const inline = source.insert(media).values({ fileName: 'a-1600.webp', mimeType: 'image/webp', width: 1600, height: 900, alt: 'A' }).returning({ id: media.id }).get().id;
    addTestArticle(source, { slug: 'second', body: `::image{id=${inline}}` });
    const exported = exportSite(NOW, source);
    importSite(target.db, siteExportSchema.parse(exported));
    expect(target.db.select({ id: media.id, fileName: media.fileName }).from(media).orderBy(media.id).all()).toEqual([
      { id: heroId, fileName: 'b-1600.webp' },
      { id: inline, fileName: 'a-1600.webp' },
    ]);
    expect(target.db.select({ body: articles.body }).from(articles).where(eq(articles.slug, 'second')).get()?.body).toBe(`::image{id=${inline}}`);
    expect(exportSite(NOW, target.db)).toEqual(exported);
  });

  it('keeps each revision’s own number and what a restore brought back', () => {
    const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, source);
    const { id } = importDraft(source, imported(), { userId, now: NOW });
    // As after pruned autosaves: numbers with a gap, and a restore naming an earlier one.
    source.update(articleRevisions).set({ number: 7, kind: 'restore', restoredFrom: 2 }).where(eq(articleRevisions.articleId, id)).run();
    const exported = exportSite(NOW, source);
    expect(exported.articles[0]?.revisions[0]).toMatchObject({ number: 7, restoredFrom: 2 });
    importSite(target.db, siteExportSchema.parse(exported));
    expect(target.db.select().from(articleRevisions).get()).toMatchObject({ number: 7, kind: 'restore', restoredFrom: 2 });
  });

  it('maps revision authors by slug to the target’s ids', () => {
    const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, source);
    const { id } = importDraft(source, imported(), { userId, now: NOW });
    const reporterId = source.select({ id: authors.id }).from(authors).get()?.id;
    source.update(articleRevisions).set({ snapshot: { authorIds: [reporterId, 999], sectionId: 999 } }).where(eq(articleRevisions.articleId, id)).run();
    const exported = exportSite(NOW, source);
    expect(exported.articles[0]?.revisions[0]?.snapshot).toEqual({ authorSlugs: ['reporter'], sectionSlug: null });

    target.db.insert(authors).values({ slug: 'someone-else', name: 'Someone Else' }).run();
    importSite(target.db, siteExportSchema.parse(exported));
    const newReporterId = target.db.select({ id: authors.id }).from(authors).where(eq(authors.slug, 'reporter')).get()?.id;
    expect(newReporterId).not.toBe(reporterId);
    expect(target.db.select().from(articleRevisions).get()?.snapshot).toEqual({ authorIds: [newReporterId], sectionId: null });
  });

  it('maps revision related picks by slug to the target’s ids, so a restore links the same stories', () => {
    // A deleted first article: the exporting site's numbers then differ from the target's.
    source.delete(articles).where(eq(articles.id, addTestArticle(source))).run();
    const first = addTestArticle(source);
    const later = addTestArticle(source);
    const laterSlug = source.select({ slug: articles.slug }).from(articles).where(eq(articles.id, later)).get()?.slug;
    source.insert(articleRevisions).values({ articleId: first, version: 1, kind: 'save', snapshot: { relatedIds: [later, 999] } }).run();
    const exported = exportSite(NOW, source);
    const revision = exported.articles.find((a) => a.revisions.length > 0)?.revisions[0];
    expect(revision?.snapshot).toEqual({ relatedSlugs: [laterSlug] });

    importSite(target.db, siteExportSchema.parse(exported));
    const laterThere = target.db.select({ id: articles.id }).from(articles).where(eq(articles.slug, laterSlug ?? '')).get()?.id;
    expect(laterThere).not.toBe(later);
    expect(target.db.select().from(articleRevisions).get()?.snapshot).toEqual({ relatedIds: [laterThere] });
  });

  it('drops related ids from an older export’s revisions: they are the exporting site’s numbers', () => {
    addTestArticle(source);
    const exported = exportSite(NOW, source);
    exported.articles[0]!.revisions = [{ version: 1, kind: 'save', number: 1, restoredFrom: null, snapshot: { headline: 'Then', relatedIds: [41, 42] }, createdAt: NOW }];
    importSite(target.db, siteExportSchema.parse(exported));
    expect(target.db.select().from(articleRevisions).get()?.snapshot).toEqual({ headline: 'Then' });
  });

  it('refuses a site that has articles, and leaves it as it was', () => {
    addTestArticle(source);
    const exported = exportSite(NOW, source);
    const second = createTestDatabase();
    try {
      second.db.insert(sections).values({ slug: 'sport', name: 'Sport' }).run();
      second.db.insert(authors).values({ slug: 'reporter', name: 'Someone' }).run();
      addTestArticle(second.db, { sectionSlug: 'sport' });
      expect(() => importSite(second.db, exported)).toThrow(SiteNotEmptyError);
      expect(second.db.select().from(sections).all().map((s) => s.slug)).toEqual(['sport']);
      expect(second.db.select().from(articles).all()).toHaveLength(1);
    } finally {
      second.cleanup();
    }
  });

  it('has a place in the file for every column it exports, so a new column cannot be left behind silently', () => {
    const fields = (schema: { shape: object }) => Object.keys(schema.shape);
    const columns = (table: Parameters<typeof getTableColumns>[0], ...byReference: string[]) =>
      Object.keys(getTableColumns(table)).filter((column) => column !== 'id' && !byReference.includes(column));
    const { shape } = siteExportSchema;
    expect(fields(shape.sections.element)).toEqual(expect.arrayContaining(columns(sections)));
    expect(fields(shape.tags.element)).toEqual(expect.arrayContaining(columns(tags)));
    expect(fields(shape.authors.element)).toEqual(expect.arrayContaining(columns(authors, 'photoMediaId')));
    expect(fields(shape.media.element)).toEqual(expect.arrayContaining(columns(media)));
    // Accounts are not exported, so who created an article is not either; the stored HTML is rendered
    // again from the Markdown on import (HTML from a file is never trusted).
    expect(fields(shape.articles.element)).toEqual(
      expect.arrayContaining(columns(articles, 'sectionId', 'heroMediaId', 'createdBy', 'bodyHtml', 'whyItMattersHtml')),
    );
  });

  it('exports an empty site as an empty, loadable file', () => {
    const exported = exportSite(NOW, target.db);
    expect(exported).toMatchObject({ format: 'crbc-news-export', version: 1, exportedAt: NOW, sections: [], articles: [] });
    expect(siteExportSchema.safeParse(exported).success).toBe(true);
  });
});
