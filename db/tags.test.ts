import { beforeEach, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { articles } from './schema';
import { getEditableArticle } from './newsroom';
import { listPublishedArticleIdsLinkedTo } from './articles/linked';
import { getNewsroomTag, getPublicTag, getTag, listNewsroomTags, mergeTags, renameTag } from './tags';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const tagId = (slug: string) => getTag(slug, db)!.id;
const tagSlugsOf = (articleId: number) => getEditableArticle(articleId, db)!.tagSlugs;

it('lists every tag A to Z with its articles and, of those, the published ones', () => {
  addTestArticle(db, { tagNames: ['Energy', 'Budget'] });
  addTestArticle(db, { tagNames: ['Energy'], status: 'draft', publishedAt: null });
  addTestArticle(db, { tagNames: ['Unused later'] });
  expect(listNewsroomTags(db).map((t) => [t.name, t.articleCount, t.publishedCount])).toEqual([
    ['Budget', 1, 1],
    ['Energy', 2, 1],
    ['Unused later', 1, 1],
  ]);
  expect(getNewsroomTag(tagId('energy'), db)).toMatchObject({ slug: 'energy', articleCount: 2, publishedCount: 1 });
  expect(getNewsroomTag(999, db)).toBeNull();
});

it('renames a tag, slug included, and lists the published articles whose pages show it', () => {
  const published = addTestArticle(db, { tagNames: ['Energy'] });
  addTestArticle(db, { tagNames: ['Energy'], status: 'review', publishedAt: null });
  const id = tagId('energy');
  expect(renameTag(id, { name: 'Energy Policy', slug: 'energy-policy' }, db)).toBe(true);
  expect(getTag('energy', db)).toBeNull();
  expect(getTag('energy-policy', db)).toEqual({ id, slug: 'energy-policy', name: 'Energy Policy' });
  expect(listPublishedArticleIdsLinkedTo({ kind: 'tag', id }, db)).toEqual([published]);
  expect(renameTag(999, { name: 'X', slug: 'x' }, db)).toBe(false);
});

it('merges one tag into another: articles move, a link both tags had is dropped, the old tag is gone', () => {
  const onlyOld = addTestArticle(db, { tagNames: ['Climate Change'] });
  const both = addTestArticle(db, { tagNames: ['Climate Change', 'Climate'] });
  const onlyKept = addTestArticle(db, { tagNames: ['Climate', 'Energy'] });
  const from = tagId('climate-change');
  const into = tagId('climate');

  expect(mergeTags(from, into, db)).toEqual({ moved: 1, alreadyTagged: 1 });
  expect(getTag('climate-change', db)).toBeNull();
  expect(tagSlugsOf(onlyOld)).toEqual(['climate']);
  expect(tagSlugsOf(both)).toEqual(['climate']);
  expect(tagSlugsOf(onlyKept)).toEqual(['climate', 'energy']);
  expect(getNewsroomTag(into, db)).toMatchObject({ articleCount: 3 });
  expect(db.$client.prepare('select count(*) from article_tags where tag_id = ?').pluck().get(from)).toBe(0);
});

it('refuses to merge a tag into itself or a missing tag, changing nothing', () => {
  const article = addTestArticle(db, { tagNames: ['Climate'] });
  const id = tagId('climate');
  expect(mergeTags(id, id, db)).toBeNull();
  expect(mergeTags(id, 999, db)).toBeNull();
  expect(mergeTags(999, id, db)).toBeNull();
  expect(tagSlugsOf(article)).toEqual(['climate']);
});

it('gives readers a tag only while it has a published article', () => {
  const draft = addTestArticle(db, { tagNames: ['Energy'], status: 'draft', publishedAt: null });
  expect(getTag('energy', db)).not.toBeNull();
  expect(getPublicTag('energy', db)).toBeNull();
  db.update(articles).set({ status: 'published', publishedAt: Date.now() }).where(eq(articles.id, draft)).run();
  expect(getPublicTag('energy', db)).toEqual({ id: tagId('energy'), slug: 'energy', name: 'Energy' });
  db.update(articles).set({ status: 'draft' }).where(eq(articles.id, draft)).run();
  expect(getPublicTag('energy', db)).toBeNull();
  expect(getPublicTag('nope', db)).toBeNull();
});
