import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { createAuthor, getAuthor, getNewsroomAuthor, updateAuthor } from '@/db/authors';
import { listPublishedArticleIdsLinkedTo } from '@/db/articles/linked';
import { getDb } from '@/db/client';
import { getMedia } from '@/db/media';
import { invalidate } from '@/lib/cache/invalidate';
import type { SessionUser } from '@/lib/auth/sessions';
import { slugify } from '@/lib/paths';
import type { FormState } from '../forms/admin-form';
import { describeChanges } from '../audit-detail';
import { authorFormValues, emptyAuthorForm, type authorSchema } from '../forms/author-form';
import type { FormReply } from '../forms/form-actions';
import { slugProblem } from '../slug-rules';

/** Creates an author (no id) or edits one, with the audit line; their page, the A-Z of writers and their bylines re-render. */
export function saveAuthorRecord({ id, ...input }: z.output<typeof authorSchema>, user: SessionUser, reply: FormReply): FormState {
  const before = id === null ? null : getNewsroomAuthor(id);
  if (id !== null && !before) return reply.refuse('This author no longer exists.');
  const fields = { ...input, slug: input.slug || slugify(input.name) };
  if (fields.photoMediaId !== null && !getMedia(fields.photoMediaId)) {
    return reply.refuseField('photoMediaId', 'Choose an image from the media library, or no photo.');
  }
  const problem = slugProblem(fields.slug);
  if (problem) return reply.refuseField('slug', problem);
  const holder = getAuthor(fields.slug);
  if (holder && holder.id !== id) return reply.refuseField('slug', `${holder.name} already uses this slug.`);

  const db = getDb();
  if (before) {
    const publishedArticleIds = listPublishedArticleIdsLinkedTo({ kind: 'author', id: before.id });
    const detail = describeChanges(authorFormValues(before), authorFormValues(fields));
    writeWithAudit(db, () => updateAuthor(before.id, fields, db), () => ({ userId: user.id, action: 'edited', entity: 'author', entityId: before.id, detail }));
    invalidate({ kind: 'author', before: before.slug, after: fields.slug, publishedArticleIds }, 'server-action');
    return reply.accept('Saved. Reader pages show the change now.', { values: authorFormValues(fields) });
  }
  writeWithAudit(
    db,
    () => createAuthor(fields, db),
    (newId) => ({ userId: user.id, action: 'created', entity: 'author', entityId: newId, detail: `${fields.name} (/authors/${fields.slug})` }),
  );
  invalidate({ kind: 'author', before: null, after: fields.slug, publishedArticleIds: [] }, 'server-action');
  return reply.accept(`${fields.name} added: they can be chosen in bylines now.`, { values: emptyAuthorForm });
}
