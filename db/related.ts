import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from './client';
import { articles, articleTags, tags } from './schema';
import { foldWord, isStopWord } from './search-query';

/**
 * Which stories are about the same thing as this one (decision 19), ranked by two kinds of evidence, each
 * weighted by how specific it is:
 * - words: the distinctive words of its headline, tag names and summary (MAX_WORDS of them, stop-words
 *   left out), looked up in the full-text index, newest stories first, WORD_MATCHES at most each. A word
 *   weighs ln(1 + archive / articles holding it), an inverse document frequency, where "articles holding
 *   it" is counted when there are fewer than WORD_MATCHES, and otherwise estimated from how far back its
 *   WORD_MATCHES newest stories reach. A word estimated to be in more than one article in COMMON_WORD is
 *   not distinctive and is left out ("talks", "government");
 * - tags: each tag shared, weighing 1 / (articles holding it) among its CANDIDATES_PER_TAG newest, so a
 *   broad tag ("Europe", on a quarter of the demo's stories) counts for little and a specific one
 *   ("Peace talks") for much.
 * A story's score is the share of this one's word weight it holds, plus the share of its tag weight,
 * halved (0 to 1; a story with no distinctive word is judged by its tags alone). Only stories scoring at least MIN_SCORE and at least RELATIVE_TO_BEST of the best one
 * count as related: a story sharing nothing but a broad tag is not offered as related at all.
 * Bounded: MAX_WORDS reads of at most WORD_MATCHES ids from the index (newest first, the order it reads
 * fastest: a range of ids is read from its start, 10-40× slower here) and one read of CANDIDATES_PER_TAG
 * ids per tag, whatever the size of the archive.
 */

export const MAX_WORDS = 8;
export const WORD_MATCHES = 50;
export const COMMON_WORD = 50;
export const CANDIDATES_PER_TAG = 50;
export const MIN_SCORE = 0.15;
export const RELATIVE_TO_BEST = 0.3;

const WORD = /[\p{L}\p{N}]+/gu;

/** Distinct folded words of at least 3 characters that are not stop-words, in order: headline first. */
export function distinctiveWords(texts: readonly string[], max = MAX_WORDS): string[] {
  const words = new Set<string>();
  for (const text of texts) {
    for (const [raw] of foldWord(text).matchAll(WORD)) {
      if ([...raw].length >= 3 && !isStopWord(raw) && !/^\d+$/.test(raw)) words.add(raw);
      if (words.size >= max) return [...words];
    }
  }
  return [...words];
}

export interface ScoredArticle {
  id: number;
  score: number;
}

/**
 * Published-or-not ids of the stories most like `articleId`, best first, with their scores: only those
 * passing the thresholds above (`relativeToBest` 0: every story with anything in common), never the
 * article itself or an id in `excluded`. The caller keeps the published ones (the word evidence comes
 * from the index, which also holds drafts).
 */
export function similarArticles(db: Db, articleId: number, excluded: ReadonlySet<number>, relativeToBest = RELATIVE_TO_BEST): ScoredArticle[] {
  const own = db.select({ headline: articles.headline, summary: articles.summary }).from(articles).where(eq(articles.id, articleId)).get();
  if (!own) return [];
  const ownTags = db
    .select({ id: tags.id, name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .all();

  const wordScore = new Map<number, number>();
  let wordTotal = 0;
  const newest = db.get<{ id: number }>(sql`select max(${articles.id}) as id from ${articles}`)?.id ?? articleId;
  for (const word of distinctiveWords([own.headline, ...ownTags.map((t) => t.name), own.summary])) {
    const found = db
      .all<{ id: number }>(sql`select rowid as id from article_search where article_search match ${`"${word}"`} order by rowid desc limit ${WORD_MATCHES}`)
      .map((row) => row.id);
    // Counted, or estimated from the stretch of ids its newest matches span.
    const holding = found.length < WORD_MATCHES ? found.length : (WORD_MATCHES * newest) / Math.max(1, newest - found[found.length - 1]! + 1);
    const others = found.filter((id) => id !== articleId);
    // Only a word with more matches than were read can be too common to tell (a small archive weighs them all).
    if (others.length === 0 || (found.length === WORD_MATCHES && holding * COMMON_WORD > newest)) continue;
    const weight = Math.log(1 + newest / holding);
    wordTotal += weight;
    for (const id of others) wordScore.set(id, (wordScore.get(id) ?? 0) + weight);
  }

  const tagScore = new Map<number, number>();
  let tagTotal = 0;
  for (const tag of ownTags) {
    const ids = db
      .select({ id: articleTags.articleId })
      .from(articleTags)
      .where(and(eq(articleTags.tagId, tag.id), isNotNull(articleTags.listedAt)))
      .orderBy(desc(articleTags.listedAt), desc(articleTags.articleId))
      .limit(CANDIDATES_PER_TAG)
      .all()
      .map((row) => row.id)
      .filter((id) => id !== articleId);
    if (ids.length === 0) continue;
    const weight = 1 / ids.length;
    tagTotal += weight;
    for (const id of ids) tagScore.set(id, (tagScore.get(id) ?? 0) + weight);
  }

  const scored: ScoredArticle[] = [];
  for (const id of new Set([...wordScore.keys(), ...tagScore.keys()])) {
    if (excluded.has(id) || id === articleId) continue;
    const words = wordTotal > 0 ? (wordScore.get(id) ?? 0) / wordTotal : 0;
    const shared = tagTotal > 0 ? (tagScore.get(id) ?? 0) / tagTotal : 0;
    // The share of each kind of evidence this story offers (a story with no distinctive word is judged by its tags alone).
    scored.push({ id, score: (words + shared) / ((wordTotal > 0 ? 1 : 0) + (tagTotal > 0 ? 1 : 0) || 1) });
  }
  scored.sort((a, b) => b.score - a.score || b.id - a.id);
  const best = scored[0]?.score ?? 0;
  const bar = relativeToBest === 0 ? 0 : Math.max(MIN_SCORE, best * relativeToBest);
  return scored.filter((article) => article.score >= bar);
}
