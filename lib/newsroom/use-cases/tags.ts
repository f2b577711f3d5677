import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { listPublishedArticleIdsLinkedTo } from '@/db/articles/linked';
import { getDb } from '@/db/client';
import { getNewsroomTag, getTag, mergeTags, renameTag } from '@/db/tags';
import { invalidate } from '@/lib/cache/invalidate';
import type { SessionUser } from '@/lib/auth/sessions';
import { slugify } from '@/lib/paths';
import { countOf, type FormState } from '../forms/admin-form';
import { describeChanges } from '../audit-detail';
import type { FormReply } from '../forms/form-actions';
import { newsroomPages } from '../pages';
import { slugProblem } from '../slug-rules';
import { tagFormValues, type mergeSchema, type tagSchema } from '../forms/tag-form';

const GONE = 'This tag no longer exists: someone merged or deleted it after you opened this page.';

/** Renames a tag (its name, its slug or both), with its audit line; its pages and articles re-render. */
export function renameTagRecord({ id, ...input }: z.output<typeof tagSchema>, user: SessionUser, reply: FormReply): FormState {
  const before = getNewsroomTag(id);
  if (!before) return reply.refuse(GONE);
  const fields = { name: input.name, slug: input.slug || slugify(input.name) };
  const problem = slugProblem(fields.slug);
  if (problem) return reply.refuseField('slug', problem);
  const holder = getTag(fields.slug);
  if (holder && holder.id !== id) {
    return reply.refuseField('slug', `The tag “${holder.name}” already uses this slug: to combine the two, merge this tag into it.`);
  }
  const publishedArticleIds = listPublishedArticleIdsLinkedTo({ kind: 'tag', id });
  const db = getDb();
  writeWithAudit(
    db,
    () => renameTag(id, fields, db),
    () => ({ userId: user.id, action: 'renamed', entity: 'tag', entityId: id, detail: describeChanges(tagFormValues(before), fields) }),
  );
  invalidate({ kind: 'tag', before: before.slug, after: fields.slug, merged: false, publishedArticleIds }, 'server-action');
  return reply.accept('Saved. Reader pages show the change now.', { values: tagFormValues(fields) });
}

/** Moves every article of this tag to another one and deletes this tag; answers where to go next, or the refusal. */
export function mergeTagRecord({ id, into }: z.output<typeof mergeSchema>, user: SessionUser, reply: FormReply): FormState | { redirect: string } {
  const from = getNewsroomTag(id);
  if (!from) return reply.refuse(GONE);
  if (into === id) return reply.refuseField('into', 'Choose another tag to keep: a tag cannot be merged into itself.');
  const kept = getNewsroomTag(into);
  if (!kept) return reply.refuseField('into', 'That tag no longer exists: choose another.');
  const publishedArticleIds = listPublishedArticleIdsLinkedTo({ kind: 'tag', id });
  const db = getDb();
  const result = writeWithAudit(
    db,
    () => mergeTags(id, into, db),
    (merged) =>
      merged && {
        userId: user.id,
        action: 'merged',
        entity: 'tag',
        entityId: into,
        detail: `“${from.name}” (${from.slug}) into “${kept.name}” (${kept.slug}): ${countOf(merged.moved, 'article')} moved, ${merged.alreadyTagged} already had both`,
      },
  );
  if (!result) return reply.refuse('One of the two tags changed meanwhile: reload the page and try again.');
  invalidate({ kind: 'tag', before: from.slug, after: kept.slug, merged: true, publishedArticleIds }, 'server-action');
  return { redirect: `${newsroomPages.tags.path}/${into}?done=merged` };
}
