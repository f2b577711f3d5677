import fs from 'node:fs';
import path from 'node:path';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { buildSite, startSite } from '@/test/support/site-server';
import { percentiles } from './lib/timing';

/**
 * `npx tsx scripts/measure-search-page.ts [--data DIR] [--runs N] [--reuse-build]`: builds the site against a large
 * database (npm run seed:large), starts the production server and times whole /search pages, one request
 * at a time (p50/p99 after a warm-up): the render time a reader waits for, not throughput. Search pages
 * are rendered for every request, so each timed request runs the queries and renders the page.
 */

const usage = 'Usage: npx tsx scripts/measure-search-page.ts [--data DIR] [--runs N (at least 20)] [--reuse-build (from the last run)]';
const values = parseOptionsOrExit(
  {
    data: { type: 'string', default: 'data-large' },
    runs: { type: 'string', default: '100' },
    'reuse-build': { type: 'boolean', default: false },
  },
  usage,
);
const runs = wholeNumberOrExit('runs', values.runs, { min: 20, max: 10_000 }, usage);
const WARMUP_RUNS = 10;
const dataDir = path.resolve(values.data);
if (!fs.existsSync(path.join(dataDir, 'news.db'))) {
  console.error(`No database in ${dataDir}: create one with npm run seed:large.\n${usage}`);
  process.exit(1);
}

const QUERIES = [
  '/search?q=housing+reform',
  '/search?q=budget+vote',
  '/search?q=prime+minister&page=5',
  '/search?q=refug',
  '/search?q=budget&section=politics&from=2026-01-01',
  '/search?q=the',
  '/search',
];

const options = { dataDir, distDir: '.next-measure-search', port: 3302 };
if (!values['reuse-build'] || !fs.existsSync(path.join(options.distDir, 'BUILD_ID'))) buildSite(options);
const site = await startSite(options);
try {
  console.log(`\n${dataDir}: ${runs} sequential requests per page after ${WARMUP_RUNS} warm-up requests`);
  console.log(`${'page'.padEnd(52)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'KB'.padStart(5)}`);
  for (const query of QUERIES) {
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARMUP_RUNS + runs; i++) {
      const started = performance.now();
      const response = await fetch(site.url + query);
      bytes = (await response.arrayBuffer()).byteLength;
      if (response.status !== 200) throw new Error(`${query} answered ${response.status}`);
      if (i >= WARMUP_RUNS) samples.push(performance.now() - started);
    }
    const { p50, p99 } = percentiles(samples);
    console.log(`${query.padEnd(52)}  ${p50.toFixed(1).padStart(7)}  ${p99.toFixed(1).padStart(7)}  ${(bytes / 1024).toFixed(0).padStart(5)}`);
  }
} finally {
  await site.stop();
}
