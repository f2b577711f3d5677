import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { renderIllustration, seededRandom } from '@/ops/illustration';
import { mediaVariantName } from '@/lib/media/names';
import type { SeedContent } from '@/ops/seed-content';
import { createArticle, newArticleArguments, setRelatedArticles } from '@/db/articles/writes';
import type { NewArticle } from '@/db/articles/model';
import { renderAgainArticlesWithImages } from '@/db/articles/reads';
import type { Db } from '@/db/client';
import { authors, frontSlots, fronts, pageViews, sections } from '@/db/schema';
import { HOUR_MS, hourOf, TRENDING_WINDOW_HOURS } from '@/db/views';
import { insertLiveUpdate, endLiveBlog, startLiveBlog } from '@/db/live-blogs';
import { renderMarkdown } from '@/lib/markdown';

export function isDatabaseEmpty(db: Db): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from articles`)?.n ?? 0) === 0;
}

// As wide as the widest variant of an upload, so the demo site is served at every width readers get.
const HERO_WIDTH = 1600;
const HERO_HEIGHT = 900;
const hoursBefore = (now: number, hours: number) => now - Math.round(hours * HOUR_MS);

/** An upload's base name is random; a demo image's is its article's, hashed into the same shape, so every seed names it alike. */
const demoMediaBaseName = (slug: string) => createHash('sha256').update(slug).digest('hex').slice(0, 10);

/**
 * Loads the demo newsroom: sections, authors, tags, published articles dated relative to `now`,
 * illustrations for articles with a hero, related picks, corrections and 48 hours of simulated views.
 */
export async function seedDemoSite(db: Db, content: SeedContent, mediaFolder: string, now: number): Promise<number> {
  fs.mkdirSync(mediaFolder, { recursive: true });
  const illustrated = content.sections.flatMap((file, index) =>
    file.articles.filter((a) => a.hero).map((article) => ({ slug: article.slug, hue: Math.round((index * 360) / content.sections.length) })),
  );
  // Drawn side by side (sharp works off the main thread); each named like an upload's files, from its slug.
  const heroFiles = new Map(
    await Promise.all(
      illustrated.map(async ({ slug, hue }) => {
        const base = demoMediaBaseName(slug);
        const variants = await renderIllustration(slug, hue, HERO_WIDTH, HERO_HEIGHT);
        for (const variant of variants) fs.writeFileSync(path.join(mediaFolder, mediaVariantName(base, variant.width)), variant.file);
        return [slug, mediaVariantName(base, HERO_WIDTH)] as const;
      }),
    ),
  );

  const random = seededRandom('demo-views');
  const currentHour = hourOf(now);
  const articleIds = new Map<string, number>();
  db.transaction((tx) => {
    for (const author of content.authors) tx.insert(authors).values(author).run();
    for (const file of content.sections) {
      tx.insert(sections).values(file.section).run();
      for (const article of file.articles) {
        const publishedAt = hoursBefore(now, article.hoursAgo);
        const heroFile = heroFiles.get(article.slug);
        const updatedAt = article.updatedHoursAgo == null ? publishedAt : hoursBefore(now, article.updatedHoursAgo);
        const corrections = article.corrections.map((c) => ({
          text: c.text,
          publishedAt: publishedAt + Math.round(c.hoursAfterPublish * HOUR_MS),
        }));
        const stored: NewArticle = {
          ...article,
          sectionSlug: file.section.slug,
          status: 'published',
          contextNote: article.contextNote ?? '',
          authorSlugs: article.authors,
          tagNames: article.tags,
          publishedAt,
          updatedAt,
          corrections,
          hero:
            heroFile && article.hero
              ? { fileName: heroFile, width: HERO_WIDTH, height: HERO_HEIGHT, ...article.hero }
              : undefined,
        };
        const id = createArticle(...newArticleArguments(tx, stored));
        articleIds.set(article.slug, id);
        // Simulated readership: most stories are read a little, a few "hits" a lot, all fading with age.
        const popularity = random() < 0.2 ? 10 + random() * 15 : 0.5 + random() * 4;
        for (let age = 0; age < TRENDING_WINDOW_HOURS && (currentHour - age) * HOUR_MS >= publishedAt - HOUR_MS; age++) {
          const views = Math.round(popularity * Math.exp(-age / 18) * (0.5 + random()));
          if (views > 0) tx.insert(pageViews).values({ articleId: id, hour: currentHour - age, views }).run();
        }
      }
    }
    for (const article of content.sections.flatMap((file) => file.articles)) {
      const relatedIds = article.related.map((slug) => {
        const id = articleIds.get(slug);
        if (id === undefined) throw new Error(`${article.slug}: related article ${slug} does not exist`);
        return id;
      });
      setRelatedArticles(tx, articleIds.get(article.slug) ?? 0, relatedIds);
    }
    // The arranged fronts: keyed as db/fronts.ts's frontKeyOf does ('home', 'section:<id>').
    const sectionIds = new Map(tx.select({ id: sections.id, slug: sections.slug }).from(sections).all().map((s) => [s.slug, s.id] as const));
    for (const front of content.fronts ?? []) {
      const sectionId = sectionIds.get(front.front);
      if (front.front !== 'home' && sectionId === undefined) throw new Error(`fronts.json: no section ${front.front}`);
      const key = front.front === 'home' ? 'home' : `section:${sectionId}`;
      tx.insert(fronts).values({ key, version: 1, updatedAt: now, updatedBy: null }).run();
      for (const slot of front.slots) {
        const articleId = articleIds.get(slot.article);
        if (articleId === undefined) throw new Error(`fronts.json: ${front.front} slot ${slot.position}: no article ${slot.article}`);
        tx.insert(frontSlots).values({ frontKey: key, position: slot.position, articleId, headline: slot.headline, summary: slot.summary, mediaId: null }).run();
      }
    }
  });
  db.transaction(() => seedLiveBlogs(db, content, articleIds, now));
  // Bodies name library images (story blocks) that later articles brought in: render those again.
  renderAgainArticlesWithImages(db);
  return articleIds.size;
}

/** The demo's live blogs (ops/seed-content/liveblogs.json): demo articles made live blogs, with their updates, oldest first. */
function seedLiveBlogs(db: Db, content: SeedContent, articleIds: ReadonlyMap<string, number>, now: number): void {
  const names = new Map(content.authors.map((a) => [a.slug, a.name]));
  for (const blog of content.liveBlogs ?? []) {
    const articleId = articleIds.get(blog.article);
    if (articleId === undefined) throw new Error(`liveblogs.json: article ${blog.article} does not exist`);
    startLiveBlog(articleId, hoursBefore(now, blog.startedHoursAgo), db);
    for (const update of [...blog.updates].sort((a, b) => b.minutesAgo - a.minutesAgo)) {
      const byline = names.get(update.author);
      if (byline === undefined) throw new Error(`liveblogs.json: author ${update.author} does not exist`);
      insertLiveUpdate(
        {
          articleId,
          status: 'posted',
          title: update.title,
          body: update.body,
          bodyHtml: renderMarkdown(update.body),
          createdBy: null,
          byline,
          keyEvent: update.keyEvent,
          postedAt: now - Math.round(update.minutesAgo * 60_000),
        },
        db,
      );
    }
    if (blog.endedHoursAgo !== null) endLiveBlog(articleId, hoursBefore(now, blog.endedHoursAgo), db);
  }
}
