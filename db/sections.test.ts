import { beforeEach, expect, it } from 'vitest';
import type { Db } from './client';
import { createSection, deleteEmptySection, getNewsroomSection, getSection, listNewsroomSections, listSections, updateSection } from './sections';
import { addTestArticle, withTestDatabase } from '@/test/support/database';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const science = { name: 'Science', slug: 'science', position: 0, description: 'Discoveries.' };

it('lists sections in menu order with how many articles each holds, whatever their status', () => {
  addTestArticle(db, { sectionSlug: 'world' });
  addTestArticle(db, { sectionSlug: 'world', status: 'draft', publishedAt: null });
  const id = createSection(science, db);
  expect(listNewsroomSections(db).map((s) => [s.slug, s.position, s.articleCount])).toEqual([
    ['science', 0, 0],
    ['politics', 1, 0],
    ['world', 2, 2],
  ]);
  expect(getNewsroomSection(id, db)).toEqual({ id, ...science, articleCount: 0 });
  expect(getNewsroomSection(id + 100, db)).toBeNull();
  // The reader navigation reads the same table.
  expect(listSections(db).map((s) => s.name)).toEqual(['Science', 'Politics', 'World']);
});

it('edits a section, and says when it does not exist', () => {
  const id = createSection(science, db);
  expect(updateSection(id, { ...science, name: 'Science & Tech', slug: 'science-tech', position: 9 }, db)).toBe(true);
  expect(getSection('science', db)).toBeNull();
  expect(getSection('science-tech', db)).toMatchObject({ id, name: 'Science & Tech' });
  expect(updateSection(id + 100, science, db)).toBe(false);
});

it('deletes only a section without articles, saying how many are in the way', () => {
  addTestArticle(db, { sectionSlug: 'world', status: 'archived' });
  const world = getSection('world', db)!;
  expect(deleteEmptySection(world.id, db)).toEqual({ deleted: false, reason: 'has-articles', articleCount: 1 });
  expect(getSection('world', db)).not.toBeNull();
  const id = createSection(science, db);
  expect(deleteEmptySection(id, db)).toEqual({ deleted: true });
  expect(getSection('science', db)).toBeNull();
  expect(deleteEmptySection(id, db)).toEqual({ deleted: false, reason: 'missing' });
});
