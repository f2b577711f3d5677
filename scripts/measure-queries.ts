import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/client';
import { countArticlesByStatus } from '@/db/newsroom';
import { captureQueries, explainQueryPlan, isFullIndexScan, isFullScan } from '@/db/query-plans';
import { hotQueryCases, RELATED_BY_TAGS_CASE, RELATED_CASE, type QueryCase } from './lib/hot-queries';
import { parseOptionsOrExit, wholeNumberOrExit } from './lib/cli-options';
import { percentiles } from './lib/timing';

/**
 * `npm run measure:queries -- [--data DIR] [--runs N] [--plans]`: times the reads the site and the
 * newsroom make (p50/p99 after a warm-up), against a large database from npm run seed:large, and lists
 * the steps of their query plans that scan a whole table. The SQL is what the db/ functions really send,
 * recorded through a logging drizzle handle on the same connection.
 */

const usage = 'Usage: npm run measure:queries -- [--data DIR] [--runs N (at least 100)] [--plans (every plan line)]';

const values = parseOptionsOrExit(
  {
    data: { type: 'string', default: 'data-large' },
    runs: { type: 'string', default: '100' },
    plans: { type: 'boolean', default: false },
  },
  usage,
);
const runs = wholeNumberOrExit('runs', values.runs, { min: 100, max: 100_000 }, usage);
const WARMUP_RUNS = 10;

const file = path.join(path.resolve(values.data), 'news.db');
if (!fs.existsSync(file)) {
  console.error(`No database at ${file}: create one with npm run seed:large.\n${usage}`);
  process.exit(1);
}
const db = openDatabase(file);

function time(test: QueryCase): { p50: number; p99: number } {
  for (let i = 0; i < WARMUP_RUNS; i++) test.run(db, i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    test.run(db, i);
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

function planNotes(test: QueryCase): { statements: number; fullScans: number; indexScans: number; notes: string[] } {
  const captured = captureQueries(db, (d) => test.run(d, 0));
  let fullScans = 0;
  let indexScans = 0;
  const notes = captured.flatMap((query, k) => {
    const plan = explainQueryPlan(db, query);
    fullScans += plan.filter(isFullScan).length;
    indexScans += plan.filter(isFullIndexScan).length;
    const shown = values.plans ? plan : plan.filter((line) => isFullScan(line) || isFullIndexScan(line));
    if (shown.length === 0) return [];
    const sqlText = query.sql.replace(/\s+/g, ' ');
    return [`  #${k + 1} ${sqlText.length > 150 ? `${sqlText.slice(0, 150)}…` : sqlText}`, ...shown.map((line) => `      ${line}`)];
  });
  return { statements: captured.length, fullScans, indexScans, notes };
}

try {
  const counts = countArticlesByStatus(db);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) throw new Error(`${file} has no articles: create it with npm run seed:large.`);
  console.log(`${file}: ${total.toLocaleString('en')} articles (${counts.published.toLocaleString('en')} published); ${runs} timed runs after ${WARMUP_RUNS} warm-up runs each`);
  const cases = hotQueryCases(db);
  const width = Math.max(...cases.map((c) => c.name.length));
  const rows = cases.map((test) => ({ test, ...time(test), ...planNotes(test) }));
  console.log(`\n${'query'.padEnd(width)}  ${'p50 ms'.padStart(8)}  ${'p99 ms'.padStart(8)}  stmts  full scans  index scans`);
  for (const row of rows) {
    const count = (n: number, pad: number) => (n > 0 ? String(n) : '-').padStart(pad);
    console.log(
      `${row.test.name.padEnd(width)}  ${row.p50.toFixed(2).padStart(8)}  ${row.p99.toFixed(2).padStart(8)}  ${count(row.statements, 5)}  ${count(row.fullScans, 10)}  ${count(row.indexScans, 11)}`,
    );
  }
  const p50Of = (name: string) => rows.find((row) => row.test.name === name)?.p50;
  const [similar, byTags] = [p50Of(RELATED_CASE), p50Of(RELATED_BY_TAGS_CASE)];
  if (similar !== undefined && byTags !== undefined) {
    console.log(`\nRelated stories, by what they are about / by shared tags (the earlier rule), p50: ${similar.toFixed(2)} / ${byTags.toFixed(2)} ms = ${(similar / byTags).toFixed(2)}×`);
  }
  console.log(
    values.plans
      ? '\nQuery plans, by statement:'
      : '\nFull scans (plan lines with SCAN and no USING) and whole-index walks (SCAN … USING INDEX), by statement:',
  );
  for (const row of rows.filter((r) => r.notes.length > 0)) console.log(`${row.test.name}\n${row.notes.join('\n')}`);
} finally {
  db.$client.close();
}
