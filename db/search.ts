import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { PAGE_SIZE } from './articles/reads';
import { getDb, type Db } from './client';
import { articles, sections } from './schema';
import { toMatchExpression } from './search-query';
import type { Paged, SectionRef } from './types';

/**
 * Reads of the full-text index `article_search` (db/migrations/0004_search_index.sql; rowid = article
 * id), which triggers keep in step with every article write. Decision: docs/decisions/0005-search-index.md.
 */

/** Text with the words that matched marked, as plain strings: the page escapes them like any other text. */
export type Highlighted = { text: string; match: boolean }[];

export interface SearchHit {
  id: number;
  slug: string;
  headline: Highlighted;
  snippet: Highlighted;
  section: SectionRef;
  publishedAt: number;
}

export interface SearchFilter {
  /** What the reader typed, as typed: it is made safe here. */
  text: string;
  sectionId?: number;
  /** Published at or after this instant (epoch ms). */
  from?: number;
  /** Published before this instant (epoch ms). */
  until?: number;
  page: number;
  /** For the recency boost. */
  now: number;
}

// Private-use characters around matches: they never come from the query and cannot be confused with
// HTML, so the marked text is split on them and never parsed.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const SNIPPET_TOKENS = 24;
const DAY_MS = 86_400_000;

/**
 * Lower is better (bm25 is negative): a match in the headline counts ten times one in the body, the
 * summary four, key points and why-it-matters two. The recency factor lifts today's articles by a
 * quarter, a month-old one by an eighth and a year-old one by 2%: a mild tie-breaker, not a re-sort by date.
 */
const score = (now: number) =>
  sql`bm25(article_search, 10.0, 4.0, 1.0, 2.0, 2.0) * (1.0 + 0.25 / (1.0 + 1.0 * max(0, ${now} - ${articles.publishedAt}) / ${30 * DAY_MS}))`;

function readerConditions(filter: SearchFilter, match: string): SQL | undefined {
  return and(
    sql`article_search match ${match}`,
    // The index is the driving table (the cross join keeps it first); each match is then looked up by id
    // in articles_search_filter_idx, which holds every column used here (see db/schema.ts).
    sql`${articles.id} = article_search.rowid`,
    eq(articles.status, 'published'),
    filter.sectionId === undefined ? undefined : eq(articles.sectionId, filter.sectionId),
    filter.from === undefined ? undefined : gte(articles.publishedAt, filter.from),
    filter.until === undefined ? undefined : lt(articles.publishedAt, filter.until),
  );
}

/**
 * A search ranks at most this many matches: when the text matches more articles than this, the newest
 * (by article id) that pass the filters. A word in every article would otherwise score, look up and sort
 * the whole archive on every request (~150 ms at 100k articles, and any variation of the query defeats
 * every cache). A text with fewer matches (two ordinary words match ~2% of the archive) is ranked and
 * counted exactly as before, by the same query, after a count that stops one past the cap.
 */
export const MAX_RANKED_MATCHES = 5_000;

/** A page of results; `capped` when there were more matches than were ranked (`total` is then the cap). */
export type SearchResults = Paged<SearchHit> & { capped: boolean };

/**
 * One page of published articles matching what a reader typed, best first, 20 a page; null when the text
 * has no searchable word (the page then shows only the form).
 */
export function searchPublishedArticles(
  filter: SearchFilter,
  db: Db = getDb(),
  { rankAtMost = MAX_RANKED_MATCHES }: { rankAtMost?: number } = {},
): SearchResults | null {
  const match = toMatchExpression(filter.text);
  if (match === null) return null;
  const where = readerConditions(filter, match);
  const matches = sql`from article_search cross join ${articles} indexed by articles_search_filter_idx where ${where}`;
  // How many the text matches, counted (without ranking) only up to one past the cap.
  const many = (db.get<{ n: number }>(sql`select count(*) as n from (select rowid from article_search where article_search match ${match} limit ${rankAtMost + 1})`)?.n ?? 0) > rankAtMost;
  // Every match ranked, as if there were no cap.
  const rankAll = (offset: number) =>
    db.all<{ id: number; found: number }>(sql`
      select id, count(*) over () as found
      from (select ${articles.id} as id, ${score(filter.now)} as score ${matches})
      order by score, id desc
      limit ${PAGE_SIZE} offset ${offset}`);
  // The index hands its matches over in rowid (= article id) order, either way, and the filters are checked
  // as they come, so the LIMIT stops reading one match past what may be ranked (that one only says "more").
  const rankFirst = (newestFirst: boolean) => (offset: number) => {
    const direction = sql.raw(newestFirst ? 'desc' : 'asc');
    return db.all<{ id: number; found: number }>(sql`
      select id, found
      from (select id, score, count(*) over () as found, row_number() over (order by id ${direction}) as taken
        from (select ${articles.id} as id, ${score(filter.now)} as score ${matches}
          order by article_search.rowid ${direction}
          limit ${rankAtMost + 1}))
      where taken <= ${rankAtMost}
      order by score, id desc
      limit ${PAGE_SIZE} offset ${offset}`);
  };
  const page = Math.max(1, filter.page);
  // Past the last page there is no row to carry the count: count from the first page instead.
  const pageOf = (rank: (offset: number) => { id: number; found: number }[]) => {
    const rows = rank((page - 1) * PAGE_SIZE);
    return { rows, found: rows[0]?.found ?? (page > 1 ? (rank(0)[0]?.found ?? 0) : 0) };
  };
  const filtered = filter.sectionId !== undefined || filter.from !== undefined || filter.until !== undefined;
  // Filters may leave few of many matches: read in the index's cheaper forward order first, and only when
  // more than the cap pass them, again newest first (reading backwards costs about twice as much).
  const probe = many && filtered ? pageOf(rankFirst(false)) : null;
  const { rows, found } = !many ? pageOf(rankAll) : probe && probe.found <= rankAtMost ? probe : pageOf(rankFirst(true));
  const total = Math.min(found, rankAtMost);
  return {
    items: describeHits(db, match, rows.map((r) => r.id)),
    page,
    pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
    capped: found > rankAtMost,
  };
}

/**
 * Headline, snippet and section of the page's articles, in the given order: computed for these 20 rows
 * only. The "+" keeps the id list from reaching FTS5 as rowid lookups: each would run the whole match
 * again (a prefix term re-merges its word lists every time, 0.5 ms an id at 100k articles), where one
 * match filtered afterwards costs about as much as a single lookup.
 */
function describeHits(db: Db, match: string, ids: number[]): SearchHit[] {
  if (ids.length === 0) return [];
  const rows = db.all<{ id: number; slug: string; headline: string; snippet: string; publishedAt: number; sectionSlug: string; sectionName: string }>(sql`
    select ${articles.id} as id, ${articles.slug} as slug,
      highlight(article_search, 0, ${OPEN}, ${CLOSE}) as headline,
      snippet(article_search, -1, ${OPEN}, ${CLOSE}, '…', ${SNIPPET_TOKENS}) as snippet,
      ${articles.publishedAt} as publishedAt, ${sections.slug} as sectionSlug, ${sections.name} as sectionName
    from article_search cross join ${articles} join ${sections} on ${sections.id} = ${articles.sectionId}
    where article_search match ${match} and +article_search.rowid in ${ids} and ${articles.id} = article_search.rowid`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [
      {
        id,
        slug: row.slug,
        headline: splitHighlights(row.headline),
        snippet: splitHighlights(stripMarkdown(row.snippet)),
        section: { slug: row.sectionSlug, name: row.sectionName },
        publishedAt: row.publishedAt,
      },
    ];
  });
}

/** Body text is Markdown: its emphasis and heading marks mean nothing in a one-line snippet. */
const stripMarkdown = (text: string) =>
  text
    .replace(/\*\*?|__|`|^#{1,6}\s+|^>\s+/gm, '')
    // Story blocks (docs/decisions/0017): their words are the attribute values; the syntax around them is not.
    .replace(/\b(?:id=\d+|size="[a-z]*"|url="[^"]*")\s?/g, '')
    .replace(/"\s+(?=(?:alt|caption|credit|title|cite)=")/g, ' ')
    .replace(/\b(?:alt|caption|credit|title|cite)="/g, '')
    .replace(/^:{2,}[A-Za-z]*\{?|"?\}[ \t]*$/gm, '');

export function splitHighlights(marked: string): Highlighted {
  const parts: Highlighted = [];
  for (const [i, piece] of marked.split(OPEN).entries()) {
    const close = piece.indexOf(CLOSE);
    // The first piece comes before any match; every later one starts with a match up to its CLOSE.
    const [hit, rest] = i === 0 || close === -1 ? ['', piece] : [piece.slice(0, close), piece.slice(close + 1)];
    if (hit) parts.push({ text: hit, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

/** Past this many matches, walking the newsroom list's own index beats looking up each match. */
const MATCHES_WORTH_LOOKING_UP = 5_000;

/**
 * The newsroom's text filter, through the same index: ids of articles of any status matching the text,
 * as a condition on `articles.id`; undefined when the text has no searchable word (no filter).
 * Starting from the matches reads each one's whole row (body included) for its trash and sort columns:
 * right for a few thousand, slow for a common word (74 ms for one in 15% of 100k articles). Then "+"
 * keeps the list walking its own narrow index and testing membership instead (~15 ms whatever the count).
 */
export function matchingArticleIds(text: string, db: Db): SQL | undefined {
  const match = toMatchExpression(text);
  if (match === null) return undefined;
  const matches = db.get<{ n: number }>(sql`select count(*) as n from article_search where article_search match ${match}`)?.n ?? 0;
  const id = matches < MATCHES_WORTH_LOOKING_UP ? sql`${articles.id}` : sql`+${articles.id}`;
  return sql`${id} in (select rowid from article_search where article_search match ${match})`;
}
