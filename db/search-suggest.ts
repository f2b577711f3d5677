import { sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { articles } from './schema';
import { foldWord, MIN_PREFIX_CHARACTERS, isStopWord, searchTerms } from './search-query';

/**
 * "Did you mean": for a search that found nothing, the same text with each word no published article
 * holds replaced by the closest word one does. Candidates are the words one edit away (a letter left
 * out, added, changed, or two neighbours swapped: about 54 per letter of the word), each looked up
 * whole in the index and kept when a published article holds it (`exists`, one read of the index's word
 * list, stopping at the first published article); the most used of them wins. When none is one edit
 * away, the words one swap or one deletion away are tried as the start of a longer word ("zelenksy" →
 * "zelensky…" → "zelenskyy"), whose whole form comes from the index's vocabulary
 * (db/migrations/0013_search_vocabulary.sql) and must be within MAX_EDITS of what was typed.
 * Bounded: at most MAX_WORD_LETTERS letters per word and MAX_QUERY_TERMS words; the vocabulary, which
 * counts a word's articles by reading all of them, is read only for the few starts that exist. The index
 * also holds drafts, so every candidate must be found in a published article: readers never learn a word
 * that is only in an unpublished story.
 */

/** Longer words are not corrected (and a typed word of 40 letters is no typo). */
export const MAX_WORD_LETTERS = 20;
/** How far a suggestion may be from what was typed. */
export const MAX_EDITS = 2;
/** How many articles are counted, at most, to rank two candidates (the more used wins). */
const COUNT_UP_TO = 1_000;
const SHORTEST_WORD = 3;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * The optimal-string-alignment distance between a and b (insertions, deletions, substitutions and swaps of
 * two neighbours, each 1), or max + 1 once it is certain to exceed max. O(len(a) × len(b)) at worst.
 */
export function editDistance(a: string, b: string, max: number): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let before = new Array<number>(t.length + 1).fill(0);
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[t.length]!, max + 1);
}

/** The first code point after `prefix`'s range in the vocabulary's (binary) order: `prefix` + U+10FFFF. */
const afterPrefix = (prefix: string) => `${prefix}\u{10FFFF}`;

/** Whether a published article holds the word (or, `asPrefix`, a word starting with it). */
function published(db: Db, word: string, asPrefix = false): boolean {
  const match = `"${word}"${asPrefix ? '*' : ''}`;
  return (
    db.get<{ n: number }>(sql`
      select 1 as n from article_search cross join ${articles} on ${articles.id} = article_search.rowid
      where article_search match ${match} and ${articles.status} = 'published' limit 1`) !== undefined
  );
}

/** How many articles hold the word, counted up to COUNT_UP_TO. */
const articlesHolding = (db: Db, word: string) =>
  db.get<{ n: number }>(sql`select count(*) as n from (select rowid from article_search where article_search match ${`"${word}"`} limit ${COUNT_UP_TO})`)?.n ?? 0;

/** Every distinct word one edit from `word` (over a-z and the word's own letters), without `word` itself. */
export function oneEditAway(word: string): { swapsAndDeletions: string[]; all: string[] } {
  const letters = [...word];
  const alphabet = [...new Set([...LETTERS, ...letters])];
  const swapsAndDeletions = new Set<string>();
  const all = new Set<string>();
  const join = (parts: string[]) => parts.join('');
  for (let i = 0; i <= letters.length; i++) {
    for (const c of alphabet) all.add(join([...letters.slice(0, i), c, ...letters.slice(i)]));
    if (i === letters.length) continue;
    swapsAndDeletions.add(join([...letters.slice(0, i), ...letters.slice(i + 1)]));
    for (const c of alphabet) all.add(join([...letters.slice(0, i), c, ...letters.slice(i + 1)]));
    if (i < letters.length - 1) swapsAndDeletions.add(join([...letters.slice(0, i), letters[i + 1]!, letters[i]!, ...letters.slice(i + 2)]));
  }
  for (const w of swapsAndDeletions) all.add(w);
  swapsAndDeletions.delete(word);
  all.delete(word);
  return { swapsAndDeletions: [...swapsAndDeletions].filter((w) => w.length >= SHORTEST_WORD), all: [...all].filter((w) => w.length >= SHORTEST_WORD) };
}

/** The closest word published articles hold to `word` (folded), or null. */
function closestWord(db: Db, word: string): string | null {
  const { swapsAndDeletions, all } = oneEditAway(word);
  const near = all.filter((candidate) => published(db, candidate));
  if (near.length > 0) {
    return near.map((candidate) => ({ candidate, n: articlesHolding(db, candidate) })).sort((a, b) => b.n - a.n || (a.candidate < b.candidate ? -1 : 1))[0]!.candidate;
  }
  // Two edits: a swap or a deletion, then the start of a longer word.
  const longer = swapsAndDeletions
    .filter((start) => [...start].length >= 4 && published(db, start, true))
    .flatMap((start) =>
      db.all<{ term: string }>(sql`select term from article_search_vocab where term > ${start} and term < ${afterPrefix(start)} limit 3`).map((row) => row.term),
    )
    .filter((term) => editDistance(word, term, MAX_EDITS) <= MAX_EDITS && published(db, term));
  return longer.sort((a, b) => editDistance(word, a, MAX_EDITS) - editDistance(word, b, MAX_EDITS) || (a < b ? -1 : 1))[0] ?? null;
}

/**
 * The text with its unknown words replaced, or null when every word is known (or none could be
 * replaced). Phrases, words of fewer than 3 or more than MAX_WORD_LETTERS letters, and words that are
 * not one plain token stay as typed.
 */
export function suggestSpelling(text: string, db: Db = getDb()): string | null {
  const terms = searchTerms(text);
  let changed = false;
  const words = terms.map((term, i) => {
    if (term.phrase) return `"${term.text}"`;
    const word = foldWord(term.text);
    const length = [...word].length;
    if (length < SHORTEST_WORD || length > MAX_WORD_LETTERS || !/^[\p{L}\p{N}]+$/u.test(word)) return term.text;
    const asPrefix = i === terms.length - 1 && length >= MIN_PREFIX_CHARACTERS && !isStopWord(word);
    if (published(db, word, asPrefix)) return term.text;
    const closest = closestWord(db, word);
    if (closest === null) return term.text;
    changed = true;
    return closest;
  });
  return changed ? words.join(' ') : null;
}
