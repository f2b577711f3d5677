import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser } from '@playwright/test';
import { MEDIA_PAGE_SIZE } from '@/db/media';
import { feedHtmlProblems, parseFeedHtml, readSitemapLocations } from '@/test/support/feed-reading';
import { xmlCharacters } from '@/lib/syndication/xml';
import { xmllintErrors, type xmlSchemas } from '@/test/support/xml-validation';
import { fieldErrors, findForm, FormClient, noticeText, setField } from '../test/support/form-client';
import { startIsolatedSite, type IsolatedSite } from './isolated-site';
import { signIn } from './newsroom-session';
import { e2eSite, e2eUsers, HOSTILE_HEADLINE, HOSTILE_SLUG, HOSTILE_SUMMARY } from './site';
import { checkPage, shown, watchForPayloads, type Shown } from './xss-checks';
import { CORPUS_SLUG, corpusWebhookUrl, storyBlocksBody, writeCorpus, type CorpusItem } from './xss-newsroom';
import { XSS_PAYLOADS } from './xss-payloads';

/**
 * Issue 7: the hostile-input corpus (e2e/xss-payloads.ts) typed into every newsroom field through the
 * newsroom's own forms, then every page that shows it opened in Chromium (reader pages, search, the
 * newsroom), every feed and sitemap parsed and every share card drawn. Nothing may run, no markup may
 * stand where text was meant, and each field must show exactly what was typed.
 *
 * The corpus names sections, which every page's navigation lists: it goes to a server of its own (a copy
 * of the test database and build, e2e/isolated-site.ts), never to the site the other specs read.
 */

const SITE_NAME = 'CRBC News';
/** Pages open at once in the browser: enough to keep a 2-core machine busy without starving the other worker. */
const PAGES_AT_ONCE = 4;

let site: IsolatedSite;
let corpus: CorpusItem[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  site = await startIsolatedSite(e2eSite.port + 3, 'news-xss-');
  corpus = await writeCorpus(site.url, site.databaseFile, e2eUsers.admin, XSS_PAYLOADS);
});

test.afterAll(async () => {
  await site?.stop();
});

/** Opens every path in a fresh context (signed in as the admin if asked) and lists all that went wrong. */
async function visitAll(browser: Browser, visits: { path: string; shows: Shown[]; status?: number }[], signedIn = false): Promise<string[]> {
  const context = await browser.newContext({ baseURL: site.url });
  const findings = watchForPayloads(context, site.url);
  try {
    if (signedIn) {
      const page = await context.newPage();
      await signIn(page, e2eUsers.admin);
      await page.close();
    }
    const problems = await Promise.all(
      Array.from({ length: PAGES_AT_ONCE }, async (_, worker) => {
        const page = await context.newPage();
        const found: string[] = [];
        for (let i = worker; i < visits.length; i += PAGES_AT_ONCE) {
          const { path, shows, status } = visits[i]!;
          found.push(...(await checkPage(page, path, shows, status)));
        }
        return found;
      }),
    );
    return [...problems.flat(), ...findings];
  } finally {
    await context.close();
  }
}

const text = (item: CorpusItem) => item.payload.text;
const pageNumbers = (pages: number) => Array.from({ length: Math.ceil(pages) }, (_, i) => i + 1);
/** Every section of the corpus, by name, in the navigation of a reader page. */
const navigation = () => corpus.map((item) => shown('section in the navigation', '.site-nav a', text(item), 'text', 'any'));

function articleShows(item: CorpusItem): Shown[] {
  const p = text(item);
  return [
    shown('title', 'title', `${p} | ${SITE_NAME}`),
    shown('description', 'meta[name="description"]', p, 'attr:content'),
    shown('Open Graph title', 'meta[property="og:title"]', p, 'attr:content'),
    shown('share image alt text', 'meta[property="og:image:alt"]', p, 'attr:content'),
    shown('headline in the JSON-LD', '', p, 'jsonld', 'any'),
    shown('headline', 'h1', p),
    shown('summary', '.article__summary', p),
    shown('section in the breadcrumb', '.breadcrumbs a', p, 'text', 'any'),
    shown('author in the byline', '.byline__authors a', p),
    shown('image alt text', '.hero img', p, 'attr:alt'),
    shown('caption and credit', '.hero figcaption', `${p} ${p}`),
    shown('key points title', '.key-points h2', p),
    shown('key point label', '.key-points li strong', `${p}:`),
    shown('key point', '.key-points li', `${p}: ${p}`),
    shown('context note', '.context-note p', p),
    shown('correction', '.corrections li', `: ${p}`, 'text', 'contains'),
    shown('tag', '.tag-list a', p),
    shown('live update title', '.live-update__title', p),
    // Story blocks: every attribute of every block (e2e/xss-newsroom.ts storyBlocksBody).
    shown('inline image alt text', '.article__body .story-image img', p, 'attr:alt'),
    shown('inline image caption and credit', '.article__body .story-image figcaption', `${p} ${p}`),
    shown('embed title', '.article__body .embed__text', p),
    shown('pull quote attribution', '.article__body .pullquote figcaption', p),
    shown('fact box title', '.article__body .factbox h2', p),
    shown('fact box label', '.article__body .factbox', p, 'attr:aria-label'),
    shown('table caption', '.article__body .table-wrap caption', p),
    shown('table label', '.article__body .table-wrap', p, 'attr:aria-label'),
  ];
}

const teaserShows = (item: CorpusItem): Shown[] => [
  shown('teaser headline', `.teaser__headline a[href="${item.articlePath}"]`, text(item)),
  shown('teaser summary', `.teaser:has(a[href="${item.articlePath}"]) .teaser__summary`, text(item)),
];

test('every reader page shows the corpus as text and runs none of it', async ({ browser }) => {
  test.setTimeout(300_000);
  const visits = [
    {
      path: '/',
      shows: [...navigation(), ...corpus.flatMap((item) => [...teaserShows(item), shown('section block', `#block-${item.sectionSlug}`, text(item), 'text', 'eachOf')])],
    },
    { path: '/tags', shows: corpus.map((item) => shown('tag in the A-Z', '.name-index a', text(item), 'text', 'any')) },
    { path: '/authors', shows: corpus.map((item) => shown('author in the A-Z', '.name-index a', text(item), 'text', 'any')) },
    ...corpus.flatMap((item) => {
      const p = text(item);
      return [
        { path: item.articlePath, shows: [...navigation(), ...articleShows(item)] },
        {
          path: `/${item.sectionSlug}`,
          shows: [
            shown('title', 'title', `${p} | ${SITE_NAME}`),
            shown('description', 'meta[name="description"]', p, 'attr:content'),
            shown('name in the JSON-LD', '', p, 'jsonld', 'any'),
            shown('section name', 'h1', p),
            shown('section description', '.index-page__header p', p),
            ...teaserShows(item),
          ],
        },
        {
          path: `/tags/${item.tagSlug}`,
          shows: [shown('title', 'title', `${p} | ${SITE_NAME}`), shown('description', 'meta[name="description"]', `News and analysis about ${p}.`, 'attr:content'), shown('tag name', 'h1', p), ...teaserShows(item)],
        },
        {
          path: `/authors/${item.authorSlug}`,
          shows: [
            shown('title', 'title', `${p} | ${SITE_NAME}`),
            shown('description', 'meta[name="description"]', p, 'attr:content'),
            shown('author name', 'h1', p),
            shown('job title', '.author-profile__title', p),
            shown('biography', '.author-profile__bio', p),
            shown('photo alt text', '.author-profile__photo', p, 'attr:alt'),
            ...teaserShows(item),
          ],
        },
        {
          // A search for the payload itself: the words come back in the box and the title, as text.
          path: `/search?${new URLSearchParams({ q: p })}`,
          shows: [
            shown('title', 'title', `Search: ${p} | ${SITE_NAME}`),
            shown('words in the search box', '.search-form input[name="q"]', p, 'value'),
            shown('words in the result count', '.search-page [role="status"]', `for “${p}”`, 'text', 'contains'),
          ],
        },
      ];
    }),
    {
      // The hostile article every other spec's site holds too (e2e/site.ts): its safe Markdown survives.
      path: `/politics/${HOSTILE_SLUG}`,
      shows: [
        shown('headline', 'h1', HOSTILE_HEADLINE),
        shown('summary', '.article__summary', HOSTILE_SUMMARY),
        shown('key point label', '.key-points li strong', '<em>Label</em>:'),
        shown('a safe link in the body', '.article__body a[href="https://example.org/story"]', 'good link'),
        shown('a paragraph without its handlers', '.article__body p', 'Paragraph with handlers', 'text', 'any'),
        shown('headline in the JSON-LD', '', HOSTILE_HEADLINE, 'jsonld', 'any'),
      ],
    },
  ];
  expect(await visitAll(browser, visits)).toEqual([]);
});

test('the newsroom shows the corpus in its lists and forms as typed and runs none of it', async ({ browser }) => {
  test.setTimeout(300_000);
  const sample = corpus[0]!;
  const visits = [
    { path: '/admin', shows: [] },
    { path: '/admin/articles', shows: corpus.map((item) => shown('headline in the list', `a[href="/admin/articles/${item.articleId}"]`, text(item), 'text', 'eachOf')) },
    { path: '/admin/authors', shows: corpus.map((item) => shown('author in the list', `a[href="/admin/authors/${item.authorId}"]`, text(item))) },
    { path: '/admin/tags', shows: corpus.map((item) => shown('tag in the list', `a[href="/admin/tags/${item.tagId}"]`, text(item))) },
    { path: '/admin/sections', shows: corpus.map((item) => shown('section in the list', `a[href="/admin/sections/${item.sectionId}"]`, text(item))) },
    {
      path: '/admin/webhooks',
      shows: corpus.flatMap((item) => [
        shown('webhook in the list', `a[href="/admin/webhooks/${item.webhookId}"]`, text(item)),
        shown('webhook URL in the list', 'td code', corpusWebhookUrl(item.payload), 'text', 'any'),
      ]),
    },
    // The library and the audit log, newest first, as far back as the corpus goes (seven saves a payload, 50 entries a page).
    ...pageNumbers(corpus.length / MEDIA_PAGE_SIZE).map((page) => ({ path: `/admin/media?page=${page}`, shows: [] })),
    ...pageNumbers((corpus.length * 7) / 50).map((page) => ({ path: `/admin/audit?page=${page}`, shows: [] })),
    {
      // The merge form offers every other tag by name.
      path: `/admin/tags/${sample.tagId}`,
      shows: [
        shown('tag name', '#rename-tag-name', text(sample), 'value'),
        ...corpus.slice(1).map((item) => shown('tag to merge into', '#merge-tag-into option', `${text(item)} (${item.tagSlug})`, 'text', 'any')),
      ],
    },
    // The newsroom's preview: the article as readers will see it, without the head tags and JSON-LD of the public page.
    { path: `/preview/${sample.articleId}`, shows: articleShows(sample).filter((s) => s.read !== 'jsonld' && s.selector !== 'title' && !s.selector.startsWith('meta')) },
    ...corpus.flatMap((item) => {
      const p = text(item);
      return [
        {
          path: `/admin/articles/${item.articleId}`,
          shows: [
            shown('article body', '#body', storyBlocksBody(p, item.mediaId), 'value'),
            ...['#headline', '#summary', '#keyPointsTitle', '[name="keyPoints.0.label"]', '[name="keyPoints.0.text"]', '#whyItMatters', '#contextNote', '#tags', '#seoTitle', '#seoDescription'].map(
              (selector) => shown('article field', selector, p, 'value'),
            ),
            shown('section', '#sectionId', p, 'selected'),
            shown('author', 'select[name="authorIds"]', p, 'selected', 'any'),
            shown('chosen image', '.media-picker input:checked ~ span', p),
            shown('correction', 'section[aria-labelledby="corrections-title"] li', `: ${p}`, 'text', 'contains'),
            ...corpus.map((other) => shown('section to choose', '#sectionId option', text(other), 'text', 'any')),
          ],
        },
      ];
    }),
    // The other edit pages are one form component (AdminForm) showing values the reader pages check for every
    // payload: every third payload (all kinds of them, the corpus is grouped by kind) keeps this test short.
    ...corpus.filter((_, i) => i % 3 === 0).flatMap((item) => {
      const p = text(item);
      return [
        {
          path: `/admin/media/${item.mediaId}`,
          shows: [
            shown('alt text', '#image-text-alt', p, 'value'),
            shown('caption', '#image-text-caption', p, 'value'),
            shown('credit', '#image-text-credit', p, 'value'),
            shown('preview alt text', '.media-preview', p, 'attr:alt'),
          ],
        },
        {
          path: `/admin/authors/${item.authorId}`,
          shows: [
            shown('heading', 'h1', `Author: ${p}`),
            ...['name', 'title', 'bio'].map((field) => shown(`author ${field}`, `#edit-author-${field}`, p, 'value')),
            shown('photo', '#edit-author-photoMediaId', p, 'selected'),
          ],
        },
        {
          path: `/admin/sections/${item.sectionId}`,
          shows: [shown('heading', 'h1', `Section: ${p}`), ...['name', 'description'].map((field) => shown(`section ${field}`, `#edit-section-${field}`, p, 'value'))],
        },
        {
          path: `/admin/webhooks/${item.webhookId}`,
          shows: [shown('heading', 'h1', `Webhook: ${p}`), shown('webhook URL', '.facts dd > code', corpusWebhookUrl(item.payload))],
        },
      ];
    }),
  ];
  expect(await visitAll(browser, visits, true)).toEqual([]);
});

/** Every element of an XML document (name, text, attributes) as Chromium's XML parser reads it, or its parse error. */
type XmlElement = { name: string; text: string; attributes: Record<string, string> };
async function parseXml(browser: Browser, documents: string[]): Promise<({ error: string } | { elements: XmlElement[] })[]> {
  const page = await browser.newPage();
  try {
    return await page.evaluate((xmls) =>
      xmls.map((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const error = doc.querySelector('parsererror');
        if (error) return { error: error.textContent ?? 'parse error' };
        return {
          elements: Array.from(doc.getElementsByTagName('*'), (element) => ({
            name: element.nodeName,
            text: element.textContent ?? '',
            attributes: Object.fromEntries(Array.from(element.attributes, (a) => [a.name, a.value])),
          })),
        };
      }),
    documents);
  } finally {
    await page.close();
  }
}

// Names a payload would bring into a feed if it were written as markup instead of text.
const HTML_ONLY = new Set(['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'meta', 'base', 'xss', 'a', 'b', 'p', 'div', 'details', 'input', 'form', 'textarea', 'body']);

test('feeds and sitemaps parse and carry the corpus as text', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const get = async (path: string, contentType: string) => {
    const response = await request.get(site.url + path);
    expect(response.status(), path).toBe(200);
    expect(response.headers()['content-type'], path).toBe(contentType);
    return response.text();
  };
  const xml = async (path: string, contentType: string, schema: keyof typeof xmlSchemas) => {
    const document = await get(path, contentType);
    expect(xmllintErrors(document, schema), path).toBe('');
    return document;
  };
  const RSS = 'application/rss+xml; charset=utf-8';
  const ATOM = 'application/atom+xml; charset=utf-8';
  const JSON_FEED = 'application/feed+json; charset=utf-8';
  const XML = 'application/xml; charset=utf-8';

  const sectionFeeds = await Promise.all(
    corpus.map(async (item) => ({
      item,
      rss: await xml(`/${item.sectionSlug}/rss.xml`, RSS, 'none'),
      atom: await xml(`/${item.sectionSlug}/atom.xml`, ATOM, 'atom'),
      json: JSON.parse(await get(`/${item.sectionSlug}/feed.json`, JSON_FEED)) as Record<string, unknown>,
    })),
  );
  const index = await xml('/sitemap.xml', XML, 'sitemapIndex');
  const children = readSitemapLocations(index).map((url) => new URL(url).pathname);
  expect(children).toContain('/sitemaps/news.xml');
  const sitemaps = await Promise.all(children.map((path) => xml(path, XML, path === '/sitemaps/news.xml' ? 'newsSitemap' : 'sitemap')));
  const siteFeeds = [await xml('/rss.xml', RSS, 'none'), await xml('/atom.xml', ATOM, 'atom')];

  const problems: string[] = [];
  const parsed = await parseXml(browser, [...sectionFeeds.flatMap(({ rss, atom }) => [rss, atom]), ...siteFeeds, index, ...sitemaps]);
  const elements = parsed.map((doc, i) => {
    if ('error' in doc) {
      problems.push(`document ${i} does not parse: ${doc.error}`);
      return [];
    }
    for (const { name } of doc.elements) if (HTML_ONLY.has(name.toLowerCase())) problems.push(`document ${i} has a <${name}> element`);
    return doc.elements;
  });
  const expectText = (doc: XmlElement[], what: string, name: string, expected: string) => {
    if (!doc.some((e) => e.name === name && e.text === expected)) problems.push(`${what}: no <${name}> reads ${JSON.stringify(expected)}`);
  };

  sectionFeeds.forEach(({ item, json }, i) => {
    const p = text(item);
    // What XML 1.0 can carry of the text: its control characters go (lib/xml.ts); everything else comes back.
    const x = xmlCharacters(p);
    const [rss = [], atom = []] = elements.slice(2 * i, 2 * i + 2);
    expectText(rss, `RSS of ${item.sectionSlug}`, 'title', `${x} | ${SITE_NAME}`);
    for (const name of ['description', 'title', 'dc:creator', 'category']) expectText(rss, `RSS of ${item.sectionSlug}`, name, x);
    expectText(atom, `Atom of ${item.sectionSlug}`, 'title', `${x} | ${SITE_NAME}`);
    for (const name of ['subtitle', 'title', 'summary', 'name']) expectText(atom, `Atom of ${item.sectionSlug}`, name, x);
    if (!atom.some((e) => e.name === 'category' && e.attributes.label === x)) problems.push(`Atom of ${item.sectionSlug}: no category label reads ${JSON.stringify(x)}`);
    const [entry] = (json.items ?? []) as Record<string, unknown>[];
    expect({ feed: [json.title, json.description], entry: [entry?.title, entry?.summary, (entry?.authors as { name: string }[])?.[0]?.name, entry?.tags] }).toEqual({
      feed: [`${p} | ${SITE_NAME}`, p],
      entry: [p, p, p, [p, p]],
    });
    // The whole story (lib/syndication/feed-html.ts): the payload typed into the hero's and an inline image's alt
    // text, caption and credit, an embed's title, a pull quote's attribution, a fact box's title and a table's
    // caption (storyBlocksBody) is text in the story's HTML, which holds only what feeds allow.
    const stories = [
      { what: `RSS content:encoded of ${item.sectionSlug}`, html: rss.find((e) => e.name === 'content:encoded')?.text, expected: x },
      { what: `Atom content of ${item.sectionSlug}`, html: atom.find((e) => e.name === 'content' && e.attributes.type === 'html')?.text, expected: x },
      { what: `JSON Feed content_html of ${item.sectionSlug}`, html: entry?.content_html as string | undefined, expected: p },
    ];
    for (const { what, html, expected } of stories) {
      if (html === undefined) {
        problems.push(`${what}: missing`);
        continue;
      }
      for (const problem of feedHtmlProblems(html, site.url)) problems.push(`${what}: ${problem}`);
      const shownText = parseFeedHtml(html).text;
      if (!shownText.includes(expected)) problems.push(`${what}: the text does not read ${JSON.stringify(expected)}`);
    }
    if (!String(entry?.content_text).includes(p.replace(/[ \t\n\f\r]+/g, ' '))) problems.push(`JSON Feed content_text of ${item.sectionSlug} does not read ${JSON.stringify(p)}`);
  });
  // The site's feeds hold the newest 50 stories, all of the corpus's; the news sitemap the last two days': all of it.
  const corpusTitles = new Set(corpus.map((item) => xmlCharacters(text(item))));
  const [siteRss = [], siteAtom = []] = elements.slice(2 * corpus.length, 2 * corpus.length + 2);
  const news = elements[2 * corpus.length + 3 + children.indexOf('/sitemaps/news.xml')] ?? [];
  const titlesIn = (doc: XmlElement[], name: string) => doc.filter((e) => e.name === name && corpusTitles.has(e.text)).length;
  expect([titlesIn(siteRss, 'title'), titlesIn(siteAtom, 'title'), titlesIn(news, 'news:title')]).toEqual([50, 50, corpus.length]);
  expect(problems).toEqual([]);
});

test('every share card is drawn as a PNG', async ({ request }) => {
  test.setTimeout(120_000);
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const problems: string[] = [];
  for (const item of corpus) {
    const html = await (await request.get(site.url + item.articlePath)).text();
    const image = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    if (!image) {
      problems.push(`${item.articlePath} names no share image`);
      continue;
    }
    const response = await request.get(image);
    const body = await response.body();
    if (response.status() !== 200 || response.headers()['content-type'] !== 'image/png' || !body.subarray(0, 8).equals(PNG)) {
      problems.push(`${image} (${item.payload.label}) answered ${response.status()} ${response.headers()['content-type']}, ${body.length} bytes`);
    }
  }
  expect(problems).toEqual([]);
});

test('payloads in addresses and query strings get a page, a redirect or a 404, never an error, and are never written back as markup', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const section = corpus[0]!.sectionSlug;
  const addresses = XSS_PAYLOADS.flatMap(({ text: p }) => {
    const e = encodeURIComponent(p);
    return [
      `/${e}`,
      `/${section}/${e}`,
      `/tags/${e}`,
      `/authors/${e}`,
      `/${e}/rss.xml`,
      `/sitemaps/${e}.xml`,
      `/share/${e}.png`,
      `/media/${e}`,
      `/?page=${e}`,
      `/${section}?page=${e}`,
      `/search?${new URLSearchParams({ q: p, section: p, from: p, to: p, page: p })}`,
    ].map((path) => ({ path, payload: p }));
  });
  const problems: string[] = [];
  for (const { path, payload } of addresses) {
    const response = await request.get(site.url + path, { maxRedirects: 0 });
    const body = await response.text();
    if (![200, 301, 404].includes(response.status())) problems.push(`${path} answered ${response.status()}`);
    // Written back as text, a payload with markup in it has its <, > and " escaped: the raw string never appears.
    if (/[<>"]/.test(payload) && (body.includes(payload) || response.headers().location?.includes(payload))) problems.push(`${path} wrote the payload back raw`);
  }
  expect(problems).toEqual([]);

  // In the browser too, for a missing page and a search naming a payload everywhere.
  const visits = XSS_PAYLOADS.slice(0, 3).flatMap(({ text: p }) => [
    { path: `/${encodeURIComponent(p)}`, shows: [], status: 404 },
    { path: `/search?${new URLSearchParams({ q: p, section: p, from: p, to: p, page: p })}`, shows: [shown('words in the search box', '.search-form input[name="q"]', p, 'value')] },
  ]);
  expect(await visitAll(browser, visits)).toEqual([]);
});

test('a hostile value a field cannot take is refused with a clear message and comes back as typed', async () => {
  const client = new FormClient(site.url, 30_000);
  await client.signIn(e2eUsers.admin);
  const hostile = XSS_PAYLOADS[0]!.text;
  const longer = (length: number) => hostile.repeat(Math.ceil(length / hostile.length)).slice(0, length);
  const item = corpus[0]!;
  const image = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'hostile.png', { type: 'image/png' });
  const cases: { path: string; button: string; values: Record<string, string>; message: string; files?: Record<string, File> }[] = [
    { path: '/admin/articles/new', button: 'Save draft', values: { headline: longer(201) }, message: 'Keep the headline under 200 characters.' },
    {
      path: '/admin/articles/new',
      button: 'Save draft',
      values: { headline: hostile, slug: hostile },
      message: 'Use lowercase letters, digits and single hyphens (up to 120 characters).',
    },
    {
      path: '/admin/articles/new',
      button: 'Save draft',
      values: { headline: hostile, 'keyPoints.0.label': longer(121), 'keyPoints.0.text': hostile },
      message: 'Keep labels under 120 characters and sentences under 1,000.',
    },
    { path: '/admin/articles/new', button: 'Save draft', values: { headline: hostile, tags: longer(61) }, message: 'Tags are names of up to 60 characters, separated by commas.' },
    // Fullwidth brackets make no slug at all: no tag can be made of them.
    { path: '/admin/articles/new', button: 'Save draft', values: { headline: hostile, tags: '＜＞' }, message: 'Tags are names of up to 60 characters, separated by commas.' },
    { path: '/admin/sections', button: 'Create section', values: { name: longer(61), position: '1' }, message: 'The name can be at most 60 characters.' },
    { path: '/admin/sections', button: 'Create section', values: { name: hostile, slug: hostile, position: '1' }, message: 'Use lowercase letters, digits and single hyphens (up to 120 characters).' },
    { path: `/admin/tags/${item.tagId}`, button: 'Save tag', values: { name: longer(61) }, message: 'The name can be at most 60 characters.' },
    { path: '/admin/authors', button: 'Add author', values: { name: longer(101) }, message: 'The name can be at most 100 characters.' },
    { path: '/admin/authors', button: 'Add author', values: { name: hostile, slug: hostile }, message: 'Use lowercase letters, digits and single hyphens (up to 120 characters).' },
    { path: '/admin/webhooks', button: 'Add endpoint', values: { name: hostile, url: hostile }, message: 'Enter a full address, like https://example.com/hooks/news.' },
    { path: '/admin/webhooks', button: 'Add endpoint', values: { name: hostile, url: `javascript:${hostile}` }, message: 'Only http:// and https:// addresses can receive webhooks.' },
    { path: '/admin/webhooks', button: 'Add endpoint', values: { name: longer(101), url: 'https://hooks.example.com/' }, message: 'The name can be at most 100 characters.' },
    {
      path: '/admin/media',
      button: 'Upload image',
      values: { alt: longer(301), caption: hostile },
      files: { file: image },
      message: 'Alt text can be at most 300 characters: put the rest in the caption.',
    },
    { path: `/admin/articles/${item.articleId}`, button: 'Publish correction', values: { text: '<b>x</b>' }, message: 'Write the correction as a full sentence (at least 10 characters).' },
    { path: '/admin', button: 'Set breaking news', values: { text: longer(121) }, message: 'The banner text can be at most 120 characters.' },
    {
      path: '/admin',
      button: 'Set breaking news',
      values: { text: hostile, link: 'javascript:alert(1)' },
      message: `Link to a page of this site: a path such as /politics/story-slug, or an address on ${new URL(site.url).host}.`,
    },
  ];
  for (const { path, button, values, message, files } of cases) {
    const page = await client.get(path);
    const [first] = Object.keys(values);
    const form = findForm(page.html, first!);
    for (const [name, value] of Object.entries(values)) setField(form, name, value);
    const answer = await client.submit(page, form, button, files);
    const what = `${path} with ${JSON.stringify(values)}`;
    expect(answer.status, what).toBe(200);
    expect(fieldErrors(answer.html), what).toContain(message);
    expect(noticeText(answer.html, 'ok'), what).toBeNull();
    // The refused form keeps what was typed, escaped in the page: read back, it is the same text.
    const again = findForm(answer.html, first!);
    for (const [name, value] of Object.entries(values)) expect(again.fields.find((f) => f.name === name)?.value, `${what}: ${name}`).toBe(value);
  }
});

test('the breaking-news banner shows every payload as text on reader pages and the dashboard, and runs none of it', async ({ browser }) => {
  test.setTimeout(180_000);
  const client = new FormClient(site.url, 30_000);
  await client.signIn(e2eUsers.admin);
  const context = await browser.newContext({ baseURL: site.url });
  const findings = watchForPayloads(context, site.url);
  const problems: string[] = [];
  try {
    const page = await context.newPage();
    await signIn(page, e2eUsers.admin);
    for (const { text: p, label } of XSS_PAYLOADS) {
      const dashboard = await client.get('/admin');
      const form = findForm(dashboard.html, 'text');
      setField(form, 'text', p);
      setField(form, 'link', corpus[0]!.articlePath);
      const answer = await client.submit(dashboard, form, 'Set breaking news');
      if (noticeText(answer.html, 'ok') === null) {
        problems.push(`${label}: not set (${fieldErrors(answer.html).join('; ') || noticeText(answer.html, 'error')})`);
        continue;
      }
      const banner = [shown('breaking news', '.breaking__text', p), shown('breaking news link', `.breaking__text a[href="${corpus[0]!.articlePath}"]`, p)];
      // One reader page: every reader page renders the banner with the same component (components/site/BreakingNewsBanner.tsx).
      problems.push(...(await checkPage(page, '/', banner)));
      problems.push(...(await checkPage(page, '/admin', [shown('breaking news on the dashboard', '#breaking-now p', `“${p}”`, 'text', 'contains')])));
    }
  } finally {
    await context.close();
  }
  expect([...problems, ...findings]).toEqual([]);
});

test('the shared test site never saw the corpus', () => {
  // Its build folder holds its page cache: no page or cached read there may name a corpus address.
  const build = path.resolve(e2eSite.distDir);
  const leaks = ['server', 'cache/fetch-cache'].flatMap((folder) =>
    fs.existsSync(path.join(build, folder))
      ? fs.readdirSync(path.join(build, folder), { recursive: true, withFileTypes: true }).filter(
          (entry) => entry.isFile() && fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(CORPUS_SLUG),
        )
      : [],
  );
  expect(leaks.map((entry) => path.join(entry.parentPath, entry.name))).toEqual([]);
});
