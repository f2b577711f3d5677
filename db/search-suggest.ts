import { sql } from 'drizzle-orm';
import { getDb, type Db } from './client';
import { foldWord, MIN_PREFIX_CHARACTERS, isStopWord, searchTerms } from './search-query';

/**
 * "Did you mean": for a search that found nothing, the same text with each word the index does not know
 * replaced by the closest word it does (db/migrations/0013_search_vocabulary.sql: the index's own
 * vocabulary, `article_search_vocab`). Bounded work: only words of at least 3 letters; candidates are the
 * vocabulary's words with the same first letter and a length within the distance allowed, read off the
 * vocabulary's own order (a range, never a scan of the whole of it) up to MAX_CANDIDATES rows; each is
 * measured by edit distance (Damerau-Levenshtein, optimal string alignment) with an early stop. The index
 * also holds drafts, so a suggestion is only made when it finds a published article: readers never learn a
 * word that exists only in an unpublished story.
 */

/** Rows of the vocabulary read per unknown word, at most. */
export const MAX_CANDIDATES = 20_000;
/** Candidates (closest first) checked against published articles, per word. */
const PUBLISHED_CHECKS = 5;
const SHORTEST_WORD = 3;

/** How many edits a word of this length may be away from a suggestion: 1 up to 4 letters, else 2. */
export const allowedEdits = (length: number) => (length <= 4 ? 1 : 2);

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

function knownWord(db: Db, word: string, asPrefix: boolean): boolean {
  const row = asPrefix
    ? db.get<{ n: number }>(sql`select 1 as n from article_search_vocab where term >= ${word} and term < ${afterPrefix(word)} limit 1`)
    : db.get<{ n: number }>(sql`select 1 as n from article_search_vocab where term = ${word}`);
  return row !== undefined;
}

function foundPublished(db: Db, word: string): boolean {
  return (
    db.get<{ n: number }>(sql`
      select 1 as n from article_search cross join articles on articles.id = article_search.rowid
      where article_search match ${`"${word}"`} and articles.status = 'published' limit 1`) !== undefined
  );
}

/** The closest known word to `word` (folded), or null. */
function closestWord(db: Db, word: string): string | null {
  const first = [...word][0]!;
  const max = allowedEdits([...word].length);
  const length = [...word].length;
  const rows = db.all<{ term: string; doc: number }>(sql`
    select term, doc from article_search_vocab
    where term >= ${first} and term < ${afterPrefix(first)}
      and length(term) between ${length - max} and ${length + max}
    limit ${MAX_CANDIDATES}`);
  const ranked = rows
    .map((row) => ({ ...row, distance: editDistance(word, row.term, max) }))
    .filter((row) => row.distance <= max && row.term !== word)
    .sort((a, b) => a.distance - b.distance || b.doc - a.doc || (a.term < b.term ? -1 : 1))
    .slice(0, PUBLISHED_CHECKS);
  return ranked.find((row) => foundPublished(db, row.term))?.term ?? null;
}

/**
 * The text with its unknown words replaced, or null when every word is known (or none could be
 * replaced). Phrases and words that are not one plain token (numbers with letters glued by punctuation)
 * stay as typed.
 */
export function suggestSpelling(text: string, db: Db = getDb()): string | null {
  const terms = searchTerms(text);
  let changed = false;
  const words = terms.map((term, i) => {
    if (term.phrase) return `"${term.text}"`;
    const word = foldWord(term.text);
    if ([...word].length < SHORTEST_WORD || !/^[\p{L}\p{N}]+$/u.test(word)) return term.text;
    const last = i === terms.length - 1;
    const asPrefix = last && [...word].length >= MIN_PREFIX_CHARACTERS && !isStopWord(word);
    if (knownWord(db, word, asPrefix)) return term.text;
    const closest = closestWord(db, word);
    if (closest === null) return term.text;
    changed = true;
    return closest;
  });
  return changed ? words.join(' ') : null;
}
