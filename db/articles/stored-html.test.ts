import { beforeEach, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from './writes';
import { fillMissingArticleHtml, getArticleForPreview, getPublishedArticle } from './reads';
import type { Db } from '../client';
import { exportSite, importSite } from '@/ops/import-export';
import { seedLargeSite } from '@/ops/large-seed';
import { testArticleFields } from '@/test/support/database-fixtures';
import { addTestArticle, createTestDatabase, withTestDatabase } from '@/test/support/database';
import { createUser } from '../users';
import { siteExportSchema } from '@/ops/site-export';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';

// Readers never wait for Markdown: every write of an article's text stores its rendered, sanitised
// HTML in the same statement, and pages read that (lib/markdown.ts, decision 11).
const database = withTestDatabase();
let db: Db;
let userId: number;
beforeEach(() => {
  db = database();
  userId = createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db);
});

const stored = (id: number) =>
  db.$client.prepare('select body_html as body, why_it_matters_html as why from articles where id = ?').get(id) as {
    body: string | null;
    why: string | null;
  };
const setStored = (id: number, body: string | null, why: string | null = body) =>
  db.$client.prepare('update articles set body_html = ?, why_it_matters_html = ? where id = ?').run(body, why, id);
const slugOf = (id: number) => db.$client.prepare('select slug from articles where id = ?').pluck().get(id) as string;

describe('stored article HTML', () => {
  it('is written with every newsroom save: create, save, autosave, publish, restore', () => {
    const fields = (body: string) => testArticleFields(db, { body, whyItMatters: `Why: *${body}*` });
    const id = createArticle(db, fields('# First'), { status: 'draft' }, { userId, now: 1 });
    expect(stored(id)).toEqual({ body: '<h2>First</h2>\n', why: '<p>Why: <em># First</em></p>\n' });
    let version = 1;
    for (const [kind, status] of [
      ['autosave', 'draft'],
      ['save', 'draft'],
      ['publish', 'published'],
      ['restore', 'published'],
    ] as const) {
      const result = updateArticle(db, { articleId: id, expectedVersion: version, fields: fields(`**${kind}**`), kind }, { status }, { userId, now: 2 });
      if (!result.ok) throw new Error(`${kind} refused`);
      version = result.version;
      expect(stored(id).body).toBe(`<p><strong>${kind}</strong></p>\n`);
    }
  });

  it('is what the article page shows: a stored body is not rendered again', () => {
    const id = addTestArticle(db, { body: 'Markdown *body*', whyItMatters: 'Markdown why' });
    expect(getPublishedArticle(slugOf(id), db)).toMatchObject({ bodyHtml: '<p>Markdown <em>body</em></p>\n', whyItMattersHtml: '<p>Markdown why</p>\n' });
    setStored(id, '<p>stored body</p>', '<p>stored why</p>');
    expect(getPublishedArticle(slugOf(id), db)).toMatchObject({ bodyHtml: '<p>stored body</p>', whyItMattersHtml: '<p>stored why</p>' });
    expect(getArticleForPreview(id, db)).toMatchObject({ bodyHtml: '<p>stored body</p>' });
  });

  it('never goes stale: a write that changes the text without its HTML clears it, and the next read renders it once', () => {
    const id = addTestArticle(db, { body: 'old', whyItMatters: 'old why' });
    db.$client.prepare("update articles set body = 'new *text*' where id = ?").run(id);
    expect(stored(id)).toEqual({ body: null, why: '<p>old why</p>\n' });
    expect(getPublishedArticle(slugOf(id), db)?.bodyHtml).toBe('<p>new <em>text</em></p>\n');
    expect(stored(id).body).toBe('<p>new <em>text</em></p>\n');
  });

  it('is filled in for rows saved before it existed, by the migrate step', () => {
    const ids = [1, 2, 3].map((n) => addTestArticle(db, { body: `Body ${n}` }));
    for (const id of ids) setStored(id, null);
    expect(fillMissingArticleHtml(db, 2)).toBe(3);
    expect(ids.map((id) => stored(id).body)).toEqual(['<p>Body 1</p>\n', '<p>Body 2</p>\n', '<p>Body 3</p>\n']);
    expect(fillMissingArticleHtml(db)).toBe(0);
  });

  it('is plain text, not a half-parsed page, for text too deep or too complex to lay out', () => {
    const id = addTestArticle(db, { body: '> '.repeat(2_000) + '<script>x</script>', whyItMatters: '_a'.repeat(50_000) });
    const html = stored(id);
    expect(html.body).toMatch(/^<p>&gt; &gt; &gt; /);
    expect(html.body).toContain('&lt;script&gt;x&lt;/script&gt;</p>');
    expect(html.why).toBe(`<p>${'_a'.repeat(50_000)}</p>\n`);
  });

  it('is rendered from the Markdown on a site import, never taken from the file', () => {
    const id = addTestArticle(db, { body: 'Imported *body*' });
    const exported = exportSite(Date.now(), db) as unknown as { articles: Record<string, unknown>[] };
    expect(exported.articles[0]).not.toHaveProperty('bodyHtml');
    exported.articles[0]!.bodyHtml = '<script>alert(1)</script>';
    const target = createTestDatabase();
    try {
      importSite(target.db, siteExportSchema.parse(exported));
      const row = target.db.$client.prepare('select body_html from articles where slug = ?').pluck().get(slugOf(id));
      expect(row).toBe('<p>Imported <em>body</em></p>\n');
    } finally {
      target.cleanup();
    }
  });

  it('is written by the large seed', () => {
    seedLargeSite(db, readSeedContent(DEMO_CONTENT_DIR), { articles: 5, views: 0, now: Date.UTC(2026, 0, 1) });
    const missing = db.$client.prepare('select count(*) from articles where body_html is null or why_it_matters_html is null').pluck().get();
    expect(missing).toBe(0);
  });
});
