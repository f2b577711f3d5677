import { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { createSection, deleteEmptySection, getNewsroomSection, getSection, updateSection } from '@/db/sections';
import { invalidate } from '@/lib/cache/invalidate';
import type { SessionUser } from '@/lib/auth/sessions';
import { slugify } from '@/lib/paths';
import { countOf, formFields, type FormState } from '../forms/admin-form';
import { describeChanges } from '../audit-detail';
import type { FormReply } from '../forms/form-actions';
import { emptySectionForm, sectionFormValues, type sectionSchema } from '../forms/section-form';
import { newsroomPages } from '../pages';
import { sectionSlugProblem } from '../slug-rules';

const GONE = 'This section no longer exists: someone deleted it after you opened this page.';

/** Creates a section (no id) or edits one, with its audit line; the navigation on every reader page changes with it. */
export function saveSectionRecord({ id, ...input }: z.output<typeof sectionSchema>, user: SessionUser, reply: FormReply): FormState {
  const before = id === null ? null : getNewsroomSection(id);
  if (id !== null && !before) return reply.refuse(GONE);
  const fields = { ...input, slug: input.slug || slugify(input.name) };
  const problem = sectionSlugProblem(fields.slug);
  if (problem) return reply.refuseField('slug', problem);
  const holder = getSection(fields.slug);
  if (holder && holder.id !== id) return reply.refuseField('slug', `The section “${holder.name}” already uses this slug.`);

  const db = getDb();
  if (before) {
    const detail = describeChanges(sectionFormValues(before), sectionFormValues(fields));
    writeWithAudit(db, () => updateSection(before.id, fields, db), () => ({ userId: user.id, action: 'edited', entity: 'section', entityId: before.id, detail }));
    // The old address too: its cached page must not outlive the rename.
    invalidate({ kind: 'section', before: before.slug, after: fields.slug }, 'server-action');
    return reply.accept('Saved. Reader pages show the change now.', { values: sectionFormValues(fields) });
  }
  writeWithAudit(
    db,
    () => createSection(fields, db),
    (newId) => ({ userId: user.id, action: 'created', entity: 'section', entityId: newId, detail: `“${fields.name}” (/${fields.slug})` }),
  );
  invalidate({ kind: 'section', before: null, after: fields.slug }, 'server-action');
  return reply.accept(`Section “${fields.name}” created: it is in the site’s navigation now.`, { values: emptySectionForm });
}

export const deleteSectionSchema = z.object({ id: formFields.recordId });

/** Deletes a section that holds no articles; answers where to go next, or the refusal. */
export function deleteSectionRecord({ id }: z.output<typeof deleteSectionSchema>, user: SessionUser, reply: FormReply): FormState | { redirect: string } {
  const section = getNewsroomSection(id);
  if (!section) return reply.refuse(GONE);
  const db = getDb();
  const result = writeWithAudit(
    db,
    () => deleteEmptySection(id, db),
    (done) => (done.deleted ? { userId: user.id, action: 'deleted', entity: 'section', entityId: id, detail: `“${section.name}” (/${section.slug})` } : null),
  );
  if (!result.deleted) {
    return reply.refuse(
      result.reason === 'missing'
        ? GONE
        : `“${section.name}” still holds ${countOf(result.articleCount, 'article')} (drafts and archived ones included). Move them to another section, then delete it.`,
    );
  }
  invalidate({ kind: 'section', before: section.slug, after: null }, 'server-action');
  return { redirect: `${newsroomPages.sections.path}?done=deleted` };
}
