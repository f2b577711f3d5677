import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { feedHtmlProblems, readAtomEntries, readRssItems, readSitemapLocations } from '@/test/support/feed-reading';
import { xmllintErrors } from '@/test/support/xml-validation';
import { ARTICLE_PATH } from './helpers';
import { msUntil } from './eventually';
import { fillNewArticle, signIn } from './newsroom-session';
import { e2eBaseUrl, e2eUsers, HOSTILE_HEADLINE, HOSTILE_SLUG, UNPUBLISHED_SLUGS } from './site';

const RSS = 'application/rss+xml; charset=utf-8';
const ATOM = 'application/atom+xml; charset=utf-8';
const JSON_FEED = 'application/feed+json; charset=utf-8';
const XML = 'application/xml; charset=utf-8';
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const GUID = /^tag:127\.0\.0\.1,2026:article-\d+$/;
const ARTICLE_URL = new RegExp(`^${e2eBaseUrl.replace(/\./g, '\\.')}/([a-z0-9-]+)/[a-z0-9-]+$`);

/** A live document, after checking its status and content type. */
async function fetchDocument(request: APIRequestContext, path: string, contentType: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toBe(contentType);
  return response.text();
}

const expectNoUnpublished = (body: string) => {
  for (const slug of Object.values(UNPUBLISHED_SLUGS)) expect(body).not.toContain(slug);
};
const descending = (times: number[]) => times.every((t, i) => i === 0 || t <= times[i - 1]!);

/**
 * The three feeds of one list, fetched together, again while they differ: a story another spec publishes
 * between two fetches is in one and not yet in the other (a few tries, then whatever came).
 */
async function feedsAtOneMoment(request: APIRequestContext, prefix: string) {
  for (let attempt = 1; ; attempt++) {
    const [rss, atom, json] = await Promise.all([
      fetchDocument(request, `${prefix}/rss.xml`, RSS),
      fetchDocument(request, `${prefix}/atom.xml`, ATOM),
      fetchDocument(request, `${prefix}/feed.json`, JSON_FEED),
    ]);
    const ids = readRssItems(rss).map((item) => item.guid);
    const same =
      JSON.stringify(readAtomEntries(atom).map((entry) => entry.id)) === JSON.stringify(ids) &&
      JSON.stringify((JSON.parse(json) as { items: { id: string }[] }).items.map((item) => item.id)) === JSON.stringify(ids);
    if (same || attempt === 5) return { rss, atom, json };
  }
}

test.describe('feeds', () => {
  for (const section of [null, 'politics']) {
    const prefix = section ? `/${section}` : '';

    test(`${prefix || 'site'} RSS and Atom validate and give every item all its fields`, async ({ request }) => {
      const feeds = await feedsAtOneMoment(request, prefix);
      const rss = feeds.rss;
      expect(xmllintErrors(rss, 'none')).toBe('');
      expectNoUnpublished(rss);
      const items = readRssItems(rss);
      expect(items).toHaveLength(50);
      for (const item of items) {
        const [, itemSection] = ARTICLE_URL.exec(item.link ?? '') ?? [];
        expect(itemSection, item.link).toBeDefined();
        if (section) expect(itemSection).toBe(section);
        expect(item.title).toMatch(/\S/);
        expect(item.guid).toMatch(GUID);
        expect(item.guidIsPermaLink).toBe('false');
        expect(item.description).toMatch(/\S/);
        expect(item.pubDate).toMatch(RFC_822);
        expect(item.creators.length).toBeGreaterThan(0);
        expect(item.categories[0]?.domain).toBe(`${e2eBaseUrl}/${itemSection}`);
      }
      expect(descending(items.map((item) => Date.parse(item.pubDate ?? '')))).toBe(true);
      expect(new Set(items.map((item) => item.guid)).size).toBe(50);

      const atom = feeds.atom;
      expect(xmllintErrors(atom, 'atom')).toBe('');
      expectNoUnpublished(atom);
      const entries = readAtomEntries(atom);
      // The same stories, in the same order, under the same ids.
      expect(entries.map((entry) => entry.id)).toEqual(items.map((item) => item.guid));
      for (const [i, entry] of entries.entries()) {
        expect(entry.title).toBe(items[i]?.title);
        expect(entry.link).toBe(items[i]?.link);
        expect(entry.summary).toBe(items[i]?.description);
        expect(entry.published).toMatch(RFC_3339);
        // RFC 822 has whole seconds only.
        expect(Math.floor(Date.parse(entry.published ?? '') / 1000) * 1000).toBe(Date.parse(items[i]?.pubDate ?? ''));
        expect(entry.updated).toMatch(RFC_3339);
        expect(entry.authors.map((author) => author.name)).toEqual(items[i]?.creators);
        for (const author of entry.authors) expect(author.uri).toMatch(new RegExp(`^${e2eBaseUrl}/authors/[a-z0-9-]+$`));
        expect(entry.categories.map((category) => category.label)).toEqual(items[i]?.categories.map((category) => category.name));
      }

      const json = JSON.parse(feeds.json);
      expect(json.version).toBe('https://jsonfeed.org/version/1.1');
      expect(json.feed_url).toBe(`${e2eBaseUrl}${prefix}/feed.json`);
      expect(json.items.map((item: { id: string }) => item.id)).toEqual(items.map((item) => item.guid));
      for (const [i, item] of json.items.entries()) {
        expect(item).toMatchObject({ url: items[i]?.link, title: items[i]?.title, summary: items[i]?.description });
        expect(item.date_published).toMatch(RFC_3339);
        expect(item.authors.length).toBeGreaterThan(0);
        expect(item.tags[0]).toBe(items[i]?.categories[0]?.name);
      }
    });
  }

  test('items carry the whole story: images at absolute addresses, embeds as links, quotes, fact boxes and tables, nothing of the page', async ({ request }) => {
    // Demo stories with every kind of story block (ops/seed-content), each in its section's feed.
    const stories = [
      {
        path: '/science/deep-sea-survey-finds-dozens-of-possible-new-species-in-area-eyed-for-mining',
        // The hero, then the gallery's two pictures, each a figure with its caption and credit.
        shows: [/^<figure><img src="[^"]+-960\.webp" alt="[^"]+" width="960" height="\d+"><figcaption>/, /<figure><img [^>]+><figcaption>Survey vessels mapped the seabed before the dives\.<small> CRBC News illustration<\/small><\/figcaption><\/figure>/],
        images: 3,
      },
      {
        path: '/science/european-probe-finds-water-bearing-clays-on-asteroid-in-first-close-flyby',
        shows: ['<p><a href="https://www.youtube.com/watch?v=Hc5yPMeXy3E">YouTube video: Halcyon flyby: the first close-up images of asteroid Corvina</a></p>'],
      },
      {
        path: '/technology/eu-opens-first-ai-act-investigation-into-chatbot-maker-averon',
        shows: ['<p><a href="https://mastodon.social/@EUCommission/113456789012345678">Mastodon post: The Commission has opened formal proceedings'],
      },
      {
        path: '/business/bank-of-england-cuts-interest-rates-to-3-25-percent-in-narrow-5-4-vote',
        shows: [/<figure><blockquote>\n<p>.+<\/blockquote><figcaption>Monetary Policy Committee statement<\/figcaption><\/figure>/s, '<table>\n<caption>How the committee voted</caption>', /<figcaption>Lower shipping costs have helped/],
        images: 2,
      },
      { path: '/health/measles-outbreak-in-rural-oregon-county-reaches-41-cases', shows: ['<aside>\n<h2>Measles: the facts</h2>'] },
    ];
    const sections = [...new Set(stories.map((story) => story.path.split('/')[1]!))];
    const feeds = new Map(await Promise.all(sections.map(async (section) => [section, await feedsAtOneMoment(request, `/${section}`)] as const)));
    const images = new Set<string>();
    for (const [section, { rss, atom, json }] of feeds) {
      expect(xmllintErrors(rss, 'none')).toBe('');
      expect(xmllintErrors(atom, 'atom')).toBe('');
      const entries = readAtomEntries(atom);
      const jsonItems = (JSON.parse(json) as { items: { content_html: string; content_text: string }[] }).items;
      for (const [i, item] of readRssItems(rss).entries()) {
        const html = item.content ?? '';
        expect(html, `${section}: ${item.link}`).toMatch(/\S/);
        expect(feedHtmlProblems(html, e2eBaseUrl), item.link).toEqual([]);
        expect(entries[i]?.content).toBe(html);
        expect(jsonItems[i]?.content_html).toBe(html);
        for (const [, src] of html.matchAll(/<img src="([^"]+)"/g)) images.add(src!);
        const story = stories.find((s) => item.link === e2eBaseUrl + s.path);
        if (!story) continue;
        // Plain text for these stories (another spec's hostile stories, in the same feeds, have markup as their text).
        expect(jsonItems[i]?.content_text, story.path).not.toMatch(/<[a-z]/);
        for (const shown of story.shows) expect(html, story.path).toMatch(shown);
        if (story.images) expect(html.match(/<img /g), story.path).toHaveLength(story.images);
      }
    }
    // Every story was in its feed, and every image a feed names is there to fetch.
    for (const story of stories) {
      const [, section] = story.path.split('/');
      expect(readRssItems(feeds.get(section!)!.rss).map((item) => item.link), story.path).toContain(e2eBaseUrl + story.path);
    }
    expect(images.size).toBeGreaterThan(5);
    for (const src of images) {
      const response = await request.get(src);
      expect([response.status(), response.headers()['content-type']], src).toEqual([200, 'image/webp']);
    }
  });

  test('a headline full of markup is text in every feed', async ({ request }) => {
    // The story is three months old: among Politics' newest 50, not the whole site's.
    const rss = readRssItems(await fetchDocument(request, '/politics/rss.xml', RSS));
    const hostile = rss.find((item) => item.link === `${e2eBaseUrl}/politics/${HOSTILE_SLUG}`);
    expect(hostile?.title).toBe(HOSTILE_HEADLINE);
    const atom = readAtomEntries(await fetchDocument(request, '/politics/atom.xml', ATOM));
    expect(atom.find((entry) => entry.link === hostile?.link)?.title).toBe(hostile?.title);
  });

  test('feeds of unknown sections, and sitemaps that do not exist, are 404s', async ({ request }) => {
    for (const path of ['/nope/rss.xml', '/nope/atom.xml', '/nope/feed.json', '/politics/nope.xml', '/sitemaps/nope.xml', '/sitemaps/articles-1999-01.xml']) {
      expect((await request.get(path)).status(), path).toBe(404);
    }
  });

  test('pages name their feeds: the site’s everywhere, a section’s on its front and its articles', async ({ page }) => {
    const feedLinks = async (path: string, type: string) => {
      await page.goto(path);
      return page.locator(`head link[rel="alternate"][type="${type}"]`).evaluateAll((links) => links.map((link) => link.getAttribute('href')));
    };
    for (const [type, file] of [['application/rss+xml', 'rss.xml'], ['application/atom+xml', 'atom.xml'], ['application/feed+json', 'feed.json']] as const) {
      expect(await feedLinks('/', type)).toEqual([`${e2eBaseUrl}/${file}`]);
      expect(await feedLinks('/tags/test-archive', type)).toEqual([`${e2eBaseUrl}/${file}`]);
      for (const path of ['/politics', ARTICLE_PATH]) {
        expect(await feedLinks(path, type)).toEqual([`${e2eBaseUrl}/${file}`, `${e2eBaseUrl}/politics/${file}`]);
      }
    }
  });
});

test.describe('sitemaps and robots.txt', () => {
  test('the index and every child validate against their schemas and list every public page, and only those', async ({ request }) => {
    const index = await fetchDocument(request, '/sitemap.xml', XML);
    expect(xmllintErrors(index, 'sitemapIndex')).toBe('');
    const children = readSitemapLocations(index);
    expect(children).toEqual(expect.arrayContaining([`${e2eBaseUrl}/sitemaps/pages.xml`, `${e2eBaseUrl}/sitemaps/news.xml`]));
    expect(index.match(/<lastmod>/g)).toHaveLength(children.length);

    const pages: string[] = [];
    for (const child of children) {
      expect(child.startsWith(`${e2eBaseUrl}/sitemaps/`)).toBe(true);
      const xml = await fetchDocument(request, child.slice(e2eBaseUrl.length), XML);
      expect(xmllintErrors(xml, child.endsWith('/news.xml') ? 'newsSitemap' : 'sitemap'), child).toBe('');
      expectNoUnpublished(xml);
      if (!child.endsWith('/news.xml')) pages.push(...readSitemapLocations(xml));
    }
    expect(pages).toEqual(
      expect.arrayContaining([
        `${e2eBaseUrl}/`,
        `${e2eBaseUrl}/politics`,
        `${e2eBaseUrl}/tags/test-archive`,
        `${e2eBaseUrl}/authors/amara-osei`,
        `${e2eBaseUrl}/politics/${HOSTILE_SLUG}`,
        `${e2eBaseUrl}/politics/archive-story-number-45`,
        `${e2eBaseUrl}${ARTICLE_PATH}`,
      ]),
    );
    expect(new Set(pages).size).toBe(pages.length);
  });

  // Every URL listed is a page that exists: about 190 pages, most rendered afresh, in two tests (in one they ran
  // out of its 30 s on a busy machine), a few at a time.
  const sitemapsOf = (kinds: RegExp) => async (request: APIRequestContext) => {
    const children = readSitemapLocations(await fetchDocument(request, '/sitemap.xml', XML)).filter((child) => kinds.test(child));
    const xmls = await Promise.all(children.map((child) => fetchDocument(request, child.slice(e2eBaseUrl.length), XML)));
    return xmls.flatMap((xml) => readSitemapLocations(xml));
  };
  for (const [name, kinds, atLeast] of [
    ['the fronts, topics and journalists', /\/sitemaps\/(pages|tags|authors)\.xml$/, 50],
    ['the articles', /\/sitemaps\/articles-[0-9-]+\.xml$/, 90],
  ] as const) {
    test(`every URL the sitemaps of ${name} list is a page that exists`, async ({ request }) => {
      const listed = sitemapsOf(kinds);
      const pages = await listed(request);
      expect(pages.length).toBeGreaterThan(atLeast);
      const statuses = new Map<string, number>();
      for (let i = 0; i < pages.length; i += 4) {
        await Promise.all(pages.slice(i, i + 4).map(async (url) => statuses.set(url, (await request.get(url, { maxRedirects: 0 })).status())));
      }
      // Other specs unpublish their stories while this runs: a page gone since the sitemaps were read must be
      // gone from them too.
      const missing = pages.filter((url) => statuses.get(url) !== 200);
      if (missing.length > 0) {
        const now = new Set(await listed(request));
        expect(missing.filter((url) => now.has(url)).map((url) => `${url}: ${statuses.get(url)}`)).toEqual([]);
      }
    });
  }

  test('robots.txt keeps crawlers out of the newsroom and previews, and names the sitemaps', async ({ request }) => {
    const robots = await fetchDocument(request, '/robots.txt', 'text/plain; charset=utf-8');
    expect(robots.split('\n')).toEqual(
      expect.arrayContaining(['User-agent: *', 'Disallow: /admin', 'Disallow: /preview/', `Sitemap: ${e2eBaseUrl}/sitemap.xml`, `Sitemap: ${e2eBaseUrl}/sitemaps/news.xml`]),
    );
  });
});

// One story's life, in steps of their own (all in one test it took most of 30 s on a busy machine): each change
// must reach every feed and sitemap; how soon, timed from the newsroom's acknowledgement, is printed (./eventually.ts).
test.describe('publishing, editing and unpublishing reach every feed and sitemap (the times are printed)', () => {
  test.describe.configure({ mode: 'serial' });
  let page: Page;
  let headline = '';
  let slug = '';
  const month = new Date().toISOString().slice(0, 7);
  // A Science story (the test stories' section): a Politics one would change the Politics front's pages and
  // counts that other specs read at the same time.
  const documents = [
    '/rss.xml',
    '/atom.xml',
    '/feed.json',
    '/science/rss.xml',
    '/science/atom.xml',
    '/science/feed.json',
    '/sitemaps/news.xml',
    `/sitemaps/articles-${month}.xml`,
  ];
  const took: string[] = [];
  const shows = async (step: string, paths: string[], check: (status: number, body: string) => boolean) => {
    for (const path of paths) took.push(`${step} ${path}: ${await msUntil(page, path, check)} ms`);
  };

  test.beforeAll(async ({ browser }) => {
    headline = `Tram Depot Reopens After Flood Repairs ${Date.now()}`;
    slug = headline.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    took.length = 0;
    page = await (await browser.newContext()).newPage();
    await signIn(page, e2eUsers.editor);
  });

  test.afterAll(async () => {
    console.log(`change → shown in feeds and sitemaps:\n${took.join('\n')}`);
    await page?.context().close();
  });

  test('a story published shows in them', async () => {
    // Served from the cache before the change (this month's sitemap may even be a cached 404): the change must
    // reach them. Asked until cached: a publish by a spec running beside this one refreshes the same feeds.
    for (const path of documents) {
      await expect
        .poll(async () => {
          const response = await page.request.get(path);
          return (response.ok() || path.includes('/articles-')) && response.headers()['x-nextjs-cache'];
        }, { message: path })
        .toBe('HIT');
    }
    await fillNewArticle(page, headline, 'Science');
    await page.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Published: it is live now.');
    await shows('published', documents, (status, body) => status === 200 && body.includes(slug));
  });

  test('its headline and body edited show in them', async () => {
    const updated = `${headline} (Updated)`;
    const addedParagraph = `A paragraph added after publication ${Date.now()}.`;
    await page.getByLabel('Headline').fill(updated);
    await page.getByLabel('Body', { exact: true }).fill(`First paragraph of the story.\n\n${addedParagraph}`);
    await page.getByRole('button', { name: 'Update live article' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Saved.');
    await shows('edited', documents.filter((p) => !p.includes('/articles-')), (status, body) => body.includes(updated));
    // The feeds carry the body too: an edit to it reaches them with the headline's.
    await shows('body edited', documents.filter((p) => !p.includes('/sitemaps/')), (status, body) => body.includes(addedParagraph));
  });

  test('unpublished, it leaves them', async () => {
    await page.getByRole('button', { name: 'Unpublish' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Yes, unpublish' }).click();
    await expect(page.locator('.notice[role="status"]')).toHaveText('Unpublished: readers can no longer see it.');
    await shows('unpublished', documents, (status, body) => !body.includes(slug));
  });
});
