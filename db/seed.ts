import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { renderIllustration, seededRandom } from '@/lib/illustration';
import type { SeedContent } from '@/lib/seed-content';
import { insertArticle, setRelatedArticles } from './article-writes';
import type { Db } from './client';
import { authors, pageViews, sections } from './schema';
import { HOUR_MS, hourOf, TRENDING_WINDOW_HOURS } from './views';

export function isDatabaseEmpty(db: Db): boolean {
  return (db.get<{ n: number }>(sql`select count(*) as n from articles`)?.n ?? 0) === 0;
}

const HERO_WIDTH = 1200;
const HERO_HEIGHT = 675;
const hoursBefore = (now: number, hours: number) => now - Math.round(hours * HOUR_MS);

/**
 * Loads the demo newsroom: sections, authors, tags, published articles dated relative to `now`,
 * illustrations for articles with a hero, related picks, corrections and 48 hours of simulated views.
 */
export async function seedDemoSite(db: Db, content: SeedContent, mediaFolder: string, now: number): Promise<number> {
  fs.mkdirSync(mediaFolder, { recursive: true });
  const heroFiles = new Map<string, string>();
  for (const [index, file] of content.sections.entries()) {
    const hue = Math.round((index * 360) / content.sections.length);
    for (const article of file.articles.filter((a) => a.hero)) {
      const fileName = `${article.slug.slice(0, 100)}.webp`;
      fs.writeFileSync(
        path.join(mediaFolder, fileName),
        await renderIllustration(article.slug, hue, HERO_WIDTH, HERO_HEIGHT),
      );
      heroFiles.set(article.slug, fileName);
    }
  }

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
        const id = insertArticle(tx, {
          ...article,
          sectionSlug: file.section.slug,
          status: 'published',
          contextNote: article.contextNote ?? '',
          authorSlugs: article.authors,
          tagNames: article.tags,
          publishedAt,
          updatedAt: article.updatedHoursAgo == null ? publishedAt : hoursBefore(now, article.updatedHoursAgo),
          corrections: article.corrections.map((c) => ({
            text: c.text,
            publishedAt: publishedAt + Math.round(c.hoursAfterPublish * HOUR_MS),
          })),
          hero:
            heroFile && article.hero
              ? { fileName: heroFile, width: HERO_WIDTH, height: HERO_HEIGHT, ...article.hero }
              : undefined,
        });
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
  });
  return articleIds.size;
}
