import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { ARTICLE_PATH } from './helpers';
import { HOSTILE_SLUG, REMOVED_SLUG } from './site';

/**
 * Every public page type, as the server sends it, passes the Nu Html Checker (vnu-jar from npm, run with
 * the machine's Java) with no errors.
 */

const pages = {
  'front page': '/',
  section: '/politics',
  'section, page 2': '/politics?page=2',
  article: ARTICLE_PATH,
  'article with hostile markup': `/politics/${HOSTILE_SLUG}`,
  // Story blocks (ops/seed-content): an inset image, a pull quote and a table; a gallery; a fact box; an embed's facade and its script.
  'article with image, pull quote and table': '/business/bank-of-england-cuts-interest-rates-to-3-25-percent-in-narrow-5-4-vote',
  'article with a gallery': '/science/deep-sea-survey-finds-dozens-of-possible-new-species-in-area-eyed-for-mining',
  'article with a fact box': '/health/measles-outbreak-in-rural-oregon-county-reaches-41-cases',
  'article with an embed': '/science/european-probe-finds-water-bearing-clays-on-asteroid-in-first-close-flyby',
  'topic index': '/tags',
  topic: '/tags/nato',
  'journalist index': '/authors',
  journalist: '/authors/amara-osei',
  'search form': '/search',
  'search results': '/search?q=nato+talks',
  'search results, filtered, page 2': '/search?q=archive&section=politics&page=2',
  'search without results': '/search?q=%22%3C%2Fscript%3E',
  'not found': '/no-such-section',
  'removed article': `/politics/${REMOVED_SLUG}`,
};

const vnuJar = path.join(process.cwd(), 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');

interface VnuMessage {
  type: string;
  url: string;
  message: string;
  lastLine?: number;
  extract?: string;
}

/**
 * Runs the checker on these files: the files it read (--verbose lists them on stdout; it skips missing
 * files silently) and its errors (it exits non-zero when there are any; the JSON report is on stderr).
 */
async function runVnu(files: string[]): Promise<{ checked: string[]; errors: VnuMessage[] }> {
  const { stdout, stderr } = await promisify(execFile)('java', ['-jar', vnuJar, '--errors-only', '--verbose', '--format', 'json', ...files], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
  return { checked: stdout.split('\n').filter(Boolean), errors: (JSON.parse(stderr) as { messages: VnuMessage[] }).messages };
}

test('every public page type is valid HTML', async ({ request }) => {
  test.setTimeout(120_000);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  const pageOfFile = new Map<string, string>();
  for (const [name, url] of Object.entries(pages)) {
    const response = await request.get(url);
    expect([200, 404, 410], url).toContain(response.status());
    const file = path.join(folder, `${name.replace(/\W+/g, '-')}.html`);
    fs.writeFileSync(file, await response.body());
    pageOfFile.set(`file:${file}`, name);
  }
  const files = [...pageOfFile.keys()].map((url) => url.slice('file:'.length));
  const { checked, errors } = await runVnu(files);
  expect(checked.sort()).toEqual(files.sort());
  expect(errors.map((m) => `${pageOfFile.get(m.url) ?? m.url}:${m.lastLine ?? '?'} ${m.type}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
  fs.rmSync(folder, { recursive: true, force: true });
});

test('the checker catches invalid HTML', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'vnu-'));
  const file = path.join(folder, 'broken.html');
  fs.writeFileSync(file, '<!doctype html><html lang="en"><title>x</title><p><div>block in paragraph</p></span>');
  const { checked, errors } = await runVnu([file]);
  expect(checked).toEqual([file]);
  expect(errors.map((m) => m.message).join('\n')).toMatch(/No “p” element in scope|Stray end tag “span”/);
  fs.rmSync(folder, { recursive: true, force: true });
});
