'use server';

import { redirect } from 'next/navigation';
import { recordAudit } from '@/db/audit';
import { listPublishedArticleIdsLinkedTo } from '@/db/articles/linked';
import { getNewsroomTag, getTag, mergeTags, renameTag } from '@/db/tags';
import { countOf, type FormState } from '@/lib/newsroom/admin-form';
import { describeChanges } from '@/lib/newsroom/audit-detail';
import { cacheTags } from '@/lib/cache/tags';
import { handleNewsroomForm, updateTags } from '@/lib/newsroom/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { slugify } from '@/lib/paths';
import { slugProblem } from '@/lib/newsroom/slug-rules';
import { mergeSchema, tagFormValues, tagSchema } from '../../../lib/newsroom/tag-form';

const { permission } = newsroomPages.tags;
const GONE = 'This tag no longer exists: someone merged or deleted it after you opened this page.';

/** The reader pages that show a tag: its page (at each address it has had), the A-Z index, and its published articles. */
function readerTagsOf(tagSlugs: readonly string[], articleIds: readonly number[]): string[] {
  return [...tagSlugs.map(cacheTags.tag), cacheTags.tagIndex, ...articleIds.map(cacheTags.article)];
}

/** Renames a tag (its name, its slug or both). */
export async function saveTag(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, tagSchema, ({ id, ...input }, user, reply) => {
    const before = getNewsroomTag(id);
    if (!before) return reply.refuse(GONE);
    const fields = { name: input.name, slug: input.slug || slugify(input.name) };
    const problem = slugProblem(fields.slug);
    if (problem) return reply.refuseField('slug', problem);
    const holder = getTag(fields.slug);
    if (holder && holder.id !== id) {
      return reply.refuseField('slug', `The tag “${holder.name}” already uses this slug: to combine the two, merge this tag into it.`);
    }
    const articleIds = listPublishedArticleIdsLinkedTo({ kind: 'tag', id });
    renameTag(id, fields);
    recordAudit({ userId: user.id, action: 'renamed', entity: 'tag', entityId: id, detail: describeChanges(tagFormValues(before), fields) });
    updateTags(readerTagsOf([before.slug, fields.slug], articleIds));
    return reply.accept('Saved. Reader pages show the change now.', { values: tagFormValues(fields) });
  });
}

/** Moves every article of this tag to another one and deletes this tag. */
export async function mergeTag(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, mergeSchema, ({ id, into }, user, reply) => {
    const from = getNewsroomTag(id);
    if (!from) return reply.refuse(GONE);
    if (into === id) return reply.refuseField('into', 'Choose another tag to keep: a tag cannot be merged into itself.');
    const kept = getNewsroomTag(into);
    if (!kept) return reply.refuseField('into', 'That tag no longer exists: choose another.');
    const articleIds = listPublishedArticleIdsLinkedTo({ kind: 'tag', id });
    const result = mergeTags(id, into);
    if (!result) return reply.refuse('One of the two tags changed meanwhile: reload the page and try again.');
    recordAudit({
      userId: user.id,
      action: 'merged',
      entity: 'tag',
      entityId: into,
      detail: `“${from.name}” (${from.slug}) into “${kept.name}” (${kept.slug}): ${countOf(result.moved, 'article')} moved, ${result.alreadyTagged} already had both`,
    });
    updateTags(readerTagsOf([from.slug, kept.slug], articleIds));
    redirect(`${newsroomPages.tags.path}/${into}?done=merged`);
  });
}
