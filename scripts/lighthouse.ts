import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { prepareFreshSite, startSite, type SiteOptions } from '@/test/support/site-server';

/**
 * `npm run lighthouse`: builds the site on a fresh demo database and runs Lighthouse 12 (Debian's Chromium,
 * mobile and desktop) on the front page, a section front and an article, printing the four scores.
 * Not part of `npm test`: performance scores swing with the load of a shared machine.
 */

const PORT = 3310;
/** `npm run lighthouse -- --runs 3`: audit every page this many times on one build, to show the spread. */
const RUNS = Math.max(1, Number(/--runs[= ](\d+)/.exec(process.argv.slice(2).join(' '))?.[1] ?? 1));
const CHROME_FLAGS = '--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

interface LighthouseReport {
  categories: Record<(typeof CATEGORIES)[number], { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { title: string; score: number | null }>;
  runtimeError?: { message: string };
}

/** The audits that cost a category points, to say why a score is below 100. */
function lostPoints(report: LighthouseReport): string[] {
  return CATEGORIES.flatMap((category) =>
    report.categories[category].auditRefs
      .filter((ref) => ref.weight > 0 && (report.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${category}: ${report.audits[ref.id]?.title ?? ref.id}`),
  );
}

async function audit(url: string, formFactor: 'mobile' | 'desktop', attempts = 3): Promise<LighthouseReport> {
  const binary = path.join(import.meta.dirname, '..', 'node_modules', '.bin', 'lighthouse');
  const args = [
    url,
    '--output=json',
    '--output-path=stdout',
    '--quiet',
    `--only-categories=${CATEGORIES.join(',')}`,
    `--chrome-flags=${CHROME_FLAGS}`,
    ...(formFactor === 'desktop' ? ['--preset=desktop'] : []),
  ];
  try {
    const { stdout } = await promisify(execFile)(binary, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as LighthouseReport;
    if (report.runtimeError) throw new Error(report.runtimeError.message);
    return report;
  } catch (error) {
    // Lighthouse sometimes loses the trace of a page load on a busy machine (NO_NAVSTART): try again.
    if (attempts > 1) return audit(url, formFactor, attempts - 1);
    throw new Error(`Lighthouse could not audit ${url}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function firstArticlePath(html: string): string {
  const match = /href="(\/politics\/[a-z0-9-]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no article link on /politics');
  return match[1];
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'news-lighthouse-'));
const site: SiteOptions = { dataDir, distDir: '.next-bench', port: PORT };
let exitCode = 0;
let running: Awaited<ReturnType<typeof startSite>> | undefined;
try {
  console.log(`Seeding a fresh database in ${dataDir} and building into ${site.distDir} ...`);
  await prepareFreshSite(site);
  running = await startSite(site);
  const section = await (await fetch(`${running.url}/politics`)).text();
  const pages = { 'front page': '/', 'section front': '/politics', article: firstArticlePath(section) };
  const notes = new Set<string>();
  for (let run = 1; run <= RUNS; run += 1) {
    console.log(`\nRun ${run} of ${RUNS} (load average ${os.loadavg().map((load) => load.toFixed(2)).join(', ')})`);
    console.log(`${'page'.padEnd(14)}${'device'.padEnd(9)}${CATEGORIES.map((c) => c.padStart(16)).join('')}`);
    for (const [name, pagePath] of Object.entries(pages)) {
      for (const formFactor of ['mobile', 'desktop'] as const) {
        const report = await audit(`${running.url}${pagePath}`, formFactor);
        const scores = CATEGORIES.map((category) => {
          const score = report.categories[category].score;
          return (score === null ? 'n/a' : String(Math.round(score * 100))).padStart(16);
        });
        console.log(`${name.padEnd(14)}${formFactor.padEnd(9)}${scores.join('')}`);
        for (const note of lostPoints(report)) notes.add(note);
      }
    }
  }
  if (notes.size > 0) console.log(`\nAudits that cost points:\n${[...notes].map((note) => `  ${note}`).join('\n')}`);
  console.log('\nScores swing with machine load: compare runs made on a quiet machine.');
} catch (error) {
  console.error('Lighthouse run failed:', error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await running?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
