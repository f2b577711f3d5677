import Database from 'better-sqlite3';
import { autocannon, type AutocannonResult } from '@/scripts/lib/autocannon';
import { findForm, noticeText, setField, FormClient, type Page } from './form-client';

/**
 * Load while publishing: readers hammer the public pages while an editor creates, edits and publishes
 * articles through the newsroom's own forms, then every acknowledged save is checked in the database
 * and every published article on its public address. Used by `npm run soak` and e2e/soak.spec.ts.
 *
 * The editor is a plain HTTP client posting the server-action forms as a browser without JavaScript
 * does (the newsroom supports that path on purpose), not Chromium: it adds no browser process to a
 * 2-core machine already saturated by the readers, its timing is the server's alone, and each
 * acknowledgement is read from the exact response the server sent.
 */

export interface SoakOptions {
  baseUrl: string;
  /** The server's SQLite file, opened read-only to check the saves. */
  databaseFile: string;
  seconds: number;
  connections: number;
  editor: { email: string; password: string };
  /** Where the editor's articles go (the e2e suite keeps them out of the sections other tests count). */
  sectionSlug: string;
  /** Marks this run's headlines, so they never collide with other content. */
  label: string;
  saveIntervalMs?: number;
  log?: (line: string) => void;
}

export interface ReaderFigures {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  status5xx: number;
  otherNon2xx: number;
  timeouts: number;
  /** Connection errors other than timeouts. */
  errors: number;
  paths: number;
}

export interface EditorFigures {
  attempted: number;
  acknowledged: number;
  /** Editor pages and saves the server answered with a 5xx (each is also a failed save). */
  status5xx: number;
  failed: string[];
  published: number;
}

export interface SoakReport {
  seconds: number;
  saveIntervalMs: number;
  connections: number;
  readers: ReaderFigures;
  editor: EditorFigures;
  /** Acknowledged saves missing from the database, or published articles readers cannot see. */
  lost: string[];
}

const DEFAULT_SAVE_INTERVAL_MS = 500;
const READER_TIMEOUT_SECONDS = 10;
const EDITOR_TIMEOUT_MS = 15_000;
/** Reader pages are cached and re-rendered in the background after a change: how long one may lag. */
const PUBLIC_SETTLE_MS = 5_000;
const FEEDS = ['/rss.xml', '/atom.xml', '/feed.json', '/sitemap.xml'];
const SEARCH_WORDS = ['council', 'climate', 'election', 'zzzz-no-such-word'];

export interface SiteContent {
  sections: string[];
  articlePaths: string[];
  tagPaths: string[];
  authorId: string;
  sectionId: string;
}

export function readSiteContent(databaseFile: string, sectionSlug: string): SiteContent {
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const sections = sqlite.prepare('SELECT id, slug FROM sections ORDER BY position, id').all() as Array<{ id: number; slug: string }>;
    const articlePaths = (
      sqlite
        .prepare(
          `SELECT s.slug AS section, a.slug FROM articles a JOIN sections s ON s.id = a.section_id
           WHERE a.status = 'published' AND a.deleted_at IS NULL ORDER BY a.published_at DESC LIMIT 30`,
        )
        .all() as Array<{ section: string; slug: string }>
    ).map((a) => `/${a.section}/${a.slug}`);
    const tagPaths = (
      sqlite
        .prepare('SELECT t.slug FROM tags t JOIN article_tags at ON at.tag_id = t.id GROUP BY t.id ORDER BY count(*) DESC LIMIT 10')
        .all() as Array<{ slug: string }>
    ).map((t) => `/tags/${t.slug}`);
    const author = sqlite.prepare('SELECT id FROM authors ORDER BY id LIMIT 1').get() as { id: number } | undefined;
    const section = sections.find((s) => s.slug === sectionSlug);
    if (!author) throw new Error('the site has no author to put in the byline');
    if (!section) throw new Error(`the site has no section "${sectionSlug}"`);
    return { sections: sections.map((s) => s.slug), articlePaths, tagPaths, authorId: String(author.id), sectionId: String(section.id) };
  } finally {
    sqlite.close();
  }
}

export function readerPaths(content: SiteContent): string[] {
  const sectionPaths = content.sections.flatMap((s) => [`/${s}`, `/${s}/rss.xml`]);
  const search = SEARCH_WORDS.map((word) => `/search?q=${encodeURIComponent(word)}`);
  // Articles weigh most, as on a news site; every kind of page is in each connection's round.
  return ['/', ...content.articlePaths, ...sectionPaths, ...content.tagPaths, ...search, ...FEEDS];
}

async function runReaders(options: SoakOptions, paths: string[]): Promise<AutocannonResult> {
  return autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: READER_TIMEOUT_SECONDS,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
}

// ---- the editor ----

interface Content {
  headline: string;
  body: string;
}

/** What one article went through: the last acknowledged content and any unanswered save after it. */
export interface ArticleLog {
  id: number;
  acknowledged: Content & { status: 'draft' | 'published' };
  /** Saves sent after the last acknowledgement that got no answer: they may or may not have landed. */
  unanswered: Content[];
}

type Step = { button: string; intent: 'save' | 'publish'; expect: string; status: 'draft' | 'published' };
// Create, edit, publish, then correct the live article: the round an editor makes, one save per step.
const ROUND: Step[] = [
  { button: 'Save draft', intent: 'save', expect: 'Saved.', status: 'draft' },
  { button: 'Save draft', intent: 'save', expect: 'Saved.', status: 'draft' },
  { button: 'Publish', intent: 'publish', expect: 'Published: it is live now.', status: 'published' },
  { button: 'Update live article', intent: 'save', expect: 'Saved.', status: 'published' },
];

class Editor {
  readonly articles = new Map<number, ArticleLog>();
  readonly figures: EditorFigures = { attempted: 0, acknowledged: 0, status5xx: 0, failed: [], published: 0 };
  private readonly client: FormClient;
  private page: Page | null = null;
  private articleId: number | null = null;
  private step = 0;
  private stories = 0;

  constructor(
    private readonly options: SoakOptions,
    private readonly content: SiteContent,
  ) {
    this.client = new FormClient(options.baseUrl, EDITOR_TIMEOUT_MS);
  }

  /** Signs in once: the session is reused, as sign-ins are throttled. */
  signIn(): Promise<void> {
    return this.client.signIn(this.options.editor);
  }

  /** One save every interval until `until`; a slow save delays the next, never overlaps it. */
  async run(until: number, interval: number): Promise<void> {
    for (let next = Date.now(); Date.now() < until; next += interval) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      if (Date.now() >= until) break;
      await this.saveOnce();
    }
  }

  private async saveOnce(): Promise<void> {
    const step = ROUND[this.step] ?? ROUND[0]!;
    const attempt: Content = { headline: '', body: '' };
    try {
      if (this.articleId === null) {
        this.stories += 1;
        this.page = await this.client.get('/admin/articles/new');
      }
      const page = this.page;
      if (!page || !this.answeredOk(page)) throw new Error(`the editor page answered ${page?.status}`);
      const form = findForm(page.html, 'headline');
      const n = `${this.stories}.${this.step + 1}`;
      attempt.headline = `${this.options.label} story ${n}`;
      attempt.body = `Paragraph one of ${this.options.label} story ${n}.\n\nParagraph two, saved at ${new Date().toISOString()}.`;
      if (this.articleId === null) {
        setField(form, 'summary', `A soak-test story (${this.options.label}).`);
        setField(form, 'keyPoints.0.label', 'Load');
        setField(form, 'keyPoints.0.text', 'Readers keep reading while this is saved.');
        setField(form, 'whyItMatters', 'Saves must never be lost under load.');
        setField(form, 'sectionId', this.content.sectionId);
        setField(form, 'authorIds', this.content.authorId);
        setField(form, 'tags', 'Soak test');
      }
      setField(form, 'headline', attempt.headline);
      setField(form, 'body', attempt.body);
      this.figures.attempted += 1;
      if (this.articleId !== null) this.articles.get(this.articleId)?.unanswered.push(attempt);
      const answer = await this.client.submit(page, form, step.button);
      const id = this.acknowledgedId(answer, step);
      this.figures.acknowledged += 1;
      if (step.intent === 'publish') this.figures.published += 1;
      this.articles.set(id, { id, acknowledged: { ...attempt, status: step.status }, unanswered: [] });
      this.page = answer;
      this.articleId = id;
      this.step = (this.step + 1) % ROUND.length;
      if (this.step === 0) this.articleId = null;
    } catch (error) {
      this.figures.failed.push(`${attempt.headline || 'opening the editor'}: ${error instanceof Error ? error.message : String(error)}`);
      // The form's state is unknown after a failure: start a fresh story, as an editor would reload.
      this.articleId = null;
      this.step = 0;
    }
  }

  private answeredOk(page: Page): boolean {
    if (page.status >= 500) this.figures.status5xx += 1;
    return page.status === 200;
  }

  /** The article id if the answer acknowledges the save (the success notice), else throws why not. */
  private acknowledgedId(answer: Page, step: Step): number {
    if (!this.answeredOk(answer)) throw new Error(`the save answered ${answer.status}`);
    const id = this.articleId ?? Number(/^\/admin\/articles\/(\d+)$/.exec(new URL(answer.url).pathname)?.[1]);
    if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`a new article's save ended on ${answer.url}, not its edit page`);
    const notice = noticeText(answer.html, 'ok');
    if (notice !== step.expect) {
      const error = noticeText(answer.html, 'error');
      throw new Error(`expected "${step.expect}", got ${error ? `the error "${error}"` : notice ? `"${notice}"` : 'no notice'}`);
    }
    return id;
  }
}

// ---- checking what was acknowledged ----

interface SavedArticle {
  headline: string;
  body: string;
  status: string;
  path: string;
}

function readSaved(databaseFile: string, ids: number[]): Map<number, SavedArticle> {
  const sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const query = sqlite.prepare(
      `SELECT a.headline, a.body, a.status, '/' || s.slug || '/' || a.slug AS path
       FROM articles a JOIN sections s ON s.id = a.section_id WHERE a.id = ? AND a.deleted_at IS NULL`,
    );
    return new Map(ids.flatMap((id) => {
      const row = query.get(id) as SavedArticle | undefined;
      return row ? [[id, row] as const] : [];
    }));
  } finally {
    sqlite.close();
  }
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

async function publicPageShows(baseUrl: string, path: string, headline: string, settleMs: number): Promise<string | null> {
  const deadline = Date.now() + settleMs;
  let last = '';
  for (;;) {
    try {
      const response = await fetch(new URL(path, baseUrl), { signal: AbortSignal.timeout(EDITOR_TIMEOUT_MS) });
      const html = await response.text();
      if (response.status === 200 && html.includes(escapeHtml(headline))) return null;
      last = `answered ${response.status}${response.status === 200 ? ' without the last acknowledged headline' : ''}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * What was acknowledged but is not so: an article missing from the database or holding other content
 * than its last acknowledged (or a later unanswered) save, or a published one its public page does not
 * show within `settleMs`.
 */
export async function findLostSaves(
  site: { baseUrl: string; databaseFile: string },
  articles: ArticleLog[],
  settleMs = PUBLIC_SETTLE_MS,
): Promise<string[]> {
  const saved = readSaved(site.databaseFile, articles.map((a) => a.id));
  const lost: string[] = [];
  for (const article of articles) {
    const row = saved.get(article.id);
    const { acknowledged } = article;
    // A save that got no answer may have landed after the acknowledged one: either content is correct.
    const matches = (content: Content) => row?.headline === content.headline && row.body === content.body;
    if (!row) lost.push(`article ${article.id} ("${acknowledged.headline}") is not in the database`);
    else if (!matches(acknowledged) && !article.unanswered.some(matches)) {
      const has = row.headline === acknowledged.headline ? 'that headline with another body' : `"${row.headline}"`;
      lost.push(`article ${article.id}: the last acknowledged save was "${acknowledged.headline}", the database has ${has}`);
    } else if (acknowledged.status === 'published' && matches(acknowledged)) {
      const problem = row.status === 'published' ? await publicPageShows(site.baseUrl, row.path, acknowledged.headline, settleMs) : `is ${row.status}`;
      if (problem) lost.push(`published article ${article.id} at ${row.path}: ${problem}`);
    }
  }
  return lost;
}

// ---- the run ----

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const content = readSiteContent(options.databaseFile, options.sectionSlug);
  const paths = readerPaths(content);

  const saveIntervalMs = options.saveIntervalMs ?? DEFAULT_SAVE_INTERVAL_MS;
  const editor = new Editor(options, content);
  await editor.signIn();
  log(`${options.connections} readers over ${paths.length} URLs and one editor saving every ${saveIntervalMs} ms, for ${options.seconds} s ...`);
  const [readers] = await Promise.all([runReaders(options, paths), editor.run(Date.now() + options.seconds * 1000, saveIntervalMs)]);

  const status5xx = Object.entries(readers.statusCodeStats)
    .filter(([code]) => code.startsWith('5'))
    .reduce((sum, [, { count }]) => sum + count, 0);
  log('checking every acknowledged save in the database and every published article on the site ...');
  return {
    seconds: options.seconds,
    saveIntervalMs,
    connections: options.connections,
    readers: {
      requests: readers.requests.total,
      requestsPerSecond: readers.requests.average,
      p50Ms: readers.latency.p50,
      p99Ms: readers.latency.p99,
      status5xx,
      otherNon2xx: readers.non2xx - status5xx,
      timeouts: readers.timeouts,
      errors: readers.errors - readers.timeouts,
      paths: paths.length,
    },
    editor: editor.figures,
    lost: await findLostSaves(options, [...editor.articles.values()]),
  };
}

/** Why the run failed; empty when it passed (zero 5xx, zero lost saves, and the editor got work done). */
export function soakProblems(report: SoakReport): string[] {
  const problems: string[] = [];
  if (report.readers.status5xx > 0) problems.push(`${report.readers.status5xx} reader requests answered 5xx`);
  if (report.editor.status5xx > 0) problems.push(`${report.editor.status5xx} editor requests answered 5xx`);
  if (report.editor.acknowledged === 0) problems.push('no save was acknowledged');
  problems.push(...report.lost);
  return problems;
}

export function formatSoakReport(report: SoakReport): string {
  const { readers, editor } = report;
  const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return [
    `Readers (${report.connections} connections, ${report.seconds} s, ${readers.paths} URLs): ${integer.format(readers.requestsPerSecond)} req/s, ` +
      `p50 ${readers.p50Ms} ms, p99 ${readers.p99Ms} ms, ${integer.format(readers.requests)} requests`,
    `  5xx: ${readers.status5xx}, other non-2xx: ${readers.otherNon2xx}, timeouts: ${readers.timeouts}, other errors: ${readers.errors}`,
    `Editor: ${editor.attempted} saves sent, ${editor.acknowledged} acknowledged (${editor.published} publications), ${editor.failed.length} failed, ${editor.status5xx} answered 5xx; ` +
      // Saves are sequential, as one editor's are: under load each takes longer than the interval.
      `one save every ${editor.attempted ? integer.format((report.seconds * 1000) / editor.attempted) : '-'} ms (aiming at ${report.saveIntervalMs} ms)`,
    ...editor.failed.map((failure) => `  failed save: ${failure}`),
    `Lost saves or unreachable published articles: ${report.lost.length}`,
    ...report.lost.map((line) => `  ${line}`),
  ].join('\n');
}
