import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { authorIdBySlug } from '@/db/content-api';
import { getMedia } from '@/db/media';
import { getEditableArticle, listSectionChoices, type EditableArticle } from '@/db/newsroom';
import { findIdempotentAnswer, storeIdempotentAnswer } from '@/db/integrations';
import { articleText, type ArticleFormValues } from '@/db/articles/model';
import { getSavedSnapshot } from '@/db/articles/revisions';
import { slugsOfArticles } from '@/db/articles/pending-changes';
import { integrationForKey, bearerKey, type IntegrationActor } from '../auth/integration-keys';
import { canEditArticle } from '../auth/roles';
import { inRouteHandler } from '../cache/invalidate';
import { mediaUploadLimits, siteConfig } from '../config';
import { toZonedLocalInput } from '../dates';
import { articlePath, mediaUrl } from '../paths';
import type { Intent } from '../newsroom/article-workflow';
import { emptyArticleForm } from '../newsroom/forms/article-form';
import { editorFormFrom, editorFormFromSnapshot, type EditorState } from '../newsroom/forms/editor-state';
import { correctArticle, trashArticleById } from '../newsroom/use-cases/article-lifecycle';
import { saveLiveUpdate } from '../newsroom/use-cases/live-blogs';
import { storeImage } from '../newsroom/use-cases/media';
import { saveArticleForm } from '../newsroom/use-cases/save-article';
import { ArticleCreateSchema, ArticleIdParamsSchema, ArticleUpdateSchema, IDEMPOTENCY_KEY, LiveUpdateInputSchema, ScheduleSchema, VersionSchema, CorrectionInputSchema } from './admin-schemas';
import { parseParams, readBounded, readJsonBody } from './input';
import { answerProblems } from './route';
import { problem, type FieldError } from './problem';

/**
 * The Admin API: the newsroom's own use cases (lib/newsroom/use-cases/) called by an integration instead of
 * a person. The integration acts as its own newsroom account with its role, so the use case decides who may
 * do what, validates with the newsroom's messages, writes the revision and the audit line (under the
 * integration's name) in one transaction and invalidates the reader pages and Content API answers. This file
 * only translates: JSON in, the use case's answer out as JSON or problem+json.
 */

export interface AdminReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const IDEMPOTENCY_MS = 24 * 3_600_000;
/** Idempotency keys whose first request is being answered now (integration id and key). */
const inFlight = new Set<string>();

/** The integration calling, or a 401 (the same answer for a missing, malformed, wrong or revoked key). */
export function authenticate(request: Request): IntegrationActor {
  const header = request.headers.get('authorization');
  const actor = integrationForKey(bearerKey(header));
  if (actor) return actor;
  throw problem(
    401,
    header ? 'This key is not valid: it is wrong, or it was revoked.' : 'Send an integration key: `Authorization: Bearer <key>` (an admin makes one at /admin/integrations).',
    {},
    { 'WWW-Authenticate': 'Bearer realm="admin-api"' },
  );
}

const json = (reply: AdminReply) =>
  new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers } });

/**
 * One Admin API call: authenticate, read the input, run `act` (in a route handler's invalidation scope), answer.
 * A creating call honours `Idempotency-Key`: the first successful answer is kept 24 hours, and the same request
 * with the same key gets it again (with `Idempotent-Replayed: true`) instead of doing the work twice.
 */
export function adminCall<Input>(
  request: Request,
  { read, idempotent = false }: { read: (request: Request) => Promise<Input>; idempotent?: boolean },
  act: (input: Input, actor: IntegrationActor) => AdminReply | Promise<AdminReply>,
): Promise<Response> {
  return answerProblems(request, async () => {
    const actor = authenticate(request);
    const key = idempotent ? request.headers.get('idempotency-key') : null;
    if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
      throw problem(400, 'An Idempotency-Key is 1 to 200 visible ASCII characters.', { errors: [{ field: 'Idempotency-Key', message: 'Use a UUID, for example.' }] });
    }
    const input = await read(request);
    if (key === null) return json(await inRouteHandler(() => act(input, actor)));
    const now = Date.now();
    const fingerprint = createHash('sha256').update(`${request.method} ${new URL(request.url).pathname} ${JSON.stringify(input, (name, value: unknown) => (name === 'file' ? undefined : value))}`).digest('hex');
    const stored = findIdempotentAnswer(actor.integrationId, key, now - IDEMPOTENCY_MS);
    if (stored) {
      if (stored.fingerprint !== fingerprint) throw problem(422, 'This Idempotency-Key was used for a different request in the last 24 hours. Use a new key for a new request.');
      return new Response(stored.body, { status: stored.status, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Idempotent-Replayed': 'true' } });
    }
    // A retry sent while the first is still being answered (an image being decoded) waits for nothing: it is refused.
    const slot = `${actor.integrationId} ${key}`;
    if (inFlight.has(slot)) throw problem(409, 'A request with this Idempotency-Key is still being answered: retry in a moment.', {}, { 'Retry-After': '1' });
    inFlight.add(slot);
    try {
      const reply = await inRouteHandler(() => act(input, actor));
      if (reply.status < 300) storeIdempotentAnswer(actor.integrationId, key, { fingerprint, status: reply.status, body: JSON.stringify(reply.body) }, now, now - IDEMPOTENCY_MS);
      return json(reply);
    } finally {
      inFlight.delete(slot);
    }
  });
}

// ---- Articles ----

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function adminArticleJson(article: EditableArticle) {
  const readable = article.status === 'published' && article.deletedAt === null;
  return {
    id: article.id,
    version: article.version,
    status: article.status,
    inTrash: article.deletedAt !== null,
    url: readable ? `${siteConfig().baseUrl}${articlePath({ slug: article.slug, section: article.sectionSlug })}` : null,
    publishedAt: iso(article.publishedAt),
    updatedAt: new Date(article.updatedAt).toISOString(),
    ...articleText(article),
    keyPoints: article.keyPoints,
    slug: article.slug,
    type: article.type,
    section: article.sectionSlug,
    tags: article.tagNames,
    authors: article.authorSlugs,
    imageId: article.heroMediaId,
    related: article.relatedSlugs,
    corrections: article.corrections.map((c) => ({ id: c.id, text: c.text, publishedAt: new Date(c.publishedAt).toISOString() })),
  };
}

/** The form field a newsroom message is about, by its API name. */
const API_FIELD: Partial<Record<keyof ArticleFormValues, string>> = { sectionId: 'section', authorIds: 'authors', heroMediaId: 'imageId', publishAt: 'publishAt' };

type ArticleInput = Partial<z.output<typeof ArticleUpdateSchema>>;

/** The newsroom form's values with the API's input laid over them (refs by slug become the form's ids). */
function formValuesWith(base: ArticleFormValues, input: ArticleInput): ArticleFormValues {
  const values: ArticleFormValues = { ...base };
  const { version: _version, section, tags, authors, imageId, related, keyPoints, ...texts } = input;
  Object.assign(values, texts);
  if (keyPoints !== undefined) values.keyPoints = keyPoints;
  if (section !== undefined) values.sectionId = String(listSectionChoices().find((s) => s.slug === section)?.id ?? '');
  if (tags !== undefined) values.tags = tags.join(', ');
  // An unknown slug becomes an id no author has: the newsroom's own check names the field.
  if (authors !== undefined) values.authorIds = authors.map((slug) => String(authorIdBySlug(slug) ?? 0));
  if (imageId !== undefined) values.heroMediaId = imageId === null ? '' : String(imageId);
  if (related !== undefined) values.related = related.join('\n');
  return values;
}

const editorState = (article: EditableArticle | null): EditorState => ({
  articleId: article?.id ?? null,
  version: article?.version ?? 0,
  status: article?.status ?? 'draft',
  values: article ? editorFormFrom(article) : emptyArticleForm(),
  errors: {},
  message: null,
  conflict: null,
  formKey: 0,
});

/** A refused save as problem+json: 409 for a stale version (with what changed), 422 for fields, 403 for the role. */
function refusal(state: EditorState): never {
  const detail = state.message?.text ?? 'The newsroom refused this.';
  if (state.conflict) {
    throw problem(409, 'Someone saved this article after the version you sent. Read it again (its `currentVersion` and the fields in `changed`), then send your change with that version.', {
      currentVersion: state.version,
      changed: state.conflict.map((c) => ({ field: API_FIELD[c.field as keyof ArticleFormValues] ?? c.field, theirs: c.theirsText })),
    });
  }
  const errors: FieldError[] = Object.entries(state.errors).map(([field, message]) => ({ field: API_FIELD[field as keyof ArticleFormValues] ?? field, message: String(message) }));
  if (errors.length > 0) throw problem(422, detail, { errors });
  if (/no longer exists/.test(detail)) throw problem(404, detail);
  throw problem(403, detail);
}

/** The article the integration may see (any, for an editor; its own drafts, for a writer), or a 404. */
function articleFor(id: number, actor: IntegrationActor): EditableArticle {
  const article = getEditableArticle(id);
  if (!article || !canEditArticle(actor, article.createdBy)) throw problem(404, 'No article with this id is yours to see.');
  return article;
}

const articleReply = (id: number, status = 200): AdminReply => {
  const article = getEditableArticle(id);
  if (!article) throw problem(404, 'This article no longer exists.');
  return { status, body: adminArticleJson(article) };
};

export const readArticleCreate = (request: Request) => readJsonBody(request, ArticleCreateSchema);
export const readArticleUpdate = (request: Request) => readJsonBody(request, ArticleUpdateSchema);
export const readVersion = (request: Request) => readJsonBody(request, VersionSchema);
export const readSchedule = (request: Request) => readJsonBody(request, ScheduleSchema);
export const readCorrection = (request: Request) => readJsonBody(request, CorrectionInputSchema);
export const readLiveUpdate = (request: Request) => readJsonBody(request, LiveUpdateInputSchema);

/** POST /articles: a new draft. */
export function createArticle(input: z.output<typeof ArticleCreateSchema>, actor: IntegrationActor): AdminReply {
  const result = saveArticleForm(editorState(null), { values: formValuesWith(emptyArticleForm(), input), intent: 'save', articleId: null, version: 0 }, actor);
  if (!('redirect' in result)) refusal(result);
  const id = Number(/^\/admin\/articles\/(\d+)/.exec(result.redirect)?.[1]);
  if (!Number.isSafeInteger(id)) throw new Error(`Unexpected answer of saveArticleForm: ${result.redirect}`);
  return { ...articleReply(id, 201), headers: { Location: `${siteConfig().baseUrl}/api/v1/admin/articles/${id}` } };
}

/** GET /articles/{id}. */
export const getArticle = (id: number, actor: IntegrationActor): AdminReply => ({ status: 200, body: adminArticleJson(articleFor(id, actor)) });

/** Runs the editor's button `intent` on the article as stored with `input` laid over it. */
function saveWith(id: number, actor: IntegrationActor, intent: Intent, version: number, input: ArticleInput, publishAt?: string): AdminReply {
  const before = articleFor(id, actor);
  // The fields not sent are as the caller last read them (the version it names): a save from a stale
  // version is refused, and the newsroom's comparison then names what others changed since.
  const seen = version === before.version ? null : getSavedSnapshot(id, version);
  const base = seen ? { ...editorFormFromSnapshot(seen, slugsOfArticles(seen.relatedIds ?? [])), publishAt: editorFormFrom(before).publishAt } : editorFormFrom(before);
  const values = formValuesWith(base, input);
  if (publishAt !== undefined) values.publishAt = toZonedLocalInput(Date.parse(publishAt), siteConfig().timeZone);
  const result = saveArticleForm(editorState(before), { values, intent, articleId: id, version }, actor);
  if ('redirect' in result || result.message?.kind !== 'ok') return refusal('redirect' in result ? { ...editorState(before), message: { kind: 'error', text: 'The newsroom refused this.' } } : result);
  return articleReply(id);
}

/** PATCH /articles/{id}: change fields (a live article is updated live). */
export const updateArticle = (id: number, input: z.output<typeof ArticleUpdateSchema>, actor: IntegrationActor) => saveWith(id, actor, 'save', input.version, input);

/** POST /articles/{id}/submit | publish | unpublish. */
export const articleAction = (intent: 'submit' | 'publish' | 'unpublish') => (id: number, input: z.output<typeof VersionSchema>, actor: IntegrationActor) =>
  saveWith(id, actor, intent, input.version, {});

/** POST /articles/{id}/schedule. */
export const scheduleArticle = (id: number, input: z.output<typeof ScheduleSchema>, actor: IntegrationActor) => saveWith(id, actor, 'schedule', input.version, {}, input.publishAt);

/** POST /articles/{id}/trash. */
export function trashArticle(id: number, input: z.output<typeof VersionSchema>, actor: IntegrationActor): AdminReply {
  const before = articleFor(id, actor);
  if (before.version !== input.version) throw problem(409, 'Someone saved this article after the version you sent. Read it again, then decide.', { currentVersion: before.version, changed: [] });
  if (before.deletedAt !== null) return articleReply(id);
  const next = trashArticleById(id, actor);
  if (next === '/admin?denied=1') throw problem(403, 'Your role does not allow moving articles to the trash.');
  return articleReply(id);
}

/** POST /articles/{id}/corrections. */
export function addCorrection(id: number, input: z.output<typeof CorrectionInputSchema>, actor: IntegrationActor): AdminReply {
  articleFor(id, actor);
  const result = correctArticle(id, input.text, actor);
  if (!result.added) {
    const message = result.error ?? 'The correction was not added.';
    throw /role/i.test(message) ? problem(403, message) : problem(422, message, { errors: [{ field: 'text', message }] });
  }
  return articleReply(id, 201);
}

/** POST /articles/{id}/live-updates: posts an update to a live blog. */
export function postLiveUpdate(id: number, input: z.output<typeof LiveUpdateInputSchema>, actor: IntegrationActor): AdminReply {
  articleFor(id, actor);
  const result = saveLiveUpdate({ formKey: 0 }, { articleId: id, updateId: null, intent: 'post', values: { title: input.title ?? '', body: input.body, keyEvent: input.keyEvent ?? false } }, actor);
  const { form, ...fields } = result.errors;
  const errors = Object.entries(fields).map(([field, message]) => ({ field, message: String(message) }));
  if (errors.length > 0) throw problem(422, 'Some fields need attention: see `errors`.', { errors });
  if (form) throw /role/i.test(form) ? problem(403, form) : problem(409, form);
  const posted = result.updates?.[0];
  if (!posted) throw new Error('A posted live update is missing from the composer list');
  return { status: 201, body: { id: posted.id, articleId: id, status: posted.status } };
}

// ---- Images ----

export interface ImageInput {
  text: Record<string, string>;
  file: Buffer | null;
  /** For the idempotency fingerprint: the file's hash, not its bytes. */
  fileHash: string | null;
}

const IMAGE_FIELDS = ['alt', 'caption', 'credit'] as const;

/** A multipart/form-data upload: `file`, and `alt`, `caption`, `credit`; anything else is refused. */
export async function readImageUpload(request: Request): Promise<ImageInput> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) throw problem(415, 'Send the image as multipart/form-data: `file`, with `alt`, `caption` and `credit`.');
  const bytes = await readBounded(request, mediaUploadLimits().maxBytes + 64 * 1024);
  let form: FormData;
  try {
    form = await new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), { headers: { 'Content-Type': type } }).formData();
  } catch {
    throw problem(400, 'The body is not well-formed multipart/form-data.');
  }
  const text: Record<string, string> = {};
  let file: Buffer | null = null;
  for (const [name, value] of form) {
    if (name === 'file' && typeof value !== 'string' && file === null) file = Buffer.from(await value.arrayBuffer());
    else if ((IMAGE_FIELDS as readonly string[]).includes(name) && typeof value === 'string' && !(name in text)) text[name] = value;
    else throw problem(422, 'Some fields are not valid: see `errors`.', { errors: [{ field: name, message: 'Unknown or repeated field: send `file` once, and `alt`, `caption`, `credit`.' }] });
  }
  return { text, file, fileHash: file && createHash('sha256').update(file).digest('hex') };
}

/** POST /images: the media library's upload, with its checks. Async (the image is decoded): not through adminCall's sync act. */
export async function uploadImage(input: ImageInput, actor: IntegrationActor): Promise<AdminReply> {
  const stored = await storeImage(Object.fromEntries(IMAGE_FIELDS.map((f) => [f, input.text[f] ?? ''])), input.file, { ...actor, email: '', authorId: null });
  if (!stored.ok) {
    const errors = Object.entries(stored.errors).flatMap(([field, message]) => (message ? [{ field, message: String(message) }] : []));
    if (errors.length > 0) throw problem(422, stored.message, { errors });
    throw /role/i.test(stored.message) ? problem(403, stored.message) : problem(503, stored.message);
  }
  const media = getMedia(stored.media.id) ?? stored.media;
  return {
    status: 201,
    body: { id: media.id, url: `${siteConfig().baseUrl}${mediaUrl(media.fileName)}`, width: media.width, height: media.height, alt: media.alt, caption: media.caption, credit: media.credit },
  };
}

/** A route's `[id]`, checked inside the call (after the key): a malformed id names nothing (404). */
export const articleIdOf = (params: { id: string }) => parseParams(params, ArticleIdParamsSchema).id;

/** Input of a call that takes none (a GET): any body is ignored. */
export const noInput = async () => null;
