'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { PICKER_PAGE_SIZE, searchMedia, type MediaItem } from '@/db/media';
import { readFormValues, type FormState } from '@/lib/newsroom/forms/admin-form';
import { getCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { editMediaSchema, mediaLibrary, mediaTextSchema } from '@/lib/newsroom/forms/media-form';
import { editImageText, storeImage, type Stored } from '@/lib/newsroom/use-cases/media';

/** The image's text fields and its file's bytes (null when none was chosen), as the form sent them. */
async function readUpload(form: FormData): Promise<[Record<string, string>, Buffer | null]> {
  const file = form.get('file');
  const bytes = file instanceof File && file.size > 0 ? Buffer.from(await file.arrayBuffer()) : null;
  return [readFormValues(form, Object.keys(mediaTextSchema.shape)), bytes];
}

/** Uploads an image with its text (lib/newsroom/use-cases/media.ts), then shows the library with it first. */
export async function uploadMedia(previous: FormState, form: FormData): Promise<FormState> {
  const [values, file] = await readUpload(form);
  const stored = await storeImage(values, file, await getCurrentUser());
  if (!stored.ok) {
    return { ...previous, values, errors: stored.errors, message: { kind: 'error', text: stored.message }, oneTimePassword: null };
  }
  // A fresh page (the new image first in the list, an empty form) that also works without JavaScript.
  redirect(`${mediaLibrary.path}?done=uploaded`);
}

export type PickerUpload = Stored;

/**
 * Uploads an image from the article editor's picker and answers with the new image, which the picker
 * then selects: the editor never leaves the page, so nothing typed there is lost.
 */
export async function uploadMediaFromPicker(form: FormData): Promise<PickerUpload> {
  const [values, file] = await readUpload(form);
  return storeImage(values, file, await getCurrentUser());
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
  return handleNewsroomForm(previous, form, mediaLibrary.permission, editMediaSchema, editImageText);
}
