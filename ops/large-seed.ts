import type Database from 'better-sqlite3';
import { seededRandom } from '@/ops/illustration';
import { slugify } from '@/lib/paths';
import type { SeedContent } from '@/ops/seed-content';
import { createArticleGenerator, readershipWeight, TAG_POOL, type SyntheticArticle } from '@/ops/synthetic-news';
import { ARTICLE_TEXT_DEFAULTS } from '@/db/articles/model';
import { DEFAULT_STORY_TYPE } from '@/lib/story-types';
import { createArticle } from '@/db/articles/writes';
import type { Db } from '@/db/client';
import { articles, articleStatuses, authors, sections, tags, type ArticleStatus } from '@/db/schema';
import { loadWithoutSearchTriggers } from '@/db/search-index';
import { hourOf, TRENDING_WINDOW_HOURS } from '@/db/views';

/**
 * Bulk-loads a large synthetic site for load and query-plan testing (npm run seed:large). Rows go in
 * through raw prepared statements, thousands per transaction: drizzle's per-row query building would
 * cost more than SQLite's writing at this volume.
 */

export interface LargeSeedOptions {
  articles: number;
  /** Views shared out over the last 48 hours (older hours get more, sparser buckets on top). */
  views: number;
  now: number;
  seed?: string;
  progress?: (done: number, total: number, label: string) => void;
}

export interface LargeSeedSummary {
  byStatus: Record<ArticleStatus, number>;
  tags: number;
  keyPoints: number;
  articleTags: number;
  articleAuthors: number;
  corrections: number;
  relatedPicks: number;
  viewRows: number;
  windowViews: number;
  olderViews: number;
}

const ARTICLES_PER_TRANSACTION = 5_000;
const VIEW_ROWS_PER_TRANSACTION = 50_000;
/** Before the 48-hour window: a month of 4-hour buckets, then only each article's first hours. */
const HISTORY_HOURS = 30 * 24;
const HISTORY_STEP = 4;
const LAUNCH_BUCKETS = [
  { offset: 0, hours: 1 },
  { offset: 1, hours: 1 },
  { offset: 2, hours: 2 },
  { offset: 4, hours: 4 },
  { offset: 8, hours: 8 },
  { offset: 16, hours: 8 },
];
/** Past this age a non-evergreen article's hourly weight rounds to (almost) no views. */
const FADED_HOURS = 5 * 24;

interface Readership {
  id: number;
  publishedHour: number;
  popularity: number;
  evergreen: boolean;
}

/** The ids of the demo sections, authors and the tag pool, inserting whichever are missing. */
function ensureVocabulary(db: Db, content: SeedContent) {
  db.insert(sections).values(content.sections.map((file) => file.section)).onConflictDoNothing().run();
  db.insert(authors).values(content.authors).onConflictDoNothing().run();
  db.insert(tags).values(TAG_POOL.map((name) => ({ slug: slugify(name), name }))).onConflictDoNothing().run();
  const ids = (rows: { id: number; slug: string }[]) => new Map(rows.map((r) => [r.slug, r.id]));
  return {
    sectionIds: ids(db.select({ id: sections.id, slug: sections.slug }).from(sections).all()),
    authorIds: ids(db.select({ id: authors.id, slug: authors.slug }).from(authors).all()),
    tagIds: ids(db.select({ id: tags.id, slug: tags.slug }).from(tags).all()),
  };
}

const need = (map: Map<string, number>, key: string) => {
  const id = map.get(key);
  if (id === undefined) throw new Error(`Unknown ${key}`);
  return id;
};

/**
 * Adds `options.articles` synthetic articles (with key points, tags, bylines, corrections, related
 * picks) and their page views. Synchronous writes are off for the load only: a crash mid-load loses the
 * load, which is simply run again, never the site's own data (the caller refuses a non-empty database).
 */
export function seedLargeSite(db: Db, content: SeedContent, options: LargeSeedOptions): LargeSeedSummary {
  const client = db.$client;
  const saved = { synchronous: Number(client.pragma('synchronous', { simple: true })), cacheSize: Number(client.pragma('cache_size', { simple: true })) };
  client.pragma('synchronous = OFF');
  client.pragma('cache_size = -262144'); // 256 MiB: the slug index stays in memory while rows pile up
  try {
    const { sectionIds, authorIds, tagIds } = ensureVocabulary(db, content);
    const summary: LargeSeedSummary = {
      byStatus: Object.fromEntries(articleStatuses.map((s) => [s, 0])) as Record<ArticleStatus, number>,
      tags: tagIds.size,
      keyPoints: 0,
      articleTags: 0,
      articleAuthors: 0,
      corrections: 0,
      relatedPicks: 0,
      viewRows: 0,
      windowViews: 0,
      olderViews: 0,
    };
    const next = createArticleGenerator({
      count: options.articles,
      sectionSlugs: [...sectionIds.keys()],
      authorSlugs: content.authors.map((a) => a.slug),
      now: options.now,
      seed: options.seed,
      takenSlugs: db.select({ slug: articles.slug }).from(articles).all().map((r) => r.slug),
    });
    const idsByIndex: number[] = [];
    const readers: Readership[] = [];

    const writeArticle = (article: SyntheticArticle) => {
      const { sectionSlug, authorSlugs, relatedIndexes, popularity: _popularity, evergreen: _evergreen, status, publishedAt, updatedAt, corrections, ...content } = article;
      const id = createArticle(
        db,
        {
          ...ARTICLE_TEXT_DEFAULTS,
          ...content,
          type: content.type ?? DEFAULT_STORY_TYPE,
          sectionId: need(sectionIds, sectionSlug),
          authorIds: authorSlugs.map((slug) => need(authorIds, slug)),
          heroMediaId: null,
          relatedIds: relatedIndexes.map((index) => idsByIndex[index]!),
        },
        { status },
        { userId: null, now: updatedAt },
        { dates: { publishedAt, updatedAt }, corrections },
      );
      idsByIndex.push(id);
      summary.byStatus[article.status]++;
      summary.keyPoints += article.keyPoints.length;
      summary.articleTags += article.tagNames.length;
      summary.articleAuthors += article.authorSlugs.length;
      summary.corrections += article.corrections?.length ?? 0;
      summary.relatedPicks += article.relatedIndexes.length;
      if (article.status === 'published' && article.publishedAt !== null) {
        readers.push({ id, publishedHour: hourOf(article.publishedAt), popularity: article.popularity, evergreen: article.evergreen });
      }
    };
    const writeBatch = client.transaction((batch: SyntheticArticle[]) => batch.forEach(writeArticle));
    loadWithoutSearchTriggers(client, () => {
      for (let done = 0; done < options.articles; ) {
        const size = Math.min(ARTICLES_PER_TRANSACTION, options.articles - done);
        writeBatch(Array.from({ length: size }, next));
        done += size;
        options.progress?.(done, options.articles, 'articles');
      }
    });

    writeViews(client, client.prepare('INSERT INTO page_views (article_id, hour, views) VALUES (?, ?, ?)'), readers, options, summary);
    return summary;
  } finally {
    client.pragma(`synchronous = ${saved.synchronous}`);
    client.pragma(`cache_size = ${saved.cacheSize}`);
    // Folds the load's WAL (as large as the database) back in, so the folder holds one compact file.
    client.pragma('wal_checkpoint(TRUNCATE)');
  }
}

/**
 * Page views: exactly `options.views` over the 48-hour trending window, shared by readership weight
 * (heavy-tailed popularity, fading with age); before it, 4-hour buckets for a month and, further back,
 * only each article's launch hours, at the same views per unit of weight.
 */
function writeViews(
  client: Database.Database,
  statement: Database.Statement,
  readers: readonly Readership[],
  options: LargeSeedOptions,
  summary: LargeSeedSummary,
): void {
  const noise = seededRandom(`${options.seed ?? 'large-seed'}-views`);
  const jitter = () => 0.7 + 0.6 * noise();
  const currentHour = hourOf(options.now);
  const windowStart = currentHour - TRENDING_WINDOW_HOURS + 1;
  const historyStart = windowStart - HISTORY_HOURS;

  const window: { id: number; hour: number; weight: number }[] = [];
  for (const reader of readers) {
    if (!reader.evergreen && reader.publishedHour < windowStart - FADED_HOURS) continue;
    for (let hour = Math.max(reader.publishedHour, windowStart); hour <= currentHour; hour++) {
      window.push({ id: reader.id, hour, weight: readershipWeight(reader, hour) * jitter() });
    }
  }
  const totalWeight = window.reduce((sum, bucket) => sum + bucket.weight, 0);
  const viewsPerWeight = totalWeight > 0 ? options.views / totalWeight : 0;
  const total = window.length + readers.length;
  let done = 0;

  const pending: number[] = [];
  const writeRows = client.transaction((rows: number[]) => {
    for (let i = 0; i < rows.length; i += 3) statement.run(rows[i], rows[i + 1], rows[i + 2]);
  });
  const flush = (force: boolean) => {
    if (pending.length === 0 || (!force && pending.length < VIEW_ROWS_PER_TRANSACTION * 3)) return;
    writeRows(pending);
    summary.viewRows += pending.length / 3;
    pending.length = 0;
    if (!force) options.progress?.(done, total, 'page views');
  };
  const add = (id: number, hour: number, views: number) => {
    if (views <= 0) return;
    pending.push(id, hour, views);
    flush(false);
  };

  // Running rounding: each bucket gets the rounded running total minus what was already given out,
  // so the window adds up to exactly the views asked for.
  let running = 0;
  for (const bucket of window) {
    running += bucket.weight * viewsPerWeight;
    const views = Math.round(running) - summary.windowViews;
    summary.windowViews += Math.max(views, 0);
    add(bucket.id, bucket.hour, views);
    done++;
  }

  for (const reader of readers) {
    const viewsOver = (hour: number, hours: number) => Math.round(readershipWeight(reader, hour) * hours * viewsPerWeight * jitter());
    if (reader.evergreen || reader.publishedHour >= historyStart - FADED_HOURS) {
      for (let hour = Math.max(reader.publishedHour, historyStart); hour < windowStart; hour += HISTORY_STEP) {
        const views = viewsOver(hour, Math.min(HISTORY_STEP, windowStart - hour));
        summary.olderViews += Math.max(views, 0);
        add(reader.id, hour, views);
      }
    } else {
      for (const { offset, hours } of LAUNCH_BUCKETS) {
        const views = viewsOver(reader.publishedHour + offset, hours);
        summary.olderViews += Math.max(views, 0);
        add(reader.id, reader.publishedHour + offset, views);
      }
    }
    done++;
  }
  flush(true);
  options.progress?.(total, total, 'page views');
}
