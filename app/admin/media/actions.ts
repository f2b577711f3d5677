'use server';

import { redirect } from 'next/navigation';
import { recordAudit } from '@/db/audit';
import { z } from 'zod';
import { getMedia, getMediaUsage, insertMedia, PICKER_PAGE_SIZE, searchMedia, updateMediaText, type MediaItem } from '@/db/media';
import { FIX_FIELDS, parseFormValues, readFormValues, type FormErrors, type FormState } from '@/lib/newsroom/admin-form';
import { describeChanges } from '@/lib/newsroom/audit-detail';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { cacheTags } from '@/lib/cache/tags';
import { mediaUploadLimits } from '@/lib/config';
import { mediaVariantName, newMediaBaseName, processUpload } from '@/lib/media/images';
import { removeMediaFiles, writeMediaFiles } from '@/lib/media/files';
import { handleNewsroomForm, NOT_ALLOWED, SIGNED_OUT, updateTags } from '@/lib/newsroom/form-actions';
import { editMediaSchema, LIVE_FOR_EDITORS, mayEditLiveText, mediaLibrary, mediaTextSchema, mediaTextValues } from '../../../lib/newsroom/media-form';

const GONE = 'This image no longer exists.';
const NO_FILE = 'Choose an image file to upload.';
const NOT_SAVED = 'The image could not be saved on the server (its disk may be full). Nothing was stored: try again in a moment.';

/**
 * Uploads an image with its text. Not through handleNewsroomForm, which validates the text before
 * anything else: here the file is checked too, so a missing alt text and an unusable file are both
 * reported at once. The bytes are judged by lib/media/images.ts; the name and type the browser sent are ignored.
 */
export async function uploadMedia(previous: FormState, form: FormData): Promise<FormState> {
  const values = readFormValues(form, Object.keys(mediaTextSchema.shape));
  const stored = await storeUpload(form, values);
  if (!stored.ok) {
    return { ...previous, values, errors: stored.errors, message: { kind: 'error', text: stored.message }, oneTimePassword: null };
  }
  // A fresh page (the new image first in the list, an empty form) that also works without JavaScript.
  redirect(`${mediaLibrary.path}?done=uploaded`);
}

type Stored = { ok: true; media: MediaItem } | { ok: false; message: string; errors: FormErrors };

/** Checks the user, the text and the file, then writes the image's files and row; audited. */
async function storeUpload(form: FormData, values: Record<string, string>): Promise<Stored> {
  const refuse = (message: string, errors: FormErrors = {}): Stored => ({ ok: false, message, errors });
  const user = await getCurrentUser();
  if (!user) return refuse(SIGNED_OUT);
  if (!can(user.role, mediaLibrary.permission)) return refuse(NOT_ALLOWED);

  const text = parseFormValues(mediaTextSchema, values);
  const file = form.get('file');
  const upload = file instanceof File && file.size > 0 ? await processUpload(Buffer.from(await file.arrayBuffer()), mediaUploadLimits()) : null;
  const fileError = upload === null ? NO_FILE : upload.ok ? undefined : upload.error;
  if (!text.ok || !upload?.ok) return refuse(FIX_FIELDS, { ...(text.ok ? {} : text.errors), file: fileError });

  const base = newMediaBaseName();
  const files = upload.variants.map((variant) => ({ fileName: mediaVariantName(base, variant.width), bytes: variant.file }));
  const widest = upload.variants.at(-1);
  if (!widest) return refuse(NOT_SAVED);
  let id: number;
  try {
    await writeMediaFiles(files);
    id = insertMedia({
      ...text.data,
      fileName: mediaVariantName(base, widest.width),
      mimeType: 'image/webp',
      width: widest.width,
      height: widest.height,
    });
  } catch (error) {
    console.error('Media upload failed', error);
    await removeMediaFiles(files.map((f) => f.fileName));
    return refuse(NOT_SAVED);
  }
  recordAudit({
    userId: user.id,
    action: 'uploaded',
    entity: 'media',
    entityId: id,
    detail: `${mediaVariantName(base, widest.width)} (${upload.original.format}, ${upload.original.width}×${upload.original.height})`,
  });
  const media = getMedia(id);
  return media ? { ok: true, media } : refuse(GONE);
}

export type PickerUpload = { ok: true; media: MediaItem } | { ok: false; message: string; errors: FormErrors };

/**
 * Uploads an image from the article editor's picker and answers with the new image, which the picker
 * then selects: the editor never leaves the page, so nothing typed there is lost.
 */
export async function uploadMediaFromPicker(form: FormData): Promise<PickerUpload> {
  return storeUpload(form, readFormValues(form, Object.keys(mediaTextSchema.shape)));
}

export interface MediaPage {
  items: MediaItem[];
  page: number;
  pageCount: number;
  total: number;
}

const mediaQuery = z.object({ query: z.string().max(200).catch(''), page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** A page of the library for the editor's picker, searched by alt text, caption and file name. */
export async function findMedia(query: string, page: number): Promise<MediaPage> {
  const user = await getCurrentUser();
  if (!user || !can(user.role, mediaLibrary.permission)) return { items: [], page: 1, pageCount: 1, total: 0 };
  const input = mediaQuery.parse({ query, page });
  return searchMedia({ query: input.query, page: input.page, pageSize: PICKER_PAGE_SIZE });
}

/** Changes an image's alt text, caption and credit, and re-renders the reader pages that show it. */
export async function saveMediaText(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, mediaLibrary.permission, editMediaSchema, ({ id, ...text }, user, reply) => {
    const before = getMedia(id);
    if (!before) return reply.refuse(GONE);
    const { publishedArticleIds, authorSlugs } = getMediaUsage(id);
    if (!mayEditLiveText(user.role, { publishedArticleIds, authorSlugs })) return reply.refuse(LIVE_FOR_EDITORS);
    if (!updateMediaText(id, text)) return reply.refuse(GONE);
    recordAudit({ userId: user.id, action: 'edited', entity: 'media', entityId: id, detail: describeChanges(mediaTextValues(before), mediaTextValues(text)) });
    updateTags([...publishedArticleIds.map(cacheTags.article), ...authorSlugs.map(cacheTags.author)]);
    return reply.accept('Saved. Reader pages show the change now.', { values: mediaTextValues(text) });
  });
}
