import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { renderArticleHtmlAgain } from '@/db/articles/reads';
import { getDb, type Db } from '@/db/client';
import { updateLiveUpdate } from '@/db/live-blogs';
import { articlesShowingImageInText, getImagesByIds, getMedia, getMediaUsage, insertMedia, liveUpdatesShowingImage, updateMediaText, type MediaItem } from '@/db/media';
import { invalidate } from '@/lib/cache/invalidate';
import { can } from '@/lib/auth/roles';
import { renderMarkdown } from '@/lib/markdown';
import type { SessionUser } from '@/lib/auth/sessions';
import { mediaUploadLimits } from '@/lib/config';
import { removeMediaFiles, writeMediaFiles } from '@/lib/media/files';
import { mediaVariantName, newMediaBaseName, processUpload } from '@/lib/media/images';
import { FIX_FIELDS, parseFormValues, type FormErrors, type FormState } from '../forms/admin-form';
import { describeChanges } from '../audit-detail';
import { NOT_ALLOWED, SIGNED_OUT, type FormReply } from '../forms/form-actions';
import { LIVE_FOR_EDITORS, mayEditLiveText, mediaLibrary, mediaTextSchema, mediaTextValues, type editMediaSchema } from '../forms/media-form';

const GONE = 'This image no longer exists.';
const NO_FILE = 'Choose an image file to upload.';
const NOT_SAVED = 'The image could not be saved on the server (its disk may be full). Nothing was stored: try again in a moment.';

export type Stored = { ok: true; media: MediaItem } | { ok: false; message: string; errors: FormErrors };

/**
 * Uploads an image with its text: checks the user, the text and the file at once (a missing alt text
 * and an unusable file are both reported), then writes the image's files, and its row with the audit
 * line in one transaction (the files are removed again if that fails). The bytes are judged by
 * lib/media/images.ts; the name and type the browser sent are ignored. `file` is null when none was sent.
 */
export async function storeImage(values: Record<string, string>, file: Buffer | null, user: SessionUser | null): Promise<Stored> {
  const refuse = (message: string, errors: FormErrors = {}): Stored => ({ ok: false, message, errors });
  if (!user) return refuse(SIGNED_OUT);
  if (!can(user.role, mediaLibrary.permission)) return refuse(NOT_ALLOWED);

  const text = parseFormValues(mediaTextSchema, values);
  const upload = file === null ? null : await processUpload(file, mediaUploadLimits());
  const fileError = upload === null ? NO_FILE : upload.ok ? undefined : upload.error;
  if (!text.ok || !upload?.ok) return refuse(FIX_FIELDS, { ...(text.ok ? {} : text.errors), file: fileError });

  const base = newMediaBaseName();
  const files = upload.variants.map((variant) => ({ fileName: mediaVariantName(base, variant.width), bytes: variant.file }));
  const widest = upload.variants.at(-1);
  if (!widest) return refuse(NOT_SAVED);
  const fileName = mediaVariantName(base, widest.width);
  let id: number;
  try {
    await writeMediaFiles(files);
    const db = getDb();
    id = writeWithAudit(
      db,
      () => insertMedia({ ...text.data, fileName, mimeType: 'image/webp', width: widest.width, height: widest.height }, db),
      (newId) => ({
        userId: user.id,
        action: 'uploaded',
        entity: 'media',
        entityId: newId,
        detail: `${fileName} (${upload.original.format}, ${upload.original.width}×${upload.original.height})`,
      }),
    );
  } catch (error) {
    console.error('Media upload failed', error);
    await removeMediaFiles(files.map((f) => f.fileName));
    return refuse(NOT_SAVED);
  }
  const media = getMedia(id);
  return media ? { ok: true, media } : refuse(GONE);
}

/**
 * Changes an image's alt text, caption and credit, with the audit line, and re-renders the reader pages that
 * show it. The stored HTML of every article whose text shows it inline or in a gallery, and of every live-blog
 * update that does, is rendered again in the same transaction (it carries the image's text: decision 17),
 * found through the search index (db/media.ts articlesShowingImageInText) and a scan of update texts. That is
 * not an edit of those articles or updates: their text, version, dates, revisions and "updated" times stay;
 * the image's audit line names them.
 */
export function editImageText(
  { id, ...text }: z.output<typeof editMediaSchema>,
  user: SessionUser,
  reply: FormReply,
  { db = getDb() }: { db?: Db } = {},
): FormState {
  const before = getMedia(id, db);
  if (!before) return reply.refuse(GONE);
  const usage = getMediaUsage(id, db);
  if (!mayEditLiveText(user.role, usage)) return reply.refuse(LIVE_FOR_EDITORS);
  const renderedAgain = writeWithAudit(
    db,
    () => {
      if (!updateMediaText(id, text, db)) return null;
      const shown = articlesShowingImageInText(id, db);
      renderArticleHtmlAgain(db, shown);
      const updates = liveUpdatesShowingImage(id, db);
      for (const update of updates) updateLiveUpdate(update.id, { bodyHtml: renderMarkdown(update.body, (ids) => getImagesByIds(ids, db)) }, db);
      return { shown, updates };
    },
    (rendered) => {
      if (!rendered) return null;
      const changes = describeChanges(mediaTextValues(before), mediaTextValues(text));
      return { userId: user.id, action: 'edited', entity: 'media', entityId: id, detail: changes + renderedAgainDetail(rendered.shown, rendered.updates) };
    },
  );
  if (!renderedAgain) return reply.refuse(GONE);
  const shownOnPages = [
    ...renderedAgain.shown.filter((article) => article.status === 'published').map((article) => article.id),
    ...renderedAgain.updates.filter((update) => update.status === 'posted' && update.articleStatus === 'published').map((update) => update.articleId),
  ];
  invalidate(
    {
      kind: 'media',
      publishedArticleIds: [...new Set([...usage.publishedArticleIds, ...shownOnPages])],
      authorSlugs: usage.authorSlugs,
      liveUpdatesRendered: renderedAgain.updates.length > 0,
    },
    'server-action',
  );
  return reply.accept('Saved. Reader pages show the change now.', { values: mediaTextValues(text) });
}

/** What the audit line adds about the stored HTML rendered again: how many articles (and which) and updates. */
function renderedAgainDetail(shown: readonly { id: number }[], updates: readonly { id: number }[]): string {
  const parts: string[] = [];
  if (shown.length > 0) {
    const ids = shown.slice(0, 10).map((a) => a.id).join(', ') + (shown.length > 10 ? ', …' : '');
    parts.push(`${shown.length} article${shown.length === 1 ? '' : 's'} (${ids})`);
  }
  if (updates.length > 0) parts.push(`${updates.length} live-blog update${updates.length === 1 ? '' : 's'}`);
  return parts.length > 0 ? `; rendered again: ${parts.join(', ')}` : '';
}
