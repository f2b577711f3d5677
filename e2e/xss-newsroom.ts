import sharp from 'sharp';
import { openDatabase, type Db } from '@/db/client';
import { getAuthor } from '@/db/authors';
import { listMedia } from '@/db/media';
import { getSection } from '@/db/sections';
import { getTag } from '@/db/tags';
import { startLiveBlog } from '@/db/live-blogs';
import { listWebhookEndpoints } from '@/db/webhooks';
import { fieldErrors, findForm, FormClient, noticeText, setField, type Page, type ParsedForm } from '../test/support/form-client';
import type { XssPayload } from './xss-payloads';
import { quoteAttribute } from '@/lib/story-blocks/attributes';

/**
 * Types the hostile corpus into a site through the newsroom's own forms, posted over HTTP as a browser
 * without JavaScript does (test/support/form-client.ts): each payload becomes an image's alt text, caption
 * and credit, an author's name, job title and biography (with that image as photo), a section's name and
 * description, a published article with the payload in every text field (in that section, by that author,
 * under that image), the name of the article's tag, a correction to it, and (the article made a live blog)
 * a live update with the payload as its title and body; and a webhook endpoint's name, and its URL's path.
 */

/** In every address of the corpus (and nowhere else): how a page or file shows it holds the corpus. */
export const CORPUS_SLUG = 'xss-corpus';

/**
 * An article body with the payload as its text and in every attribute of every story block
 * (lib/story-blocks): readers must get each as text, in the figure, facade, quote, box or table it labels.
 */
export function storyBlocksBody(text: string, mediaId: number): string {
  const q = quoteAttribute(text);
  // The text last: raw HTML such as an unclosed <iframe> drops everything after it (lib/markdown.ts's sanitiser).
  return [
    `::image{id=${mediaId} alt=${q} caption=${q} credit=${q}}`,
    `::embed{url="https://www.youtube.com/watch?v=dQw4w9WgXcQ" title=${q}}`,
    `:::pullquote{cite=${q}}\nQuoted words.\n:::`,
    `:::factbox{title=${q}}\nBoxed words.\n:::`,
    `:::table{caption=${q}}\n| Region | Votes |\n|---|---:|\n| North | 1 |\n:::`,
    text,
  ].join('\n\n');
}

export interface CorpusItem {
  payload: XssPayload;
  sectionSlug: string;
  tagSlug: string;
  authorSlug: string;
  articleSlug: string;
  articlePath: string;
  articleId: number;
  mediaId: number;
  authorId: number;
  sectionId: number;
  tagId: number;
  /** The webhook endpoint named with the payload, whose URL carries it too. */
  webhookId: number;
}

type Planned = Pick<CorpusItem, 'payload' | 'sectionSlug' | 'tagSlug' | 'authorSlug' | 'articleSlug'>;

/** The URL of the corpus's webhook endpoint for a payload: the payload as typed, in a public address's path. */
export const corpusWebhookUrl = (payload: XssPayload) => `https://hooks.example.com/${CORPUS_SLUG}/${payload.text}`;

const TIMEOUT_MS = 60_000;
/** Saves in flight at once: enough to keep the server busy, few enough for a 2-core machine. */
const CONCURRENCY = 3;
// The author form offers the 50 newest images as photos: each image is chosen before 50 more arrive.
const AUTHOR_BATCH = 25;

/** Calls `task` for every item, at most `limit` at a time; resolves to the answers in item order. */
async function inTurn<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const answers: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) answers[i] = await task(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return answers;
}

/** Why an answer is not an accepted save, or null when it is (status 200, a success notice, no error). */
function refusalOf(answer: Page): string | null {
  if (answer.status !== 200) return `answered ${answer.status}`;
  const error = noticeText(answer.html, 'error');
  if (error !== null) return [error, ...fieldErrors(answer.html)].join(' ');
  return noticeText(answer.html, 'ok') === null ? 'no success notice' : null;
}

/**
 * Opens `path` once and submits its form (the one with a `formField` field) for each item with the
 * values `valuesOf` gives, through the button `button`; throws on any refusal. The answers, in item order.
 */
async function submitEach<T>(
  client: FormClient,
  path: string,
  formField: string,
  button: string,
  items: readonly T[],
  valuesOf: (item: T) => Record<string, string>,
  files: Record<string, File> = {},
): Promise<Page[]> {
  const page = await client.get(path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const form = findForm(page.html, formField);
  return inTurn(items, CONCURRENCY, async (item) => {
    const filled: ParsedForm = { ...form, fields: form.fields.map((field) => ({ ...field })) };
    const values = valuesOf(item);
    for (const [name, value] of Object.entries(values)) setField(filled, name, value);
    const answer = await client.submit(page, filled, button, files);
    const refusal = refusalOf(answer);
    if (refusal) throw new Error(`${path} refused ${JSON.stringify(values)}: ${refusal}`);
    return answer;
  });
}

function idOf<R extends { id: number }>(found: R | null, what: string): number {
  if (!found) throw new Error(`${what} was not saved`);
  return found.id;
}

async function addImagesAndAuthors(client: FormClient, db: Db, batch: readonly Planned[], image: File): Promise<Map<string, number>> {
  await submitEach(client, '/admin/media', 'alt', 'Upload image', batch, ({ payload }) => ({ alt: payload.text, caption: payload.text, credit: payload.text }), {
    file: image,
  });
  const library = listMedia({ page: 1, pageSize: AUTHOR_BATCH * 2 }, db).items;
  const mediaIds = new Map(batch.map(({ payload }) => [payload.text, idOf(library.find((m) => m.alt === payload.text) ?? null, `the image "${payload.label}"`)]));
  await submitEach(client, '/admin/authors', 'bio', 'Add author', batch, ({ payload, authorSlug }) => ({
    name: payload.text,
    slug: authorSlug,
    title: payload.text,
    bio: payload.text,
    photoMediaId: String(mediaIds.get(payload.text)),
  }));
  return mediaIds;
}

/** Writes the corpus through the newsroom of the site at `baseUrl` (whose database is `databaseFile`), signed in as `account`. */
export async function writeCorpus(
  baseUrl: string,
  databaseFile: string,
  account: { email: string; password: string },
  payloads: readonly XssPayload[],
): Promise<CorpusItem[]> {
  const client = new FormClient(baseUrl, TIMEOUT_MS);
  await client.signIn(account);
  const planned: Planned[] = payloads.map((payload, i) => {
    const n = String(i + 1).padStart(2, '0');
    return {
      payload,
      sectionSlug: `${CORPUS_SLUG}-${n}`,
      tagSlug: `${CORPUS_SLUG}-tag-${n}`,
      authorSlug: `${CORPUS_SLUG}-author-${n}`,
      articleSlug: `${CORPUS_SLUG}-story-${n}`,
    };
  });
  const image = new File(
    [new Uint8Array(await sharp({ create: { width: 320, height: 180, channels: 3, background: '#7a2e2e' } }).png().toBuffer())],
    'hostile.png',
    { type: 'image/png' },
  );
  const db = openDatabase(databaseFile);
  try {
    const mediaIds = new Map<string, number>();
    for (let start = 0; start < planned.length; start += AUTHOR_BATCH) {
      for (const [text, id] of await addImagesAndAuthors(client, db, planned.slice(start, start + AUTHOR_BATCH), image)) mediaIds.set(text, id);
    }
    await submitEach(client, '/admin/sections', 'description', 'Create section', planned, ({ payload, sectionSlug }) => ({
      name: payload.text,
      slug: sectionSlug,
      // After the site's own sections in the navigation.
      position: '100',
      description: payload.text,
    }));
    const placed = planned.map((item) => ({
      ...item,
      mediaId: mediaIds.get(item.payload.text)!,
      authorId: idOf(getAuthor(item.authorSlug, db), `the author "${item.payload.label}"`),
      sectionId: idOf(getSection(item.sectionSlug, db), `the section "${item.payload.label}"`),
    }));

    const published = await submitEach(client, '/admin/articles/new', 'headline', 'Publish', placed, (item) => {
      const text = item.payload.text;
      return {
        headline: text,
        slug: item.articleSlug,
        sectionId: String(item.sectionId),
        summary: text,
        body: storyBlocksBody(text, item.mediaId),
        keyPointsTitle: text,
        'keyPoints.0.label': text,
        'keyPoints.0.text': text,
        whyItMatters: text,
        contextNote: text,
        // A placeholder the tag form renames below: the editor splits tags at commas.
        tags: item.tagSlug,
        authorIds: String(item.authorId),
        seoTitle: text,
        seoDescription: text,
        heroMediaId: String(item.mediaId),
      };
    });
    const items: CorpusItem[] = placed.map((item, i) => ({
      ...item,
      articlePath: `/${item.sectionSlug}/${item.articleSlug}`,
      articleId: Number(/\/admin\/articles\/(\d+)/.exec(published[i]!.url)?.[1]),
      tagId: idOf(getTag(item.tagSlug, db), `the tag of "${item.payload.label}"`),
      webhookId: 0,
    }));

    await submitEach(client, `/admin/tags/${items[0]!.tagId}`, 'slug', 'Save tag', items, ({ tagId, payload, tagSlug }) => ({
      id: String(tagId),
      name: payload.text,
      slug: tagSlug,
    }));
    await submitEach(client, `/admin/articles/${items[0]!.articleId}`, 'text', 'Publish correction', items, ({ articleId, payload }) => ({
      articleId: String(articleId),
      text: payload.text,
    }));
    // Each article becomes a live blog (as "Make this a live blog" does) and gets a hostile update from the composer.
    for (const item of items) startLiveBlog(item.articleId, Date.now(), db);
    await submitEach(client, `/admin/articles/${items[0]!.articleId}/live`, 'body', 'Post', items, ({ articleId, payload }) => ({
      articleId: String(articleId),
      title: payload.text,
      body: payload.text,
    }));
    // Last, so that no change after them queues deliveries: each payload names a webhook endpoint (admins only) and is in its URL's path.
    await submitEach(client, '/admin/webhooks', 'url', 'Add endpoint', items, ({ payload }) => ({ name: payload.text, url: corpusWebhookUrl(payload) }));
    const webhooks = listWebhookEndpoints(db);
    return items.map((item) => ({ ...item, webhookId: idOf(webhooks.find((w) => w.name === item.payload.text) ?? null, `the webhook "${item.payload.label}"`) }));
  } finally {
    db.$client.close();
  }
}
