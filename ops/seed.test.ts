import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, expect, it } from 'vitest';
import { mediaVariantsOf, parseMediaFileName } from '@/lib/media/names';
import { readSeedContent, DEMO_CONTENT_DIR } from '@/ops/seed-content';
import { media } from '@/db/schema';
import { seedDemoSite } from './seed';
import { createTestDatabase } from '@/test/support/database';

let cleanup = () => {};
afterEach(() => cleanup());

it('stores each demo illustration as an upload would be: every width, named like an upload', { timeout: 60_000 }, async () => {
  const test = createTestDatabase();
  cleanup = test.cleanup;
  const folder = path.join(path.dirname(test.db.$client.name), 'media');
  const content = readSeedContent(DEMO_CONTENT_DIR);
  await seedDemoSite(test.db, content, folder, Date.UTC(2026, 10, 28, 12));

  const rows = test.db.select().from(media).all();
  expect(rows).toHaveLength(content.sections.flatMap((file) => file.articles).filter((article) => article.hero).length);
  const expected = rows.flatMap((row) => {
    expect(parseMediaFileName(row.fileName), row.fileName).toEqual({ base: expect.stringMatching(/^[a-z0-9]{10}$/), width: 1600 });
    return mediaVariantsOf(row);
  });
  expect(expected).toHaveLength(rows.length * 3);
  expect(fs.readdirSync(folder).sort()).toEqual(expected.map((file) => file.fileName).sort());
  for (const file of expected) {
    const meta = await sharp(path.join(folder, file.fileName)).metadata();
    expect([meta.format, meta.width, meta.height], file.fileName).toEqual(['webp', file.width, file.height]);
  }
});
