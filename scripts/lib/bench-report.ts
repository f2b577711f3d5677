import type { AutocannonResult } from './autocannon';
import type { PageWeight, AssetWeight } from './page-weight';
import type { PublishTiming } from '@/test/support/publish-timing';
import type { RenderTiming } from './render-timing';
import type { Measurement } from './throughput';
import type { DiskUsage, Memory } from '@/test/support/server-footprint';

/** The bench's tables and lines on the console (scripts/bench.ts measures, this prints). */

export const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

function ratio(value: number, baseline: number | undefined): string {
  return baseline ? (value / baseline).toPrecision(3) : 'n/a';
}

/** A table on the console: names and paths left-aligned, figures right-aligned. */
function printRows(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) console.log(line(row));
}

/** Requests per second and latency of each target, against the static file's rate when there is one. */
export function printThroughput(measurements: Measurement[], staticRps: number | undefined): void {
  const header = ['target', 'path', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors (timeouts)', 'vs static'];
  const rows = measurements.map(({ target, result }) => [
    target.name,
    new URL(target.url).pathname,
    integer.format(result.requests.average),
    oneDecimal.format(result.latency.p50),
    oneDecimal.format(result.latency.p99),
    integer.format(result.non2xx),
    `${result.errors} (${result.timeouts})`,
    ratio(result.requests.average, staticRps),
  ]);
  printRows(header, rows);
}

export function printWeight(weight: PageWeight): void {
  const describe = (label: string, asset: AssetWeight, showFiles: boolean) =>
    `  ${label.padEnd(17)}${showFiles ? `${asset.files} file${asset.files === 1 ? '' : 's'}, ` : ''}` +
    `${integer.format(asset.bytes)} B, gzip ${integer.format(asset.gzipBytes)} B`;
  console.log('Article page weight (gzip: node:zlib gzipSync, default level):');
  console.log(describe('HTML', weight.html, false));
  console.log(describe('first-load JS', weight.js, true));
  console.log(describe('CSS', weight.css, true));
  if (weight.legacyJs.files > 0) console.log(`${describe('nomodule JS', weight.legacyJs, true)} (legacy browsers only; not in first-load JS)`);
}

export function printRenders(timings: RenderTiming[]): void {
  const header = ['page', 'path', 'uncached p50 ms', 'p99 ms', 'SQL statements', 'SQL ms', 'cached p50 ms', 'uncached / cached'];
  const rows = timings.map(({ target, uncached, cached, queriesPerRender, queryMsPerRender }) => [
    target.name,
    target.path,
    oneDecimal.format(uncached.p50),
    oneDecimal.format(uncached.p99),
    integer.format(queriesPerRender),
    oneDecimal.format(queryMsPerRender),
    cached ? oneDecimal.format(cached.p50) : 'never cached',
    cached ? ratio(uncached.p50, cached.p50) : '',
  ]);
  printRows(header, rows);
}

const milliseconds = (ms: number) => (Number.isFinite(ms) ? `${integer.format(ms)} ms` : 'never (10 s)');

export function printPublishes(timing: PublishTiming, count: number): void {
  console.log(`Publish → visible, over ${count} publishes through the newsroom's form (from pressing Publish):`);
  console.log(`  acknowledged by the newsroom   p50 ${milliseconds(timing.acknowledged.p50)}, max ${milliseconds(timing.acknowledged.max)}`);
  for (const page of timing.visible) console.log(`  ${page.name.padEnd(29)}  p50 ${milliseconds(page.p50)}, max ${milliseconds(page.max)}`);
  console.log(`  every page above              p50 ${milliseconds(timing.all.p50)}, max ${milliseconds(timing.all.max)}`);
  console.log(`  the same, from the acknowledgement  p50 ${milliseconds(timing.allSinceAcknowledged.p50)}, max ${milliseconds(timing.allSinceAcknowledged.max)}`);
}

/** The server's memory and page cache: at rest, after a mixed load, after a flood of unknown URLs. */
export interface Footprint {
  atRest: Memory;
  afterLoad: Memory;
  load: AutocannonResult;
  loadSeconds: number;
  afterFlood: Memory;
  flood: { statuses: Map<number, number>; seconds: number };
  unknownUrls: number;
  cacheBefore: DiskUsage;
  cacheAfter: DiskUsage;
}

const mib = (memory: Memory) => `RSS ${integer.format(memory.rssMiB)} MiB (peak so far ${integer.format(memory.peakMiB)} MiB)`;
const disk = (usage: DiskUsage) => `${integer.format(usage.files)} files, ${oneDecimal.format(usage.bytes / 1024 ** 2)} MiB`;

/** `404: 100,000, failed: 2`: how the unknown URLs were answered. */
export const floodStatuses = (statuses: Map<number, number>) =>
  [...statuses].map(([status, count]) => `${status || 'failed'}: ${integer.format(count)}`).join(', ');

export function printFootprint(f: Footprint): void {
  console.log('\nServer memory and page cache:');
  console.log(`  at rest, after start             ${mib(f.atRest)}`);
  console.log(
    `  after ${f.loadSeconds} s of mixed reading      ${mib(f.afterLoad)}: ${integer.format(f.load.requests.total)} requests, ` +
      `${integer.format(f.load.requests.average)} req/s, p99 ${oneDecimal.format(f.load.latency.p99)} ms, ${f.load.non2xx} non-2xx, ${f.load.errors} errors`,
  );
  console.log(`  after ${integer.format(f.unknownUrls)} unknown URLs         ${mib(f.afterFlood)}, in ${oneDecimal.format(f.flood.seconds)} s (${floodStatuses(f.flood.statuses)})`);
  // The server keeps pages in its memory (PAGE_CACHE=memory, bounded by PAGE_CACHE_MAX_MB): what is on disk is the build's own.
  console.log(`  page files in the build folder   before the unknown URLs ${disk(f.cacheBefore)}; after ${disk(f.cacheAfter)}`);
}
