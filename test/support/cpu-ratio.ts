import { renderMarkdownChecked } from '@/lib/markdown';
import { DEMO_CONTENT_DIR, readSeedContent } from '@/ops/seed-content';

/**
 * Linear-time checks without a time limit. A render's CPU time is compared with the CPU time of the same
 * length of the demo articles' prose, measured in the same run and the best of three for both, so a busy
 * shared machine slows both sides alike; a millisecond limit fails there for reasons that say nothing
 * about the code (a 100 ms limit failed CI at 119 ms). Anything quadratic costs hundreds of times the
 * prose at 100,000 characters, far over any ratio the tests allow.
 */
export function bestCpuMs(work: () => void): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const before = process.cpuUsage();
    work();
    const used = process.cpuUsage(before);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Renders every time: with an image lookup the memory of recent renders is skipped. */
export const renderUncached = (markdown: string) => renderMarkdownChecked(markdown, { images: () => new Map() });

/** CPU milliseconds to render `length` characters of ordinary article prose (the demo articles). */
export function proseRenderMs(length: number): number {
  const content = readSeedContent(DEMO_CONTENT_DIR);
  const prose = content.sections.flatMap((file) => file.articles.map((article) => article.body)).join('\n\n');
  if (prose.length < length) throw new Error(`the demo articles hold ${prose.length} characters, fewer than ${length}`);
  return bestCpuMs(() => renderUncached(prose.slice(0, length)));
}
