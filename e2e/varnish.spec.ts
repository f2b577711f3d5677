import http from 'node:http';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { SESSION_COOKIE } from '@/lib/auth/sessions';
import { findForm, FormClient, setField } from '../test/support/form-client';
import { timePublishes } from '../test/support/publish-timing';
import { findVarnishd, startVarnish, type VarnishServer } from '../test/support/varnish';
import { requestFrom } from './client-from';
import { startIsolatedSite, type IsolatedSite } from './isolated-site';
import { e2eSite, e2eUsers } from './site';

/**
 * deploy/varnish.vcl, run by Debian's varnishd in front of a site of its own (its content must not reach the
 * pages other specs read) that names its pages' cache tags in `xkey` and purges them at this Varnish on
 * every change (decision 0022). Each server on its own loopback address, at port + 1.
 */

const PORT = e2eSite.port + 1;
const SITE_HOST = '127.0.0.44';
const VARNISH_HOST = '127.0.0.45';
const ORIGIN_HOST = '127.0.0.46';
const STALE_VARNISH_HOST = '127.0.0.47';
const TRENDING_PURGE_MIN_S = 4;

let site: IsolatedSite;
let varnish: VarnishServer;
let newsroom: FormClient;

test.beforeAll(async () => {
  // A copy of the test build and database, and a server started on it: more than a test's 30 s on a loaded machine.
  test.setTimeout(180_000);
  const varnishd = findVarnishd();
  if (!varnishd) throw new Error('varnishd is not installed (apt-get install varnish varnish-modules): the shipped VCL cannot be tested');
  site = await startIsolatedSite(PORT, 'news-varnish-site-', {
    host: SITE_HOST,
    // The trending purge at most every few seconds (300 s unless set), for the trending test below.
    env: { SURROGATE_KEY_HEADER: 'xkey', VARNISH_PURGE_URLS: `http://${VARNISH_HOST}:${PORT}`, TRENDING_PURGE_MIN_S: String(TRENDING_PURGE_MIN_S) },
  });
  varnish = await startVarnish(varnishd, { port: PORT, address: VARNISH_HOST, backend: { host: SITE_HOST, port: PORT } });
  newsroom = new FormClient(site.url, 30_000);
  await newsroom.signIn(e2eUsers.editor);
});

test.afterAll(async () => {
  await varnish?.stop();
  await site?.stop();
});

const throughVarnish = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${varnish.url}${path}`, { headers, redirect: 'manual' });
  return { status: response.status, cache: response.headers.get('x-cache'), age: response.headers.get('age'), headers: response.headers, body: await response.text() };
};

/** The `nth` story the section's front links to (0: the first), with its id and headline from the site's own database. */
async function publishedStory(section: string, nth = 0): Promise<{ id: number; path: string; headline: string }> {
  const front = await (await fetch(`${site.url}/${section}`)).text();
  const slugs = [...new Set([...front.matchAll(new RegExp(`href="/${section}/([a-z0-9-]+)"`, 'g'))].map((match) => match[1]!))].filter((slug) => slug !== 'page');
  const slug = slugs[nth];
  if (!slug) throw new Error(`/${section} links to fewer than ${nth + 1} stories`);
  const sqlite = new Database(site.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare('SELECT id, headline FROM articles WHERE slug = ?').get(slug) as { id: number; headline: string };
    return { id: row.id, path: `/${section}/${slug}`, headline: row.headline };
  } finally {
    sqlite.close();
  }
}

/** Ids the publish form needs: the Science section and an author who writes none of the Politics archive. */
function scienceStoryIds(): { sectionId: string; authorId: string } {
  const sqlite = new Database(site.databaseFile, { readonly: true, fileMustExist: true });
  try {
    const section = sqlite.prepare(`SELECT id FROM sections WHERE slug = 'science'`).get() as { id: number };
    const author = sqlite.prepare(`SELECT id FROM authors WHERE slug != 'amara-osei' ORDER BY id LIMIT 1`).get() as { id: number };
    return { sectionId: String(section.id), authorId: String(author.id) };
  } finally {
    sqlite.close();
  }
}

async function editHeadline(id: number, headline: string): Promise<void> {
  const editor = await newsroom.get(`/admin/articles/${id}`);
  const form = findForm(editor.html, 'headline');
  setField(form, 'headline', headline);
  const saved = await newsroom.submit(editor, form, 'Update live article');
  expect(saved.html).toContain('Saved.');
}

/** Polls `path` through Varnish until `text` shows; the time it took from `since`. */
async function visibleThroughVarnish(path: string, text: string, since: number): Promise<number> {
  while (performance.now() - since < 10_000) {
    const answer = await throughVarnish(path);
    if (answer.status === 200 && answer.body.includes(text)) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Infinity;
}

test('a page asked for twice is a HIT the second time, with its age, and the keys it was stored under never reach the reader', async () => {
  const story = await publishedStory('politics', 3);
  const first = await throughVarnish(story.path);
  const second = await throughVarnish(story.path);
  expect(first).toMatchObject({ status: 200, cache: 'MISS' });
  expect(second).toMatchObject({ status: 200, cache: 'HIT' });
  expect(Number(second.age)).toBeGreaterThanOrEqual(0);
  expect(second.body).toBe(first.body);
  expect(second.headers.get('xkey')).toBeNull();
  expect(second.body).not.toContain('data-cache-tags');
  // The site itself names them: the story's own key, its section's and the layout's.
  const direct = await fetch(`${site.url}${story.path}`);
  expect((direct.headers.get('xkey') ?? '').split(' ')).toEqual(expect.arrayContaining([`article:${story.id}`, 'section:politics', 'sections', 'breaking-news']));
  expect(await direct.text()).not.toContain('data-cache-tags');
  // Feeds are keyed too.
  expect((await fetch(`${site.url}/rss.xml`)).headers.get('xkey')).toMatch(/(^| )feeds-and-sitemaps( |$)/);
});

test('an edited headline shows through Varnish as soon as the save is acknowledged, and only the pages showing the story are purged', async () => {
  // A Science story to edit and a Politics story sharing no cache key with it (every article page lists
  // the trending stories, and other specs publish stories into the database this site copied, some by the
  // same writer or under the same topics): nothing of the second changes, so it must stay cached.
  const keysOf = async (path: string) => new Set((((await fetch(`${site.url}${path}`)).headers.get('xkey')) ?? '').split(' ').filter(Boolean));
  let story: Awaited<ReturnType<typeof publishedStory>> | null = null;
  let untouched = '';
  for (let s = 0; !untouched && s < 8; s++) {
    const candidateStory = await publishedStory('science', s).catch(() => null);
    if (!candidateStory) break;
    const touched = [...(await keysOf(candidateStory.path))].filter((key) => key.startsWith('tag:') || key.startsWith('author:')).concat(`article:${candidateStory.id}`);
    for (let nth = 1; !untouched && nth < 20; nth++) {
      const candidate = (await publishedStory('politics', nth).catch(() => null))?.path;
      if (!candidate) break;
      const keys = await keysOf(candidate);
      if (keys.size > 0 && !touched.some((key) => keys.has(key))) [story, untouched] = [candidateStory, candidate];
    }
  }
  if (!story) throw new Error('no Science story and Politics story that share no cache key');
  // And a page of another section that shares no key with the story either (its own front).
  const touchedKeys = [...(await keysOf(story.path))].filter((key) => key.startsWith('tag:') || key.startsWith('author:')).concat(`article:${story.id}`);
  let untouchedFront = '';
  for (const section of ['/business', '/culture', '/health', '/technology', '/world', '/climate']) {
    const keys = await keysOf(section);
    if (keys.size > 0 && !touchedKeys.some((key) => keys.has(key))) {
      untouchedFront = section;
      break;
    }
  }
  if (!untouchedFront) throw new Error('no section front that shares no cache key with the story');
  for (const path of [story.path, '/science', untouched, untouchedFront]) {
    // Each a page readers get (a cached 404 staying cached would prove nothing).
    expect((await throughVarnish(path)).status, path).toBe(200);
    expect((await throughVarnish(path)).cache, path).toBe('HIT');
  }
  // The marker is what is looked for: the headline may hold characters the page escapes.
  const marker = `edited ${Date.now()}`;
  await editHeadline(story.id, `${story.headline} (${marker})`);
  const since = performance.now();
  const ms = await visibleThroughVarnish(story.path, marker, since);
  console.log(`edit → visible through Varnish, from the acknowledgement: ${Math.round(ms)} ms`);
  expect(ms).toBeLessThan(Infinity);
  expect((await throughVarnish('/science')).body).toContain(marker);
  // A story in another section by another writer, and another section's front: not touched, still served from the cache.
  expect((await throughVarnish(untouched)).cache).toBe('HIT');
  expect((await throughVarnish(untouchedFront)).cache, untouchedFront).toBe('HIT');
});

// Twenty publishes in two tests of ten (each within the test timeout); the figures for all twenty are printed at the end.
const publishTimes = { fromPress: [] as number[], fromAcknowledgement: [] as number[], direct: [] as number[] };
const p50AndMax = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${Math.round(sorted[Math.floor((sorted.length - 1) / 2)]!)} ms, max ${Math.round(sorted.at(-1)!)} ms`;
};
test.afterAll(() => {
  if (publishTimes.fromPress.length === 0) return;
  console.log(
    `publish → visible through Varnish (front page and section front), ${publishTimes.fromPress.length} publishes: from pressing Publish ${p50AndMax(publishTimes.fromPress)}; ` +
      `from the acknowledgement ${p50AndMax(publishTimes.fromAcknowledgement)}; the site's own front page, from pressing Publish, ${p50AndMax(publishTimes.direct)}`,
  );
});

for (const batch of [1, 2]) {
  test(`a published story shows on the front page and its section front through Varnish (publishes ${batch * 10 - 9}-${batch * 10})`, async () => {
    // Both pages held by Varnish before the publishes. (The previous batch's last purge is repeated
    // PURGE_REPEAT_MS after it went through, and may drop the front page once more meanwhile.)
    for (const path of ['/', '/science']) await expect.poll(async () => (await throughVarnish(path)).cache, { message: path, timeout: 10_000 }).toBe('HIT');
    const timing = await timePublishes({
      client: newsroom,
      count: 10,
      ...scienceStoryIds(),
      label: `Varnish ${batch} ${Date.now()}`,
      maxPauseMs: 0,
      watch: () => [
        { name: 'front page via Varnish', url: `${varnish.url}/` },
        { name: 'section front via Varnish', url: `${varnish.url}/science` },
        { name: 'front page from the site', url: `${site.url}/` },
      ],
    });
    for (const page of timing.visible) expect(page.samples.every(Number.isFinite), page.name).toBe(true);
    // Until both pages through Varnish showed it, for each publish.
    const [front, section, direct] = timing.visible as [(typeof timing.visible)[0], (typeof timing.visible)[0], (typeof timing.visible)[0]];
    const both = front.samples.map((ms, i) => Math.max(ms, section.samples[i]!));
    publishTimes.fromPress.push(...both);
    publishTimes.fromAcknowledgement.push(...both.map((ms, i) => ms - timing.acknowledged.samples[i]!));
    publishTimes.direct.push(...direct.samples);
    console.log(`publishes ${batch * 10 - 9}-${batch * 10}: acknowledged p50 ${Math.round(timing.acknowledged.p50)} ms; visible p50 ${Math.round(timing.all.p50)} ms, max ${Math.round(timing.all.max)} ms`);
  });
}

test('the newsroom, the API and anyone signed in are passed to the site, never cached', async () => {
  for (const path of ['/admin/login', '/preview/1', `/api/views`]) {
    for (let i = 0; i < 2; i++) expect((await throughVarnish(path)).cache, path).toBe('PASS');
  }
  const path = `/tags?varnish-cookie-test=${Date.now()}`;
  const signedIn = { Cookie: `${SESSION_COOKIE}=some-session-token` };
  expect((await throughVarnish(path, signedIn)).cache).toBe('PASS');
  expect((await throughVarnish(path, { Cookie: `__Host-${SESSION_COOKIE}=some-session-token` })).cache).toBe('PASS');
  // A passed response is not stored: the first signed-out reader still misses.
  expect((await throughVarnish(path)).cache).toBe('MISS');
  // A real session: the newsroom is never stored either.
  const dashboard = await throughVarnish('/admin', { Cookie: newsroom.cookieHeader() });
  expect(dashboard).toMatchObject({ status: 200, cache: 'PASS' });
  expect((await throughVarnish('/admin', { Cookie: newsroom.cookieHeader() })).cache).toBe('PASS');
});

test('only the site may purge: a PURGE from any other address is refused and drops nothing', async () => {
  const path = (await publishedStory('politics', 6)).path;
  await throughVarnish(path);
  expect((await throughVarnish(path)).cache).toBe('HIT');
  const refused = await requestFrom('127.0.0.77', `${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'sections' } });
  expect(refused.status).toBe(403);
  expect((await throughVarnish(path)).cache).toBe('HIT');
  const allowed = await requestFrom('127.0.0.1', `${varnish.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'no-such-key' } });
  expect(allowed).toMatchObject({ status: 200, body: 'Purged 0\n' });
});

/** The trending list's links on a page, in order. */
function trendingOf(html: string): string[] {
  const start = html.indexOf('id="trending-title"');
  if (start < 0) return [];
  return [...html.slice(start, html.indexOf('</ol>', start)).matchAll(/href="([^"]+)"/g)].map((match) => match[1]!);
}

const readDatabase = <T>(read: (sqlite: Database.Database) => T, readonly = true): T => {
  const sqlite = new Database(site.databaseFile, { readonly, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    return read(sqlite);
  } finally {
    sqlite.close();
  }
};

const articleIdAt = (path: string) => readDatabase((sqlite) => sqlite.prepare('SELECT id FROM articles WHERE slug = ?').pluck().get(path.split('/').at(-1)) as number);

let boosts = 0;
/** Gives an article this hour's views enough to lead the ranking (more than any boost before it), in the site's own table. */
function boost(articleId: number): void {
  const views = 1_000_000 * ++boosts;
  readDatabase(
    (sqlite) =>
      sqlite
        .prepare('INSERT INTO page_views (article_id, hour, views) VALUES (?, ?, ?) ON CONFLICT (article_id, hour) DO UPDATE SET views = views + excluded.views')
        .run(articleId, Math.floor(Date.now() / 3_600_000), views),
    false,
  );
}

/** When the trending purge last went out (the lease row holds the ranking purged and when the next may go). */
const lastTrendingPurge = () => readDatabase((sqlite) => sqlite.prepare(`SELECT expires_at FROM leases WHERE name = 'trending-purge'`).pluck().get() as number) - TRENDING_PURGE_MIN_S * 1000;

let beacons = 0;
/** A reader's view of `articleId`, from an address of its own (the site trusts one proxy): it counts, so the counter writes and re-ranks. */
async function beacon(articleId: number): Promise<void> {
  const response = await fetch(`${site.url}/api/views`, {
    method: 'POST',
    headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'X-Forwarded-For': `198.51.${100 + (beacons >> 8)}.${beacons++ & 255}` },
    body: String(articleId),
  });
  expect(response.status).toBe(204);
}

test('a change in the trending ranking reaches the pages Varnish holds, softly and at most once per TRENDING_PURGE_MIN_S, and pages without the list stay cached', async () => {
  test.setTimeout(90_000);
  const story = await publishedStory('politics', 4);
  // Every article page (and the front page) lists the trending stories and carries the key; a section's later pages do not.
  const other = '/politics?page=2';
  const keysOf = async (path: string) => ((await fetch(`${site.url}${path}`)).headers.get('xkey') ?? '').split(' ');
  expect(await keysOf(story.path)).toContain('trending');
  expect(await keysOf(other)).not.toContain('trending');
  for (const path of [story.path, other]) {
    await throughVarnish(path);
    expect(await throughVarnish(path), path).toMatchObject({ status: 200, cache: 'HIT' });
  }
  const before = trendingOf((await throughVarnish(story.path)).body);
  expect(before).toHaveLength(8);
  const otherBefore = await throughVarnish(other);

  /** Readers' beacons (each counted) until the page through Varnish lists `target` first; how long it took, and what Varnish answered meanwhile. */
  const untilFirst = async (target: string) => {
    const since = performance.now();
    const caches = new Set<string | null>();
    const targetId = articleIdAt(target);
    while (performance.now() - since < 30_000) {
      await beacon(targetId);
      const answer = await throughVarnish(story.path);
      caches.add(answer.cache);
      if (trendingOf(answer.body)[0] === target) return { ms: performance.now() - since, caches: [...caches] };
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { ms: Infinity, caches: [...caches] };
  };

  // The last of the list goes to the top: purged at once (the first change since the site started purging).
  const first = before.at(-1)!;
  boost(articleIdAt(first));
  const one = await untilFirst(first);
  const firstPurge = lastTrendingPurge();
  // Soft: the page was served from Varnish's copy while it was refetched, never a miss that waits for the site.
  expect(one.caches).toEqual(['HIT']);
  // Another change at once: its purge waits until TRENDING_PURGE_MIN_S after the first.
  const second = before.at(-2)!;
  boost(articleIdAt(second));
  const two = await untilFirst(second);
  const secondPurge = lastTrendingPurge();
  console.log(`trending change → shown through Varnish: ${Math.round(one.ms)} ms (first), ${Math.round(two.ms)} ms (second, within ${TRENDING_PURGE_MIN_S} s of the first purge); purges ${secondPurge - firstPurge} ms apart`);
  expect(one.ms).toBeLessThan(Infinity);
  expect(two.ms).toBeLessThan(Infinity);
  expect(two.caches).toEqual(['HIT']);
  expect(secondPurge - firstPurge).toBeGreaterThanOrEqual(TRENDING_PURGE_MIN_S * 1000);
  // The page without the list: the copy from before, never refetched.
  const otherAfter = await throughVarnish(other);
  expect(otherAfter).toMatchObject({ status: 200, cache: 'HIT', body: otherBefore.body });
  expect(Number(otherAfter.age)).toBeGreaterThanOrEqual(Number(otherBefore.age));
});

test('when the site fails, Varnish keeps serving the copy it has (stale on error)', async () => {
  // A site that answers, then fails on demand: the shipped VCL in front of it.
  let failing = false;
  let served = 0;
  const origin = http.createServer((request, response) => {
    if (failing) return response.writeHead(500, { 'Content-Type': 'text/plain' }).end('broken');
    // Varnish's health check: not a page, no keys.
    if (request.url === '/robots.txt') return response.writeHead(200, { 'Content-Type': 'text/plain' }).end('User-agent: *\n');
    served++;
    response
      .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, max-age=0, s-maxage=60', xkey: 'article:1 home' })
      .end(`<p>copy ${served} of ${request.url}</p>`);
  });
  await new Promise<void>((resolve) => origin.listen(PORT, ORIGIN_HOST, resolve));
  const stale = await startVarnish(findVarnishd()!, { port: PORT, address: STALE_VARNISH_HOST, backend: { host: ORIGIN_HOST, port: PORT } });
  try {
    const get = async () => {
      const response = await fetch(`${stale.url}/story`);
      return { status: response.status, cache: response.headers.get('x-cache'), body: await response.text() };
    };
    const first = await get();
    expect(first).toMatchObject({ status: 200, cache: 'MISS' });
    // Marked stale (a soft purge), and the site fails the refresh: readers keep the copy.
    const purged = await requestFrom('127.0.0.1', `${stale.url}/`, { method: 'PURGE', headers: { 'xkey-softpurge': 'home' } });
    expect(purged).toMatchObject({ status: 200, body: 'Soft-purged 1\n' });
    failing = true;
    for (let i = 0; i < 3; i++) expect(await get()).toMatchObject({ status: 200, body: first.body });
    // Gone altogether: the same.
    await new Promise<void>((resolve) => origin.close(() => resolve()));
    origin.closeAllConnections();
    expect(await get()).toMatchObject({ status: 200, body: first.body });
  } finally {
    await stale.stop();
    if (origin.listening) origin.close();
  }
});
