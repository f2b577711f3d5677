import { findForm, setField, type FormClient, type Page } from '@/test/support/form-client';
import { percentiles } from '@/scripts/lib/timing';

/**
 * Publish → visible: an editor publishes through the newsroom's own form (its server action, over HTTP),
 * and readers' pages are polled until they show the new headline. Times run from the moment the
 * editor presses Publish.
 */

const POLL_INTERVAL_MS = 25;
// Publishes come at any moment of a caching proxy's cycle (its entries live 1-2 s): a random pause before
// each, or every publish would follow the refresh the previous one caused, always at the same moment.
const MOST_PAUSE_BEFORE_PUBLISH_MS = 2_000;
const VISIBLE_WITHIN_MS = 10_000;

export interface PublishOptions {
  /** A signed-in editor. */
  client: FormClient;
  count: number;
  sectionId: string;
  authorId: string;
  label: string;
  /** The reader URLs that must show the article once published, given its public path. */
  watch: (articlePath: string) => Array<{ name: string; url: string }>;
  /** The longest random pause between saving a draft and publishing it (2 s unless told). */
  maxPauseMs?: number;
}

export interface PublishTiming {
  /** Until the newsroom acknowledged the publish. */
  acknowledged: { p50: number; max: number; samples: number[] };
  /** Per watched page: until it showed the headline (Infinity when it never did within 10 s). */
  visible: Array<{ name: string; p50: number; max: number; samples: number[] }>;
  /** Until every watched page showed it. */
  all: { p50: number; max: number };
  /** The same, counted from the newsroom's acknowledgement: what a purge and a fresh render take. */
  allSinceAcknowledged: { p50: number; max: number; samples: number[] };
}

function noticeOf(page: Page): string {
  const ok = /<p class="notice notice--ok"[^>]*>([\s\S]*?)<\/p>/.exec(page.html)?.[1];
  const error = /<p class="notice notice--error"[^>]*>([\s\S]*?)<\/p>/.exec(page.html)?.[1];
  return ok ?? `error: ${error ?? `no notice (status ${page.status})`}`;
}

async function visibleAfter(url: string, headline: string, since: number): Promise<number> {
  while (performance.now() - since < VISIBLE_WITHIN_MS) {
    const response = await fetch(url, { signal: AbortSignal.timeout(VISIBLE_WITHIN_MS) });
    if (response.ok && (await response.text()).includes(headline)) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
  return Infinity;
}

interface PublishRun {
  acknowledged: number;
  visible: number[];
  names: string[];
}

async function publishOne(options: PublishOptions, n: number): Promise<PublishRun> {
  const { client } = options;
  const headline = `${options.label} publish timing story ${n}`;
  const editor = await client.get('/admin/articles/new');
  const form = findForm(editor.html, 'headline');
  setField(form, 'headline', headline);
  setField(form, 'summary', 'A story published by the benchmark, to time how soon readers see it.');
  setField(form, 'body', 'First paragraph.\n\nSecond paragraph.');
  setField(form, 'keyPoints.0.label', 'Timing');
  setField(form, 'keyPoints.0.text', 'Readers should see a published story within a second.');
  setField(form, 'whyItMatters', 'News is only news while it is new.');
  setField(form, 'sectionId', options.sectionId);
  setField(form, 'authorIds', options.authorId);
  const draft = await client.submit(editor, form, 'Save draft');
  if (noticeOf(draft) !== 'Saved.') throw new Error(`saving the draft of "${headline}": ${noticeOf(draft)}`);

  await new Promise((resolve) => setTimeout(resolve, Math.random() * (options.maxPauseMs ?? MOST_PAUSE_BEFORE_PUBLISH_MS)));
  const pressed = performance.now();
  const published = await client.submit(draft, findForm(draft.html, 'headline'), 'Publish');
  const acknowledged = performance.now() - pressed;
  if (noticeOf(published) !== 'Published: it is live now.') throw new Error(`publishing "${headline}": ${noticeOf(published)}`);
  const articlePath = /<a href="([^"]+)">View live<\/a>/.exec(published.html)?.[1];
  if (!articlePath) throw new Error(`the published article "${headline}" has no "View live" link`);
  const pages = options.watch(articlePath);
  const visible = await Promise.all(pages.map((page) => visibleAfter(page.url, headline, pressed)));
  return { acknowledged, visible, names: pages.map((page) => page.name) };
}

const p50AndMax = (samples: number[]) => ({ p50: percentiles(samples).p50, max: Math.max(...samples) });

export async function timePublishes(options: PublishOptions): Promise<PublishTiming> {
  const runs: PublishRun[] = [];
  for (let n = 1; n <= options.count; n++) {
    runs.push(await publishOne(options, n));
    process.stdout.write(n === options.count ? `${n}\n` : `${n} `);
  }
  const names = runs[0]?.names ?? [];
  return {
    acknowledged: { ...p50AndMax(runs.map((run) => run.acknowledged)), samples: runs.map((run) => run.acknowledged) },
    visible: names.map((name, i) => {
      const samples = runs.map((run) => run.visible[i] ?? Infinity);
      return { name, ...p50AndMax(samples), samples };
    }),
    all: p50AndMax(runs.map((run) => Math.max(...run.visible))),
    allSinceAcknowledged: (() => {
      const samples = runs.map((run) => Math.max(...run.visible) - run.acknowledged);
      return { ...p50AndMax(samples), samples };
    })(),
  };
}
