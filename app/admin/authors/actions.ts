'use server';

import { recordAudit } from '@/db/audit';
import { createAuthor, getAuthor, getNewsroomAuthor, updateAuthor } from '@/db/authors';
import { listPublishedArticleIdsLinkedTo } from '@/db/articles/linked';
import { getMedia } from '@/db/media';
import type { FormState } from '@/lib/newsroom/admin-form';
import { describeChanges } from '@/lib/newsroom/audit-detail';
import { cacheTags } from '@/lib/cache/tags';
import { handleNewsroomForm, updateTags } from '@/lib/newsroom/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { slugify } from '@/lib/paths';
import { slugProblem } from '@/lib/newsroom/slug-rules';
import { authorFormValues, authorSchema, emptyAuthorForm } from '../../../lib/newsroom/author-form';

/** Creates an author (no id) or edits one, with their page, the A-Z of writers and their bylines. */
export async function saveAuthor(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, newsroomPages.authors.permission, authorSchema, ({ id, ...input }, user, reply) => {
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

    if (before) {
      const articleIds = listPublishedArticleIdsLinkedTo({ kind: 'author', id: before.id });
      updateAuthor(before.id, fields);
      const detail = describeChanges(authorFormValues(before), authorFormValues(fields));
      recordAudit({ userId: user.id, action: 'edited', entity: 'author', entityId: before.id, detail });
      updateTags([
        cacheTags.author(before.slug),
        cacheTags.author(fields.slug),
        cacheTags.authorIndex,
        ...articleIds.map(cacheTags.article),
      ]);
      return reply.accept('Saved. Reader pages show the change now.', { values: authorFormValues(fields) });
    }
    const newId = createAuthor(fields);
    recordAudit({ userId: user.id, action: 'created', entity: 'author', entityId: newId, detail: `${fields.name} (/authors/${fields.slug})` });
    updateTags([cacheTags.authorIndex]);
    return reply.accept(`${fields.name} added: they can be chosen in bylines now.`, { values: emptyAuthorForm });
  });
}
