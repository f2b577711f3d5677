import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/db/client';
import { listAudit } from '@/db/audit';
import { insertIntegration, revokeIntegration } from '@/db/integrations';
import { startLiveBlog } from '@/db/live-blogs';
import { getEditableArticle } from '@/db/newsroom';
import { listUsers } from '@/db/users';
import { articleRevisions } from '@/db/schema';
import { eq } from 'drizzle-orm';
import { addTestArticle, withTestDatabase } from '@/test/support/database';
import { integrationAccountEmail, newIntegrationKey } from '../auth/integration-keys';
import { forgetApiAnswers } from '../cache/api-memory';
import { cacheTags } from '../cache/tags';
import { getArticle as contentArticle } from './content';
import {
  addCorrection,
  adminCall,
  articleAction,
  articleIdOf,
  createArticle,
  getArticle,
  noInput,
  postLiveUpdate,
  readArticleCreate,
  readArticleUpdate,
  readCorrection,
  readImageUpload,
  readLiveUpdate,
  readSchedule,
  readVersion,
  scheduleArticle,
  trashArticle,
  updateArticle,
  uploadImage,
} from './admin';

// The routes in app/api/v1/admin/ are these one-liners (the end-to-end spec calls the real ones over HTTP).
type Params = { params: Promise<{ id: string }> };
const byId =
  <I>(read: (r: Request) => Promise<I>, act: (id: number, input: I, actor: Parameters<typeof createArticle>[1]) => ReturnType<typeof createArticle>, idempotent = false) =>
  async (request: Request, { params }: Params) => {
    const raw = await params;
    return adminCall(request, { read, idempotent }, (input, actor) => act(articleIdOf(raw), input, actor));
  };
const create = { POST: (request: Request) => adminCall(request, { read: readArticleCreate, idempotent: true }, createArticle) };
const one = { GET: byId(noInput, (id, _, actor) => getArticle(id, actor)), PATCH: byId(readArticleUpdate, updateArticle) };
const publish = { POST: byId(readVersion, articleAction('publish')) };
const submit = { POST: byId(readVersion, articleAction('submit')) };
const unpublish = { POST: byId(readVersion, articleAction('unpublish')) };
const schedule = { POST: byId(readSchedule, scheduleArticle) };
const trash = { POST: byId(readVersion, trashArticle) };
const corrections = { POST: byId(readCorrection, addCorrection, true) };
const liveUpdates = { POST: byId(readLiveUpdate, postLiveUpdate, true) };
const images = { POST: (request: Request) => adminCall(request, { read: readImageUpload, idempotent: true }, uploadImage) };

const tags = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({
  // Next's updateTag throws outside a server action: so does this one, as the Admin API must never call it.
  updateTag: () => {
    throw new Error('updateTag called from a route handler');
  },
  revalidateTag: (tag: string) => tags.push(tag),
}));
const current = vi.hoisted(() => ({ db: null as unknown }));
vi.mock('@/db/client', async (original) => ({ ...(await original<typeof import('@/db/client')>()), getDb: () => current.db }));

const database = withTestDatabase();
let db: Db;
let dataDir: string;
const keys = { writer: '', editor: '', revoked: '' };
let faults: ReturnType<typeof vi.spyOn>;

function makeKey(name: string, role: 'writer' | 'editor'): { key: string; id: number } {
  const made = newIntegrationKey();
  const id = insertIntegration({ name, role, keyHash: made.keyHash, keyPrefix: made.keyPrefix, accountEmail: integrationAccountEmail(name), createdBy: null, now: Date.now() }, db);
  return { key: made.key, id };
}

beforeEach(() => {
  db = database();
  current.db = db;
  tags.length = 0;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-api-'));
  vi.stubEnv('DATA_DIR', dataDir);
  vi.stubEnv('BASE_URL', 'http://localhost:3000');
  keys.writer = makeKey('Wire importer', 'writer').key;
  keys.editor = makeKey('Desk robot', 'editor').key;
  const revoked = makeKey('Old script', 'editor');
  revokeIntegration(revoked.id, Date.now(), db);
  keys.revoked = revoked.key;
  forgetApiAnswers(Array.from({ length: 100 }, (_, i) => cacheTags.article(i)));
  // Nothing a test sends may reach the catch-all's 500 (it logs with console.error).
  faults = vi.spyOn(console, 'error');
});
afterEach(() => {
  expect(faults).not.toHaveBeenCalled();
  faults.mockRestore();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const BASE = 'http://localhost:3000/api/v1/admin';
function call(method: string, pathname: string, { key, body, headers = {} }: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Request {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Request(`${BASE}${pathname}`, {
    method,
    body: text,
    headers: { ...(key ? { Authorization: `Bearer ${key}` } : {}), ...(text !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers },
  });
}
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
type Json = Record<string, unknown> & { errors?: { field: string; message: string }[] };
const read = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as Json });

const draft = { headline: 'Filed through the API', section: 'politics', summary: 'A summary.', body: 'Body **text**.', authors: ['reporter'], tags: ['Budget'] };
const createDraft = async (key = keys.editor, body: unknown = draft, headers: Record<string, string> = {}) => read(await create.POST(call('POST', '/articles', { key, body, headers })));

describe('keys', () => {
  it('refuses a missing, malformed, wrong or revoked key with 401 problem+json, and creates nothing', async () => {
    const cases: Record<string, string | undefined> = {
      none: undefined,
      malformed: 'not-a-key',
      wrong: `crbc_${'A'.repeat(43)}`,
      revoked: keys.revoked,
    };
    for (const [name, key] of Object.entries(cases)) {
      const response = await create.POST(call('POST', '/articles', { key, body: draft }));
      expect(response.status, name).toBe(401);
      expect(response.headers.get('content-type'), name).toBe('application/problem+json');
      expect(response.headers.get('www-authenticate'), name).toContain('Bearer');
      expect((await one.GET(call('GET', '/articles/1', { key }), params(1))).status, name).toBe(401);
    }
    expect(getEditableArticle(1, db)).toBeNull();
  });

  it('gives each integration its own account, never listed with the people and unable to sign in', () => {
    const people = listUsers(db).map((u) => u.email);
    expect(people.some((email) => email.endsWith('@integration.invalid'))).toBe(false);
  });
});

describe('articles', () => {
  it('a writer files a draft and submits it; it may not publish; each step is a revision and an audit line under its name', async () => {
    const created = await createDraft(keys.writer);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', headline: 'Filed through the API', section: 'politics', tags: ['Budget'], authors: ['reporter'], url: null });
    const id = Number(created.body.id);
    const refused = await read(await publish.POST(call('POST', `/articles/${id}/publish`, { key: keys.writer, body: { version: created.body.version } }), params(id)));
    expect(refused.status).toBe(403);
    expect(refused.type).toBe('application/problem+json');
    expect(refused.body.detail).toBe('Your role does not allow that. Submit the article for review instead.');
    const submitted = await read(await submit.POST(call('POST', `/articles/${id}/submit`, { key: keys.writer, body: { version: created.body.version } }), params(id)));
    expect(submitted.body).toMatchObject({ status: 'review' });
    const audit = listAudit({ limit: 10 }, db).filter((e) => e.entityId === id);
    expect(audit.map((e) => e.action)).toEqual(['submit', 'created']);
    expect(audit.every((e) => e.userEmail?.startsWith('wire-importer.'))).toBe(true);
    expect(db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).all()).toHaveLength(2);
    // Another integration's draft is not the writer's to see.
    const other = await createDraft(keys.editor);
    expect((await one.GET(call('GET', `/articles/${other.body.id}`, { key: keys.writer }), params(Number(other.body.id)))).status).toBe(404);
  });

  it('an editor publishes, and the Content API and reader pages are invalidated at once', async () => {
    const created = await createDraft();
    const id = Number(created.body.id);
    expect(contentArticle(id, new URL('http://localhost:3000/api/v1/content/articles/1')).status).toBe(404);
    const published = await read(await publish.POST(call('POST', `/articles/${id}/publish`, { key: keys.editor, body: { version: created.body.version } }), params(id)));
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', url: expect.stringMatching(/^http:\/\/localhost:3000\/politics\/filed-through-the-api$/) });
    expect(tags).toEqual(expect.arrayContaining([`article:${id}`, 'home', 'section:politics', 'feeds-and-sitemaps']));
    expect(contentArticle(id, new URL('http://localhost:3000/api/v1/content/articles/1')).status).toBe(200);
    const unpublished = await read(await unpublish.POST(call('POST', `/articles/${id}/unpublish`, { key: keys.editor, body: { version: published.body.version } }), params(id)));
    expect(unpublished.body).toMatchObject({ status: 'draft', url: null });
    const scheduled = await read(
      await schedule.POST(call('POST', `/articles/${id}/schedule`, { key: keys.editor, body: { version: unpublished.body.version, publishAt: new Date(Date.now() + 86_400_000).toISOString() } }), params(id)),
    );
    expect(scheduled.body).toMatchObject({ status: 'scheduled' });
    const past = await read(await schedule.POST(call('POST', `/articles/${id}/schedule`, { key: keys.editor, body: { version: scheduled.body.version, publishAt: '2001-01-01T00:00:00Z' } }), params(id)));
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ field: 'publishAt', message: 'Choose a date and time in the future.' }]);
    const trashed = await read(await trash.POST(call('POST', `/articles/${id}/trash`, { key: keys.editor, body: { version: scheduled.body.version } }), params(id)));
    expect(trashed.body).toMatchObject({ inTrash: true });
  });

  it('a stale version is refused with 409, naming what changed and the version to send', async () => {
    const created = await createDraft();
    const id = Number(created.body.id);
    const first = await read(await one.PATCH(call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: created.body.version, headline: 'The first edit wins here' } }), params(id)));
    expect(first.status).toBe(200);
    const stale = await read(await one.PATCH(call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: created.body.version, summary: 'A late edit.' } }), params(id)));
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(first.body.version);
    expect(stale.body.changed).toEqual([{ field: 'headline', theirs: 'The first edit wins here' }]);
    expect(getEditableArticle(id, db)?.summary).toBe('A summary.');
  });

  it('takes every field, and answers the newsroom’s own messages field by field', async () => {
    const image = addTestArticle(db);
    const full = {
      headline: 'Every field through the API',
      slug: 'every-field',
      type: 'analysis',
      section: 'world',
      summary: 'Summary.',
      body: 'Body.',
      keyPointsTitle: 'In short',
      keyPoints: [{ label: 'One', text: 'The first.' }],
      whyItMatters: 'Because.',
      contextNote: 'Context.',
      seoTitle: 'Search title',
      seoDescription: 'Search description',
      tags: ['Alpha', 'Beta'],
      authors: ['reporter'],
      imageId: null,
      related: [getEditableArticle(image, db)!.slug],
    };
    const created = await createDraft(keys.editor, full);
    expect(created.status).toBe(201);
    const { id: _id, version: _v, status: _s, inTrash: _t, url: _u, publishedAt: _p, updatedAt: _up, corrections: _c, ...fields } = created.body;
    expect(fields).toEqual(full);
    const refused = await createDraft(keys.editor, { headline: 'Hi', section: 'nowhere', authors: ['nobody'], related: ['no-such-story'] });
    expect(refused.status).toBe(422);
    expect(Object.fromEntries(refused.body.errors!.map((e) => [e.field, e.message]))).toEqual({
      headline: 'Write a headline of at least 5 characters.',
      section: 'Choose a section.',
      authors: 'Choose authors from the list.',
      related: 'No article has the address “no-such-story”.',
    });
  });

  it('corrections and live updates go through the newsroom’s use cases', async () => {
    const id = addTestArticle(db);
    const corrected = await read(await corrections.POST(call('POST', `/articles/${id}/corrections`, { key: keys.editor, body: { text: 'An earlier version misspelt a name.' } }), params(id)));
    expect(corrected.status).toBe(201);
    expect((corrected.body.corrections as unknown[]).length).toBe(1);
    const tooShort = await read(await corrections.POST(call('POST', `/articles/${id}/corrections`, { key: keys.editor, body: { text: 'Short.' } }), params(id)));
    expect(tooShort.status).toBe(422);
    expect(tooShort.body.errors).toEqual([{ field: 'text', message: 'Write the correction as a full sentence (at least 10 characters).' }]);
    const notLive = await read(await liveUpdates.POST(call('POST', `/articles/${id}/live-updates`, { key: keys.editor, body: { body: 'Update.' } }), params(id)));
    expect(notLive.status).toBe(409);
    startLiveBlog(id, 1, db);
    const posted = await read(await liveUpdates.POST(call('POST', `/articles/${id}/live-updates`, { key: keys.editor, body: { title: 'Now', body: 'It happened.', keyEvent: true } }), params(id)));
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ articleId: id, status: 'posted' });
    expect(tags).toContain(`article:${id}`);
  });
});

describe('idempotency', () => {
  it('a retried create with the same Idempotency-Key returns the first answer and files one article', async () => {
    const headers = { 'Idempotency-Key': 'retry-1' };
    const first = await createDraft(keys.editor, draft, headers);
    const again = await create.POST(call('POST', '/articles', { key: keys.editor, body: draft, headers }));
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(first.body);
    expect(getEditableArticle(Number(first.body.id) + 1, db)).toBeNull();
    const other = await createDraft(keys.editor, { ...draft, headline: 'Another story entirely' }, headers);
    expect(other.status).toBe(422);
    // The same key of another integration is its own.
    expect((await createDraft(keys.writer, { ...draft, headline: 'The writer’s own story' }, headers)).status).toBe(201);
  });
});

describe('bad input', () => {
  it('gets a problem+json 4xx, with the field named, and changes nothing', async () => {
    const created = await createDraft();
    const id = Number(created.body.id);
    const before = getEditableArticle(id, db);
    const cases: [string, Request, number, string?][] = [
      ['unknown field', call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: 1, colour: 'red' } }), 422, 'colour'],
      ['wrong type', call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: 1, headline: 42 } }), 422, 'headline'],
      ['missing version', call('PATCH', `/articles/${id}`, { key: keys.editor, body: { headline: 'No version given here' } }), 422, 'version'],
      ['nested unknown field', call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: 1, keyPoints: [{ label: 'a', text: 'b', extra: 1 }] } }), 422, 'keyPoints.0.extra'],
      ['array, not object', call('PATCH', `/articles/${id}`, { key: keys.editor, body: [1, 2] }), 422, '(body)'],
      ['malformed JSON', call('PATCH', `/articles/${id}`, { key: keys.editor, body: '{"version": 1,' }), 400],
      ['not JSON', call('PATCH', `/articles/${id}`, { key: keys.editor, body: 'version=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415],
      ['huge body', call('PATCH', `/articles/${id}`, { key: keys.editor, body: { version: 1, body: 'x'.repeat(1_100_000) } }), 413],
      ['bad id', call('PATCH', '/articles/abc', { key: keys.editor, body: { version: 1 } }), 404],
      ['NaN version', call('POST', `/articles/${id}/publish`, { key: keys.editor, body: '{"version": NaN}' }), 400],
      ['bad idempotency key', call('POST', '/articles', { key: keys.editor, body: draft, headers: { 'Idempotency-Key': 'é'.repeat(3) } }), 400, 'Idempotency-Key'],
    ];
    for (const [label, request, status, field] of cases) {
      const handler = request.url.endsWith('/publish') ? publish.POST : request.url.endsWith('/articles') ? create.POST : one.PATCH;
      const response = await read(await handler(request, params(request.url.split('/')[6] ?? id)));
      expect(response.status, label).toBe(status);
      expect(response.type, label).toBe('application/problem+json');
      if (field) expect(response.body.errors?.map((e) => e.field), label).toContain(field);
    }
    expect(getEditableArticle(id, db)).toEqual(before);
  });
});

describe('images', () => {
  const upload = async (key: string, parts: Record<string, string | Blob>) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(parts)) form.append(name, value);
    return read(await images.POST(new Request(`${BASE}/images`, { method: 'POST', body: form, headers: { Authorization: `Bearer ${key}` } })));
  };

  it('uploads with the media library’s checks: alt text required, images only', async () => {
    const png = await sharp({ create: { width: 640, height: 400, channels: 3, background: '#336699' } }).png().toBuffer();
    const stored = await upload(keys.writer, { file: new Blob([new Uint8Array(png)]), alt: 'A blue field', caption: 'Caption', credit: 'Credit' });
    expect(stored.status).toBe(201);
    expect(stored.body).toMatchObject({ alt: 'A blue field', width: 640, height: 400, url: expect.stringMatching(/^http:\/\/localhost:3000\/media\/.+\.webp$/) });
    const refused = await upload(keys.writer, { file: new Blob(['not an image']), alt: '' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.field).sort()).toEqual(['alt', 'file']);
    const unknown = await upload(keys.writer, { file: new Blob([new Uint8Array(png)]), alt: 'x', owner: 'me' });
    expect(unknown.status).toBe(422);
  });
});
