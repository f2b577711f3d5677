import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { renderedHtml } from '@/db/articles/writes';
import { openDatabase } from '@/db/client';
import { articles, media } from '@/db/schema';
import { FEED_FORMATS, loadFeed, renderFeed } from '@/lib/syndication/feeds';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { seedDemoSite } from '@/ops/seed';
import { percentiles } from './lib/timing';

/**
 * How long a feed takes to build now that it carries whole stories (decision 6, amended): the site's RSS,
 * Atom and JSON Feed read from the database and written, on the demo newsroom as seeded, then with every
 * published article's body made long (about 6,000 words, 40 images, 4 galleries, 8 embeds, quotes, fact
 * boxes and tables). Prints the figures; asserts nothing.
 *
 *   npx tsx scripts/feed-bench.ts [--runs 20]
 */

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-feed-bench-'));
process.env.BASE_URL ??= 'https://news.example';
try {
  const db = openDatabase(path.join(dir, 'news.db'));
  await seedDemoSite(db, readSeedContent(DEMO_CONTENT_DIR), path.join(dir, 'media'), Date.now());

  const measure = (label: string) => {
    for (const format of FEED_FORMATS) {
      const samples: number[] = [];
      const cpu: number[] = [];
      let size = 0;
      for (let run = 0; run < RUNS + 3; run++) {
        const started = performance.now();
        const cpuStarted = process.cpuUsage();
        const document = renderFeed(format, loadFeed(null, db), Date.now());
        const { user, system } = process.cpuUsage(cpuStarted);
        // The first runs warm the code up.
        if (run >= 3) {
          samples.push(performance.now() - started);
          cpu.push((user + system) / 1000);
        }
        size = Buffer.byteLength(document);
      }
      const { p50, p99 } = percentiles(samples);
      const ms = (n: number) => `${n.toFixed(1).padStart(6)} ms`;
      // CPU time as well as the clock's: on a shared machine the clock also counts the time others had the core.
      console.log(`${label.padEnd(24)} ${format.padEnd(4)}  p50 ${ms(p50)}  p99 ${ms(p99)}  CPU p50 ${ms(percentiles(cpu).p50)}  ${(size / 1024).toFixed(0).padStart(5)} KiB`);
    }
  };
  const published = db.select({ id: articles.id }).from(articles).where(eq(articles.status, 'published')).all();
  console.log(`${published.length} published articles; feeds list the newest ${Math.min(50, published.length)}; ${RUNS} runs each.`);
  measure('demo newsroom as seeded');

  const images = db.select({ id: media.id }).from(media).all().map((row) => row.id);
  const imageAt = (i: number) => images[i % images.length]!;
  const paragraph = (i: number) =>
    `Paragraph ${i} of a long story, with [a link](/politics) and *some emphasis*: ${'the harbour authority said the repairs would take most of the winter and '.repeat(6)}done.`;
  const blocks: string[] = [];
  for (let i = 0; i < 40; i++) {
    blocks.push(paragraph(i), paragraph(i + 0.5));
    blocks.push(`::image{id=${imageAt(i)} caption="Picture ${i} of the works" credit="Staff photographer"}`);
    if (i % 10 === 0) blocks.push(`:::gallery\n::image{id=${imageAt(i + 1)}}\n::image{id=${imageAt(i + 2)}}\n::image{id=${imageAt(i + 3)}}\n:::`);
    if (i % 5 === 0) blocks.push(`::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title="Video ${i}"}`);
    if (i % 10 === 5) blocks.push(`:::pullquote{cite="The harbourmaster"}\nWe will rebuild, pier by pier.\n:::`);
    if (i % 10 === 7) blocks.push(`:::factbox{title="Facts ${i}"}\n- One\n- Two\n- Three\n:::`);
    if (i % 20 === 9) blocks.push(`:::table{caption="Table ${i}"}\n| Quay | Tonnes |\n|---|---:|\n| North | 1,204 |\n| South | 980 |\n:::`);
  }
  const body = blocks.join('\n\n');
  const html = renderedHtml({ body, whyItMatters: 'It matters *a lot*.' }, db);
  db.update(articles).set({ body, ...html }).where(eq(articles.status, 'published')).run();
  const figures = html.bodyHtml.match(/<figure class="story-image/g)?.length ?? 0;
  if (figures === 0) throw new Error('the long body did not render its blocks (over the Markdown work limit?)');
  console.log(`Long body: ${body.length} characters of Markdown, ${html.bodyHtml.length} of stored HTML, ${figures} images.`);
  measure('50 long bodies');
  db.$client.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
