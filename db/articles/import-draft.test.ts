import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { importDraft } from './import-draft';
import type { Db } from '../client';
import { getEditableArticle } from '../newsroom';
import { articleRevisions, sections } from '../schema';
import { createUser } from '../users';
import { testImportedArticle as imported } from '@/test/support/database-fixtures';
import { addTestArticle, createTestDatabase, withTestDatabase } from '@/test/support/database';

const NOW = Date.UTC(2026, 2, 1);

describe('importDraft', () => {
  const database = withTestDatabase();
  let db: Db;
  beforeEach(() => {
    db = database();
  });

  it('creates a draft without authors from the imported fields', () => {
    const draft = importDraft(db, imported(), { userId: null, now: NOW });
    expect(draft).toEqual({ id: draft.id, slug: 'council-approves-night-bus-trial', sectionSlug: 'politics', warnings: [] });
    expect(getEditableArticle(draft.id, db)).toMatchObject({
      status: 'draft',
      sectionSlug: 'politics',
      headline: 'Council Approves Night Bus Trial',
      summary: 'Buses will run all night.',
      body: 'The trial starts in May.',
      keyPointsTitle: 'What We Know',
      keyPoints: [{ label: 'Routes', text: 'Four routes run all night.' }],
      whyItMatters: 'Night workers need a way home.',
      contextNote: 'Details are preliminary.',
      authorIds: [],
      tagNames: [],
      createdBy: null,
      publishedAt: null,
      updatedAt: NOW,
    });
  });

  it('keeps the story type the text named, and files anything else as news', () => {
    expect(getEditableArticle(importDraft(db, imported({ type: 'opinion' }), { userId: null, now: NOW }).id, db)?.type).toBe('opinion');
    expect(getEditableArticle(importDraft(db, imported({ headline: 'Another Night Bus Story' }), { userId: null, now: NOW }).id, db)?.type).toBe('news');
  });

  it('records the account that imported it, with a first revision', () => {
    const userId = createUser({ email: 'ed@example.com', name: 'Ed', role: 'editor', passwordHash: 'h' }, db);
    const { id } = importDraft(db, imported({ keyPointsTitle: null, keyPoints: [] }), { userId, now: NOW });
    expect(getEditableArticle(id, db)).toMatchObject({ createdBy: userId, keyPointsTitle: 'Key Points', keyPoints: [] });
    expect(db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).all()).toMatchObject([
      { version: 1, kind: 'save', userId },
    ]);
  });

  it.each([
    ['Politics', 'politics'],
    ['WORLD', 'world'],
    ['world', 'world'],
  ])('files section line %j under %s', (sectionName, slug) => {
    expect(importDraft(db, imported({ sectionName }), { userId: null, now: NOW })).toMatchObject({ sectionSlug: slug, warnings: [] });
  });

  it('matches a section by slug, and files an unknown or missing section under the first section by position', () => {
    db.update(sections).set({ name: 'Science & Tech', slug: 'science-tech', position: 3 }).where(eq(sections.slug, 'world')).run();
    expect(importDraft(db, imported({ sectionName: 'Science-Tech' }), { userId: null, now: NOW }).sectionSlug).toBe('science-tech');
    db.update(sections).set({ position: 0 }).where(eq(sections.slug, 'science-tech')).run();
    expect(importDraft(db, imported({ sectionName: 'Sport' }), { userId: null, now: NOW })).toMatchObject({
      sectionSlug: 'science-tech',
      warnings: ['No section "Sport": filed under Science & Tech.'],
    });
    expect(importDraft(db, imported({ sectionName: null }), { userId: null, now: NOW })).toMatchObject({
      sectionSlug: 'science-tech',
      warnings: ['No section line: filed under Science & Tech.'],
    });
  });

  it('appends -2, -3 … to a slug that is taken', () => {
    addTestArticle(db, { slug: 'council-approves-night-bus-trial-extended' });
    const slugs = [1, 2, 3].map(() => importDraft(db, imported(), { userId: null, now: NOW }).slug);
    expect(slugs).toEqual(['council-approves-night-bus-trial', 'council-approves-night-bus-trial-2', 'council-approves-night-bus-trial-3']);
    expect(importDraft(db, imported({ headline: '¿¡ !?' }), { userId: null, now: NOW }).slug).toBe('article');
  });

  it('cuts the slug of a long headline after a whole word', () => {
    const headline = 'Regional Parliament Approves Emergency Funding For Flood Defences Along The Northern Coastline';
    expect(importDraft(db, imported({ headline }), { userId: null, now: NOW }).slug).toBe(
      'regional-parliament-approves-emergency-funding-for-flood-defences-along-the',
    );
  });

  it('refuses when the site has no section to file the draft under', () => {
    const empty = createTestDatabase();
    try {
      expect(() => importDraft(empty.db, imported(), { userId: null, now: NOW })).toThrow(/no sections yet/);
    } finally {
      empty.cleanup();
    }
  });
});
