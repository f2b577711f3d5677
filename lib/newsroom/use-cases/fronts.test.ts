import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listAudit } from '@/db/audit';
import { moveArticleToTrash } from '@/db/articles/writes';
import { closeDb, getDb, type Db } from '@/db/client';
import { frontKeyOf, listLiveFrontSlots } from '@/db/fronts';
import { getSection } from '@/db/sections';
import { createUser } from '@/db/users';
import type { SessionUser } from '@/db/sessions';
import { addTestArticle, addTestSections } from '@/test/support/database';
import { emptySlot, type FrontSlotValues } from '../forms/front-form';
import { arrangeFront } from './fronts';

const calls = vi.hoisted(() => [] as string[]);
// Next's cache functions need a request in progress: here, each call is recorded instead.
vi.mock('next/cache', () => ({
  updateTag: (tag: string) => calls.push(tag),
  revalidateTag: (tag: string) => calls.push(tag),
}));

let dir: string;
let db: Db;
let editor: SessionUser;
let other: SessionUser;
const previousDataDir = process.env.DATA_DIR;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-fronts-'));
  process.env.DATA_DIR = dir;
  closeDb();
  db = getDb();
  addTestSections(db);
  const user = (email: string) => ({ id: createUser({ email, name: email, role: 'editor', passwordHash: 'x' }, db), email, name: email, role: 'editor' as const, authorId: null });
  editor = user('editor@example.com');
  other = user('other@example.com');
  calls.length = 0;
});
afterEach(() => {
  closeDb();
  process.env.DATA_DIR = previousDataDir;
  fs.rmSync(dir, { recursive: true, force: true });
});

const slots = (...pinned: (Partial<FrontSlotValues> | string)[]): FrontSlotValues[] =>
  Array.from({ length: 7 }, (_, i) => {
    const slot = pinned[i];
    return typeof slot === 'string' ? { ...emptySlot, article: slot } : { ...emptySlot, ...slot };
  });
const save = (front: string, version: string, slotValues: FrontSlotValues[], user = editor, intent = 'save') => arrangeFront({ front, version, intent, slots: slotValues }, user, 1);

describe('saving an arrangement', () => {
  it('saves the pinned stories with an audit line, and invalidates the home page only', () => {
    addTestArticle(db, { slug: 'old-story' });
    addTestArticle(db, { slug: 'new-story' });
    const answer = save('home', '0', slots('old-story', '', { article: '/politics/new-story', headline: 'A sharper headline' }));
    expect(answer.message).toEqual({ kind: 'ok', text: expect.stringContaining('Saved') });
    expect(answer.version).toBe('1');
    expect(answer.slots.slice(0, 3).map((s) => s.article)).toEqual(['old-story', '', 'new-story']);
    expect(listAudit({ limit: 5 }, db)[0]).toMatchObject({ action: 'arranged', entity: 'front', userId: editor.id });
    expect(calls).toEqual(['home']);
    // Readers get the front's headline; the article keeps its own.
    const live = listLiveFrontSlots(frontKeyOf(null), db).live;
    expect(live.map((s) => [s.position, s.teaser.slug, s.teaser.headline])).toEqual([
      [0, 'old-story', expect.stringMatching(/^Story \d+$/)],
      [2, 'new-story', 'A sharper headline'],
    ]);
  });

  it("a section front invalidates that section's pages", () => {
    addTestArticle(db, { slug: 'world-story', sectionSlug: 'world' });
    expect(save('world', '0', slots('world-story')).message?.kind).toBe('ok');
    expect(calls).toEqual(['section:world']);
    expect(listLiveFrontSlots(frontKeyOf(getSection('world', db)?.id ?? 0), db).live).toHaveLength(1);
  });

  it('refuses a missing article, a draft, a trashed story and a repeated story, each with the reason next to its slot; nothing saved', () => {
    addTestArticle(db, { slug: 'a-draft', status: 'draft', publishedAt: null });
    const trashed = addTestArticle(db, { slug: 'trashed' });
    moveArticleToTrash(db, trashed, Date.now());
    addTestArticle(db, { slug: 'live' });
    const typed = slots('no-such-story', 'a-draft', 'trashed', 'live', 'https://news.example/politics/live');
    const answer = save('home', '0', typed);
    expect(answer.message?.kind).toBe('error');
    expect(answer.errors['article-0']).toMatch(/No article has the address “no-such-story”/);
    expect(answer.errors['article-1']).toMatch(/is a draft: only published or scheduled stories/);
    expect(answer.errors['article-2']).toMatch(/only published or scheduled stories/);
    expect(answer.errors['article-4']).toMatch(/already in Top story 3/);
    expect(answer.errors['article-3']).toBeUndefined();
    expect(answer.slots).toEqual(typed);
    expect(listLiveFrontSlots('home', db)).toEqual({ live: [], pinnedIds: [] });
    expect(calls).toEqual([]);
  });

  it('accepts a scheduled story, which readers get only once it is live', () => {
    addTestArticle(db, { slug: 'later', status: 'scheduled', publishedAt: Date.now() + 3_600_000 });
    expect(save('home', '0', slots('later')).message?.kind).toBe('ok');
    const { live, pinnedIds } = listLiveFrontSlots('home', db);
    expect(live).toEqual([]);
    expect(pinnedIds).toHaveLength(1);
  });

  it('refuses overrides that are too long, an image that does not exist, and an override without a story', () => {
    addTestArticle(db, { slug: 'live' });
    const answer = save('home', '0', slots({ article: 'live', headline: 'x'.repeat(151), image: '999999' }, { summary: 'orphan' }, { article: 'live', image: '12abc' }));
    expect(answer.errors['headline-0']).toMatch(/At most 150/);
    expect(answer.errors['article-1']).toMatch(/Pick a story/);
    expect(answer.errors['image-2']).toMatch(/number of an image/);
    const imageAnswer = save('home', '0', slots({ article: 'live', image: '999999' }));
    expect(imageAnswer.errors['image-0']).toMatch(/No image number 999999/);
  });

  it('never fails on hostile values: unknown fronts, versions that are not numbers, huge values', () => {
    expect(save('no-such-section', '0', slots()).message?.text).toMatch(/no longer exists/);
    expect(save('../etc', '0', slots()).message?.kind).toBe('error');
    expect(save('home', 'NaN', slots()).message?.text).toMatch(/out of date/);
    expect(save('home', '99999999999999999999', slots()).message?.kind).toBe('error');
    expect(save('home', '0', slots({ article: 'x'.repeat(2000) })).errors['article-0']).toMatch(/No article/);
  });
});

describe('two editors arranging at once', () => {
  it("refuses the second save with what changed, keeps the editor's arrangement, and takes it on the next save", () => {
    addTestArticle(db, { slug: 'first' });
    addTestArticle(db, { slug: 'second' });
    expect(save('home', '0', slots('first'), other).version).toBe('1');
    const mine = slots('second');
    const refused = save('home', '0', mine);
    expect(refused.message).toEqual({ kind: 'error', text: expect.stringContaining('other@example.com saved this front after you opened it') });
    expect(refused.changes).toEqual(['Lead: saved “first”, yours “second”.']);
    expect(refused.slots).toEqual(mine);
    expect(refused.version).toBe('1');
    expect(listLiveFrontSlots('home', db).live.map((s) => s.teaser.slug)).toEqual(['first']);
    expect(calls).toEqual(['home']);
    // Saving the refused form again replaces theirs, deliberately.
    expect(save('home', refused.version, refused.slots).message?.kind).toBe('ok');
    expect(listLiveFrontSlots('home', db).live.map((s) => s.teaser.slug)).toEqual(['second']);
  });
});

describe('without JavaScript', () => {
  it('Move up, Move down and Clear rearrange the form without saving', () => {
    const typed = slots('a', 'b', 'c');
    expect(save('home', '0', typed, editor, 'up-1').slots.slice(0, 3).map((s) => s.article)).toEqual(['b', 'a', 'c']);
    expect(save('home', '0', typed, editor, 'down-1').slots.slice(0, 3).map((s) => s.article)).toEqual(['a', 'c', 'b']);
    expect(save('home', '0', typed, editor, 'clear-0').slots.slice(0, 3).map((s) => s.article)).toEqual(['', 'b', 'c']);
    expect(listAudit({ limit: 5 }, db)).toEqual([]);
  });
});

describe('readers', () => {
  it('lose a pinned story at once when it is unpublished or trashed', () => {
    const id = addTestArticle(db, { slug: 'pinned' });
    save('home', '0', slots('pinned'));
    expect(listLiveFrontSlots('home', db).live).toHaveLength(1);
    moveArticleToTrash(db, id, Date.now());
    expect(listLiveFrontSlots('home', db).live).toEqual([]);
    expect(listLiveFrontSlots('home', db).pinnedIds).toEqual([id]);
  });
});
