import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '@/test/support/browser';

/**
 * Screenshots of reader pages at phone and desktop widths, light and dark, for looking at what we build.
 * Usage: npm run screenshots -- [--full] [base URL] [path ...]   (the server must be running)
 * --full captures whole pages; by default one screen of each, which is easier to look at.
 */
const args = process.argv.slice(2);
const fullPage = args.includes('--full');
const [baseUrl = 'http://127.0.0.1:3000', ...paths] = args.filter((a) => a !== '--full');
const pages = paths.length ? paths : ['/'];
const outDir = path.resolve('test-results/screenshots');
fs.mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme });
      const page = await context.newPage();
      for (const pagePath of pages) {
        await page.goto(baseUrl + pagePath);
        const name = `${pagePath.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${width}-${colorScheme}.png`;
        await page.screenshot({ path: path.join(outDir, name), fullPage });
        console.log(path.join(outDir, name));
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}
