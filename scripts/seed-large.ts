import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { seedLargeSite } from '@/ops/large-seed';
import { isDatabaseEmpty } from '@/ops/seed';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { terminalProgress } from './lib/site-cli';

/**
 * `npm run seed:large -- [--articles 100000] [--views 5000000] [--data DIR] [--force]`: a large
 * synthetic site in its own data folder (./data-large unless told), for load tests and query plans.
 * Serve it with DATA_DIR=DIR; measure it with npm run measure:queries.
 */

const usage = 'Usage: npm run seed:large -- [--articles N] [--views N] [--data DIR] [--force]';

const values = parseOptionsOrExit(
  {
    articles: { type: 'string', default: '100000' },
    views: { type: 'string', default: '5000000' },
    data: { type: 'string', default: 'data-large' },
    force: { type: 'boolean', default: false },
  },
  usage,
);
const articleCount = wholeNumberOrExit('articles', values.articles, { min: 1, max: 10_000_000 }, usage);
const viewCount = wholeNumberOrExit('views', values.views, { min: 0, max: 1e12 }, usage);
const folder = path.resolve(values.data);
const file = path.join(folder, 'news.db');

const started = performance.now();
const db = openDatabase(file);
try {
  if (!isDatabaseEmpty(db) && !values.force) {
    console.error(`${file} already has articles: not adding more without --force.`);
    process.exitCode = 1;
  } else {
    // The folder is for throwaway test data: keep it out of git without touching the repository's .gitignore.
    const ignore = path.join(folder, '.gitignore');
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, '*\n');
    const content = readSeedContent(DEMO_CONTENT_DIR);
    const summary = seedLargeSite(db, content, {
      articles: articleCount,
      views: viewCount,
      now: Date.now(),
      progress: terminalProgress(process.stderr),
    });
    const seconds = (performance.now() - started) / 1000;
    const n = (value: number) => value.toLocaleString('en');
    const statuses = Object.entries(summary.byStatus)
      .filter(([, count]) => count > 0)
      .map(([status, count]) => `${n(count)} ${status}`)
      .join(', ');
    const relative = path.relative(process.cwd(), folder);
    const shownFolder = relative && !relative.startsWith('..') ? relative : folder;
    const megabytes = fs.statSync(file).size / 1024 ** 2;
    console.log(
      [
        `Seeded ${n(articleCount)} articles (${statuses}) in ${content.sections.length} sections, in ${seconds.toFixed(1)} s.`,
        `  ${n(summary.keyPoints)} key points, ${n(summary.articleTags)} tag links (${n(summary.tags)} tags), ` +
          `${n(summary.articleAuthors)} bylines, ${n(summary.corrections)} corrections, ${n(summary.relatedPicks)} related picks`,
        `  ${n(summary.viewRows)} hourly view buckets: ${n(summary.windowViews)} views in the last 48 hours, ` +
          `${n(summary.olderViews)} before`,
        `  ${file} (${megabytes.toFixed(0)} MB). Serve it with DATA_DIR=${shownFolder}`,
      ].join('\n'),
    );
  }
} finally {
  db.$client.close();
}
