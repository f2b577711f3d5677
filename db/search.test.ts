import { beforeEach, describe, expect, it } from 'vitest';
import { createArticle, moveArticleToTrash, updateArticle } from './articles/writes';
import { PAGE_SIZE } from './articles/reads';
import type { Db } from './client';
import { getEditableArticle } from './newsroom';
import { searchPublishedArticles, splitHighlights, type Highlighted, type SearchFilter } from './search';
import { testArticleFields } from '@/test/support/database-fixtures';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { createUser } from './users';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const NOW = Date.UTC(2026, 10, 28);
const DAY = 86_400_000;
const search = (text: string, more: Partial<SearchFilter> = {}) => searchPublishedArticles({ text, page: 1, now: NOW, ...more }, db);
const ids = (text: string, more: Partial<SearchFilter> = {}) => search(text, more)?.items.map((hit) => hit.id);
const plain = (parts: Highlighted) => parts.map((p) => p.text).join('');
const marked = (parts: Highlighted) => parts.filter((p) => p.match).map((p) => p.text.toLowerCase());

describe('searchPublishedArticles', () => {
  it('does not find or mark longer words that start with a very common one ("the" is not "their")', () => {
    const their = addTestArticle(db, { headline: 'Their harbour plan', body: 'Their plan was approved.' });
    const the = addTestArticle(db, { headline: 'The harbour plan', body: 'The plan was approved.' });
    expect(ids('harbour the')).toEqual([the]);
    expect(search('harbour the')!.items[0]!.headline.filter((p) => p.match).map((p) => p.text)).toEqual(['The', 'harbour']);
    expect(ids('harbour thei')).toEqual([their]);
  });

  it('ranks a headline match above a body match, however new the body match is', () => {
    const inBody = addTestArticle(db, { headline: 'Council meets', body: 'The tariffs were discussed at length.', publishedAt: NOW - DAY });
    const inHeadline = addTestArticle(db, { headline: 'Tariffs rise again', body: 'Prices went up.', publishedAt: NOW - 200 * DAY });
    expect(ids('tariffs')).toEqual([inHeadline, inBody]);
  });

  it('breaks an equal match in favour of the newer article', () => {
    const older = addTestArticle(db, { headline: 'Harbour plan', publishedAt: NOW - 400 * DAY });
    const newer = addTestArticle(db, { headline: 'Harbour plan', publishedAt: NOW - 2 * DAY });
    expect(ids('harbour plan')).toEqual([newer, older]);
  });

  it('searches the summary, body, key points and why it matters', () => {
    const fields = [
      addTestArticle(db, { summary: 'Alpha in the summary.' }),
      addTestArticle(db, { body: 'Alpha in the body.' }),
      addTestArticle(db, { keyPoints: [{ label: 'Point', text: 'Alpha in a key point.' }] }),
      addTestArticle(db, { whyItMatters: 'Alpha matters.' }),
    ];
    expect(ids('alpha')?.sort()).toEqual(fields.sort());
  });

  it('returns a snippet and headline with the matches marked, as plain text', () => {
    addTestArticle(db, {
      headline: 'Budget <script>alert(1)</script> talks',
      body: `${'Filler words here. '.repeat(30)}The **budget** was <b>agreed</b> overnight. ${'More filler. '.repeat(30)}`,
    });
    const [hit] = search('budget')?.items ?? [];
    expect(marked(hit!.headline)).toEqual(['budget']);
    expect(plain(hit!.headline)).toBe('Budget <script>alert(1)</script> talks');
    expect(marked(hit!.snippet)).toContain('budget');
    expect(plain(hit!.snippet)).toMatch(/^…/);
    expect(plain(hit!.snippet)).not.toContain('**');
    expect(hit!.section).toEqual({ slug: 'politics', name: 'Politics' });
  });

  it('finds the words of story blocks (captions, quotes, fact boxes) and shows them in the snippet without the block syntax', () => {
    addTestArticle(db, {
      headline: 'Harbour repairs',
      body: `${'Filler words here. '.repeat(30)}\n\n::image{id=3 size="wide" caption="Divers inspect the breakwater" credit="Ana Díaz"}\n\n:::pullquote{cite="The mayor"}\nThe breakwater held.\n:::\n\n${'More filler. '.repeat(30)}`,
    });
    const [hit] = search('breakwater')?.items ?? [];
    expect(marked(hit!.snippet)).toContain('breakwater');
    expect(plain(hit!.snippet)).not.toMatch(/::|\{|\}|caption=|size=|"/);
    expect(plain(hit!.snippet)).toContain('Divers inspect the breakwater');
  });

  it('finds the words of every story block: captions and credits, alt text, pull quotes and their attribution, fact boxes and their titles, table captions and cells, embed titles', () => {
    const story = addTestArticle(db, {
      headline: 'Harbour works',
      body: [
        'Opening words.',
        '::image{id=3 alt="Cormorants on a pier" caption="Divers at work" credit="Ana Díaz"}',
        ':::gallery\n::image{id=4 caption="Cranes unloading"}\n:::',
        ':::pullquote{cite="Harbourmaster Okafor"}\nThe seawall held.\n:::',
        ':::factbox{title="Drydock figures"}\n- Tonnage doubled.\n:::',
        ':::table{caption="Landings by quay"}\n| Quay | Catch |\n|---|---|\n| Eastpier | 12 |\n:::',
        '::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="Launch of the dredger"}',
      ].join('\n\n'),
    });
    for (const word of ['cormorants', 'divers', 'díaz', 'cranes', 'seawall', 'okafor', 'drydock', 'tonnage', 'landings', 'eastpier', 'dredger']) {
      expect(ids(word), word).toEqual([story]);
    }
  });

  it('finds a word from its first letters and folds case and diacritics', () => {
    const talks = addTestArticle(db, { headline: 'Negotiations resume' });
    const visit = addTestArticle(db, { headline: 'Zelenskyý visits Kraków' });
    expect(ids('neg')).toEqual([talks]);
    expect(ids('negotiations')).toEqual([talks]);
    for (const text of ['zelenskyy', 'Zelenskyy', 'ZELENSKYÝ', 'zelenskyý', 'krakow', 'KRAKÓW']) expect(ids(text), text).toEqual([visit]);
  });

  it('matches a quoted phrase only in that order', () => {
    const phrase = addTestArticle(db, { headline: 'Trade deal signed' });
    addTestArticle(db, { headline: 'Deal on trade delayed' });
    expect(ids('"trade deal"')).toEqual([phrase]);
    expect(ids('trade deal')).toHaveLength(2);
  });

  it('filters by section and by date range', () => {
    const politics = addTestArticle(db, { headline: 'Energy plan', publishedAt: NOW - 10 * DAY });
    const world = addTestArticle(db, { headline: 'Energy plan abroad', sectionSlug: 'world', publishedAt: NOW - 3 * DAY });
    const worldId = db.$client.prepare("select id from sections where slug = 'world'").pluck().get() as number;
    expect(ids('energy', { sectionId: worldId })).toEqual([world]);
    expect(ids('energy', { from: NOW - 5 * DAY })).toEqual([world]);
    expect(ids('energy', { until: NOW - 5 * DAY })).toEqual([politics]);
    expect(ids('energy', { from: NOW - 20 * DAY, until: NOW - 15 * DAY })).toEqual([]);
  });

  it('pages 20 at a time and counts every match', () => {
    const all = Array.from({ length: PAGE_SIZE + 3 }, (_, i) => addTestArticle(db, { headline: `Weather report ${i}`, publishedAt: NOW - i * DAY }));
    const first = search('weather');
    expect(first).toMatchObject({ page: 1, pageCount: 2, total: PAGE_SIZE + 3 });
    expect(first?.items).toHaveLength(PAGE_SIZE);
    const second = search('weather', { page: 2 });
    expect(second?.items.map((h) => h.id)).toEqual(all.slice(PAGE_SIZE));
    expect(search('weather', { page: 5 })).toMatchObject({ items: [], pageCount: 2, total: PAGE_SIZE + 3 });
  });

  it('ranks only the newest matches of a word in very many articles, and says so', () => {
    // The oldest has the word in its headline (the best match), the others in the body.
    const all = Array.from({ length: 30 }, (_, i) =>
      addTestArticle(db, { headline: i === 0 ? 'Common ground' : `Report ${i}`, body: 'A common word.', publishedAt: NOW - (30 - i) * DAY }),
    );
    const capped = searchPublishedArticles({ text: 'common', page: 1, now: NOW }, db, { rankAtMost: 10 });
    expect(capped).toMatchObject({ total: 10, pageCount: 1, capped: true });
    expect(capped?.items.map((h) => h.id).sort()).toEqual(all.slice(20).sort());
    // Past the ranked matches: no page of them.
    expect(searchPublishedArticles({ text: 'common', page: 2, now: NOW }, db, { rankAtMost: 10 })).toMatchObject({ items: [], total: 10, capped: true });
    // Exactly as many matches as may be ranked: all ranked, not capped.
    expect(searchPublishedArticles({ text: 'common', page: 1, now: NOW }, db, { rankAtMost: 30 })).toMatchObject({ total: 30, capped: false });
    expect(search('common')).toMatchObject({ total: 30, capped: false });
    expect(search('common')?.items[0]?.id).toBe(all[0]);
  });

  it('applies filters before choosing the matches to rank: a section’s few matches are all ranked, in the same order', () => {
    const world = Array.from({ length: 5 }, (_, i) =>
      addTestArticle(db, { headline: i === 2 ? 'Common market' : `World ${i}`, body: 'Common.', sectionSlug: 'world', publishedAt: NOW - (100 + i) * DAY }),
    );
    for (let i = 0; i < 20; i++) addTestArticle(db, { headline: `Politics ${i}`, body: 'Common.', publishedAt: NOW - i * DAY });
    const worldId = db.$client.prepare("select id from sections where slug = 'world'").pluck().get() as number;
    const capped = searchPublishedArticles({ text: 'common', sectionId: worldId, page: 1, now: NOW }, db, { rankAtMost: 10 });
    expect(capped).toMatchObject({ total: 5, capped: false });
    expect(capped?.items.map((h) => h.id)).toEqual(ids('common', { sectionId: worldId }));
    expect(capped?.items[0]?.id).toBe(world[2]);
    // More matches pass the filter than may be ranked: the newest of them.
    const politicsId = db.$client.prepare("select id from sections where slug = 'politics'").pluck().get() as number;
    const politics = searchPublishedArticles({ text: 'common', sectionId: politicsId, page: 1, now: NOW }, db, { rankAtMost: 10 });
    expect(politics).toMatchObject({ total: 10, capped: true });
    const newestPolitics = db.$client.prepare('select id from articles where section_id = ? order by id desc limit 10').pluck().all(politicsId) as number[];
    expect(politics?.items.map((h) => h.id).sort()).toEqual(newestPolitics.sort());
  });

  it('never finds drafts, articles in review, scheduled, archived or trashed ones', () => {
    const published = addTestArticle(db, { headline: 'Secret plan published' });
    for (const status of ['draft', 'review', 'scheduled', 'archived'] as const) addTestArticle(db, { headline: `Secret plan ${status}`, status });
    const trashed = addTestArticle(db, { headline: 'Secret plan trashed' });
    moveArticleToTrash(db, trashed, NOW);
    expect(ids('secret plan')).toEqual([published]);
  });

  it('gives null for text with nothing to search, so the page shows the form', () => {
    expect(search('')).toBeNull();
    expect(search('   ')).toBeNull();
    expect(search('"*"')).toBeNull();
  });

  it('answers any hostile text with results or none, never an error', () => {
    addTestArticle(db, { headline: 'Ordinary story about a NEAR miss' });
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      'a"b"c"',
      '*',
      'neg*',
      '*neg',
      '(',
      ')',
      '(a OR b)',
      'NEAR',
      'NEAR(a b, 2)',
      'a NEAR/3 b',
      'headline:story',
      'body:',
      ':',
      '^story',
      '-story',
      'story -miss',
      'a AND',
      'OR',
      'NOT story',
      '{headline summary}: x',
      "'; DROP TABLE articles; --",
      "' OR '1'='1",
      '\\',
      '%',
      '_',
      '\u0000',
      'story\u0000miss',
      '\u0007\u001b[31m',
      '\uFEFFstory',
      '\uD800',
      '🙂 story',
      'x'.repeat(10_000),
      'story '.repeat(2_000),
      '"'.repeat(10_001),
      '<script>alert(1)</script>',
    ];
    for (const text of hostile) {
      expect(() => search(text), JSON.stringify(text.slice(0, 40))).not.toThrow();
    }
    // Operators are words like any other: NEAR is looked up, and "-" excludes nothing.
    expect(ids('NEAR')).toHaveLength(1);
    expect(ids('story -miss')).toHaveLength(1);
  });
});

describe('the search index follows every article write', () => {
  const fields = (headline: string, keyPoint: string) =>
    testArticleFields(db, { slug: 'kept-in-sync', headline, keyPoints: [{ label: 'First', text: keyPoint }] });

  it('indexes creates and edits (headline and key points) and forgets deleted articles', () => {
    const context = { userId: createUser({ email: 'e@example.com', name: 'E', role: 'editor', passwordHash: 'x' }, db), now: NOW };
    const id = createArticle(db, fields('Original heading', 'Quokka sighting.'), { status: 'published' }, context);
    expect(ids('original')).toEqual([id]);
    expect(ids('quokka')).toEqual([id]);
    const version = getEditableArticle(id, db)?.version ?? 0;
    const edited = fields('Renamed heading', 'Wombat sighting.');
    expect(updateArticle(db, { articleId: id, expectedVersion: version, fields: edited, kind: 'save' }, { status: 'published' }, context)).toMatchObject({ ok: true });
    expect(ids('original')).toEqual([]);
    expect(ids('quokka')).toEqual([]);
    expect(ids('renamed wombat')).toEqual([id]);
    db.$client.prepare('delete from articles where id = ?').run(id);
    expect(ids('renamed')).toEqual([]);
    expect(db.$client.prepare('select count(*) from article_search').pluck().get()).toBe(0);
  });
});

describe('splitHighlights', () => {
  it('splits marked text into plain and matched parts', () => {
    expect(splitHighlights('a \uE000b\uE001 c \uE000d\uE001')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c ', match: false },
      { text: 'd', match: true },
    ]);
    expect(splitHighlights('no match')).toEqual([{ text: 'no match', match: false }]);
  });
});
