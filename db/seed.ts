import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { renderIllustration, seededRandom } from '@/lib/illustration';
import { slugify } from '@/lib/paths';
import type { SeedContent } from '@/lib/seed-content';
import type { Db } from './client';
import {
  articleAuthors,
  articleCorrections,
  articleKeyPoints,
  articleRelated,
  articles,
  articleTags,
  authors,
  media,
  pageViews,
  sections,
  tags,
} from './schema';
import { HOUR_MS, hourOf, TRENDING_WINDOW_HOURS } from './views';

export function isDatabaseEmpty(db: Db): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from articles`)?.n ?? 0) === 0;
}

const HERO_WIDTH = 1200;
const HERO_HEIGHT = 675;

/**
 * Loads the demo newsroom: sections, authors, tags, published articles dated relative to `now`,
 * illustrations for articles with a hero, related picks, corrections and 48 hours of simulated views.
 */
export async function seedDemoSite(db: Db, content: SeedContent, mediaFolder: string, now: number): Promise<number> {
  fs.mkdirSync(mediaFolder, { recursive: true });
  const images = new Map<string, Buffer>();
  for (const [index, file] of content.sections.entries()) {
    const hue = Math.round((index * 360) / content.sections.length);
    for (const article of file.articles) {
      if (article.hero) images.set(article.slug, await renderIllustration(article.slug, hue, HERO_WIDTH, HERO_HEIGHT));
    }
  }

  const random = seededRandom('demo-views');
  let articleCount = 0;
  db.transaction((tx) => {
    const authorIds = new Map<string, number>();
    for (const author of content.authors) {
      const row = tx.insert(authors).values(author).returning({ id: authors.id }).get();
      authorIds.set(author.slug, row.id);
    }
    const tagIds = new Map<string, number>();
    const tagId = (name: string) => {
      const slug = slugify(name);
      let id = tagIds.get(slug);
      if (id === undefined) {
        id = tx.insert(tags).values({ slug, name }).returning({ id: tags.id }).get().id;
        tagIds.set(slug, id);
      }
      return id;
    };
    const articleIds = new Map<string, number>();
    const currentHour = hourOf(now);

    for (const file of content.sections) {
      const sectionId = tx.insert(sections).values(file.section).returning({ id: sections.id }).get().id;
      for (const article of file.articles) {
        const publishedAt = now - Math.round(article.hoursAgo * HOUR_MS);
        const updatedAt =
          article.updatedHoursAgo == null ? publishedAt : now - Math.round(article.updatedHoursAgo * HOUR_MS);
        const image = images.get(article.slug);
        let heroMediaId: number | null = null;
        if (image && article.hero) {
          const fileName = `${article.slug.slice(0, 100)}.webp`;
          fs.writeFileSync(path.join(mediaFolder, fileName), image);
          heroMediaId = tx
            .insert(media)
            .values({ fileName, mimeType: 'image/webp', width: HERO_WIDTH, height: HERO_HEIGHT, ...article.hero })
            .returning({ id: media.id })
            .get().id;
        }
        const id = tx
          .insert(articles)
          .values({
            slug: article.slug,
            sectionId,
            status: 'published',
            headline: article.headline,
            summary: article.summary,
            body: article.body,
            keyPointsTitle: article.keyPointsTitle,
            whyItMatters: article.whyItMatters,
            contextNote: article.contextNote ?? '',
            heroMediaId,
            publishedAt,
            updatedAt,
            createdAt: publishedAt,
          })
          .returning({ id: articles.id })
          .get().id;
        articleIds.set(article.slug, id);
        articleCount++;

        article.keyPoints.forEach((point, position) =>
          tx.insert(articleKeyPoints).values({ articleId: id, position, ...point }).run(),
        );
        article.authors.forEach((slug, position) => {
          const authorId = authorIds.get(slug);
          if (authorId === undefined) throw new Error(`${article.slug}: unknown author ${slug}`);
          tx.insert(articleAuthors).values({ articleId: id, authorId, position }).run();
        });
        for (const name of new Set(article.tags)) {
          tx.insert(articleTags).values({ articleId: id, tagId: tagId(name) }).onConflictDoNothing().run();
        }
        for (const correction of article.corrections) {
          tx.insert(articleCorrections)
            .values({
              articleId: id,
              text: correction.text,
              publishedAt: publishedAt + Math.round(correction.hoursAfterPublish * HOUR_MS),
            })
            .run();
        }
        // Simulated readership: recent stories and a few random "hits" are read most.
        const popularity = random() < 0.2 ? 40 + random() * 60 : 2 + random() * 15;
        for (let age = 0; age < TRENDING_WINDOW_HOURS; age++) {
          const hour = currentHour - age;
          if (hour * HOUR_MS < publishedAt - HOUR_MS) break;
          const views = Math.round(popularity * Math.exp(-age / 18) * (0.5 + random()));
          if (views > 0) tx.insert(pageViews).values({ articleId: id, hour, views }).run();
        }
      }
    }

    for (const file of content.sections) {
      for (const article of file.articles) {
        const articleId = articleIds.get(article.slug);
        article.related.forEach((slug, position) => {
          const relatedId = articleIds.get(slug);
          if (articleId === undefined || relatedId === undefined || relatedId === articleId) {
            throw new Error(`${article.slug}: related article ${slug} does not exist`);
          }
          tx.insert(articleRelated).values({ articleId, relatedId, position }).run();
        });
      }
    }
  });
  return articleCount;
}
