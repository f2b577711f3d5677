import { eq } from 'drizzle-orm';
import { beforeEach, expect, it } from 'vitest';
import type { Db } from './client';
import { articlesShowingImageInText, getMedia, getMediaUsage, insertMedia, listMedia, listMediaChoices, MEDIA_PAGE_SIZE, searchMedia, updateMediaText } from './media';
import { articles, authors } from './schema';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { captureQueries, explainQueryPlan, isFullScan } from './query-plans';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const addImage = (n: number, text: Partial<{ alt: string; caption: string; credit: string }> = {}) =>
  insertMedia(
    { fileName: `image${n}abcd-1600.webp`, mimeType: 'image/webp', width: 1600, height: 900, alt: `Image ${n}`, caption: '', credit: '', ...text },
    db,
  );

it('stores an upload and reads it back', () => {
  const id = addImage(1, { caption: 'Crowds on the bridge.', credit: 'Photo: A. Reporter' });
  expect(getMedia(id, db)).toMatchObject({
    id,
    fileName: 'image1abcd-1600.webp',
    mimeType: 'image/webp',
    width: 1600,
    height: 900,
    alt: 'Image 1',
    caption: 'Crowds on the bridge.',
    credit: 'Photo: A. Reporter',
  });
  expect(getMedia(id, db)?.createdAt).toBeGreaterThan(Date.UTC(2025, 0, 1));
  expect(getMedia(id + 1, db)).toBeNull();
});

it('refuses a second row for the same file', () => {
  addImage(1);
  expect(() => addImage(1)).toThrow(/UNIQUE/);
});

it('lists the library newest first, 20 a page, with the total', () => {
  const ids = Array.from({ length: MEDIA_PAGE_SIZE + 5 }, (_, i) => addImage(i));
  expect(MEDIA_PAGE_SIZE).toBe(20);
  const first = listMedia({ page: 1 }, db);
  expect(first.total).toBe(25);
  expect(first.pageCount).toBe(2);
  expect(first.items.map((m) => m.id)).toEqual(ids.toReversed().slice(0, 20));
  const second = listMedia({ page: 2 }, db);
  expect(second.items.map((m) => m.id)).toEqual(ids.toReversed().slice(20));
  expect(listMedia({ page: 3 }, db).items).toEqual([]);
});

it('offers the newest images to choose from, and the chosen one when it is older', () => {
  const oldest = addImage(1);
  addImage(2);
  const newer = addImage(3);
  const newest = addImage(4);
  expect(listMediaChoices(2, null, db).map((m) => m.id)).toEqual([newest, newer]);
  expect(listMediaChoices(2, newer, db).map((m) => m.id)).toEqual([newest, newer]);
  expect(listMediaChoices(2, oldest, db).map((m) => m.id)).toEqual([oldest, newest, newer]);
  // A choice that no longer exists is not offered.
  expect(listMediaChoices(2, newest + 100, db).map((m) => m.id)).toEqual([newest, newer]);
});

it('orders by upload time before id', () => {
  const older = addImage(1);
  const newer = addImage(2);
  db.$client.prepare('update media set created_at = created_at + 60000 where id = ?').run(older);
  expect(listMedia({ page: 1 }, db).items.map((m) => m.id)).toEqual([older, newer]);
});

it('lists an empty library as one empty page', () => {
  expect(listMedia({ page: 1 }, db)).toEqual({ items: [], total: 0, pageCount: 1 });
});

it('changes the text of an image and nothing else', () => {
  const id = addImage(1);
  const other = addImage(2);
  expect(updateMediaText(id, { alt: 'A ferry at dawn', caption: 'The first crossing.', credit: 'CRBC' }, db)).toBe(true);
  expect(getMedia(id, db)).toMatchObject({ alt: 'A ferry at dawn', caption: 'The first crossing.', credit: 'CRBC', width: 1600 });
  expect(getMedia(other, db)?.alt).toBe('Image 2');
  expect(updateMediaText(999, { alt: 'x', caption: '', credit: '' }, db)).toBe(false);
});

it('names the reader pages that show an image: published articles it heads, authors it portrays', () => {
  const id = addImage(1);
  const published = addTestArticle(db);
  const draft = addTestArticle(db, { status: 'draft', publishedAt: null });
  addTestArticle(db);
  db.update(articles).set({ heroMediaId: id }).where(eq(articles.id, published)).run();
  db.update(articles).set({ heroMediaId: id }).where(eq(articles.id, draft)).run();
  db.update(authors).set({ photoMediaId: id }).where(eq(authors.slug, 'reporter')).run();
  expect(getMediaUsage(id, db)).toEqual({ publishedArticleIds: [published], authorSlugs: ['reporter'] });
  expect(getMediaUsage(addImage(2), db)).toEqual({ publishedArticleIds: [], authorSlugs: [] });
});

it('finds the articles whose text shows an image through the search index, each confirmed by the block parser', () => {
  const id = addImage(1);
  const other = addImage(12);
  const inline = addTestArticle(db, { body: `::image{id=${id}}` });
  const why = addTestArticle(db, { status: 'draft', publishedAt: null, whyItMatters: `:::gallery\n::image{id=${other}}\n::image{alt="x" id="${id}"}\n:::` });
  // The words "id 1" in prose, another image, a code block: found by the index, left out by the parser.
  addTestArticle(db, { body: `Its id ${id} is ::image{id=${id}} in a sentence.\n\n::image{id=${other}}\n\n\`\`\`\n::image{id=${id}}\n\`\`\`` });
  expect(articlesShowingImageInText(id, db).map((a) => [a.id, a.status])).toEqual([
    [inline, 'published'],
    [why, 'draft'],
  ]);
  const queries = captureQueries(db, (recording) => articlesShowingImageInText(id, recording));
  expect(queries).toHaveLength(1);
  // One look-up in the full-text index, then each match by its id: no pass over the articles.
  const plan = explainQueryPlan(db, queries[0]!);
  expect(plan.filter((line) => isFullScan(line) && !line.includes('VIRTUAL TABLE INDEX'))).toEqual([]);
  expect(plan.join(' | ')).toMatch(/SCAN article_search VIRTUAL TABLE INDEX/);
});

it('searches the whole library by alt text, caption and file name, a page at a time, newest first', () => {
  for (let n = 1; n <= 30; n++) addImage(n, n === 2 ? { alt: 'Harbour ferry at dawn', caption: 'The first crossing.' } : {});
  const harbour = addImage(31, { alt: 'Market', caption: 'Stalls by the HARBOUR wall' });
  expect(searchMedia({ query: 'harbour', page: 1, pageSize: 12 }, db).items.map((m) => m.alt)).toEqual(['Market', 'Harbour ferry at dawn']);
  expect(searchMedia({ query: 'image7abcd', page: 1, pageSize: 12 }, db).items.map((m) => m.alt)).toEqual(['Image 7']);
  const all = searchMedia({ query: '', page: 3, pageSize: 12 }, db);
  expect(all).toMatchObject({ total: 31, pageCount: 3, page: 3 });
  expect(all.items.map((m) => m.alt)).toEqual(['Image 7', 'Image 6', 'Image 5', 'Image 4', 'Image 3', 'Harbour ferry at dawn', 'Image 1']);
  expect(searchMedia({ query: '', page: 1, pageSize: 12 }, db).items[0]?.id).toBe(harbour);
  // LIKE's own characters are plain text; a page past the end is the last page.
  expect(searchMedia({ query: '%', page: 1, pageSize: 12 }, db).total).toBe(0);
  expect(searchMedia({ query: 'image_', page: 1, pageSize: 12 }, db).total).toBe(0);
  expect(searchMedia({ query: 'image', page: 99, pageSize: 12 }, db).page).toBe(3);
});
