'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { recordAudit } from '@/db/audit';
import { createSection, deleteEmptySection, getNewsroomSection, getSection, updateSection } from '@/db/sections';
import { countOf, formFields, type FormState } from '@/lib/newsroom/admin-form';
import { describeChanges } from '@/lib/newsroom/audit-detail';
import { cacheTags } from '@/lib/cache/tags';
import { handleNewsroomForm, updateTags } from '@/lib/newsroom/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { slugify } from '@/lib/paths';
import { sectionSlugProblem } from '@/lib/newsroom/slug-rules';
import { emptySectionForm, sectionFormValues, sectionSchema } from '../../../lib/newsroom/section-form';

const { permission } = newsroomPages.sections;
const GONE = 'This section no longer exists: someone deleted it after you opened this page.';

/** Creates a section (no id) or edits one. The navigation on every reader page changes with it. */
export async function saveSection(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, sectionSchema, ({ id, ...input }, user, reply) => {
    const before = id === null ? null : getNewsroomSection(id);
    if (id !== null && !before) return reply.refuse(GONE);
    const fields = { ...input, slug: input.slug || slugify(input.name) };
    const problem = sectionSlugProblem(fields.slug);
    if (problem) return reply.refuseField('slug', problem);
    const holder = getSection(fields.slug);
    if (holder && holder.id !== id) return reply.refuseField('slug', `The section “${holder.name}” already uses this slug.`);

    if (before) {
      updateSection(before.id, fields);
      const detail = describeChanges(sectionFormValues(before), sectionFormValues(fields));
      recordAudit({ userId: user.id, action: 'edited', entity: 'section', entityId: before.id, detail });
      // The old address too: its cached page must not outlive the rename.
      updateTags([cacheTags.sections, cacheTags.section(before.slug), cacheTags.section(fields.slug)]);
      return reply.accept('Saved. Reader pages show the change now.', { values: sectionFormValues(fields) });
    }
    const newId = createSection(fields);
    recordAudit({ userId: user.id, action: 'created', entity: 'section', entityId: newId, detail: `“${fields.name}” (/${fields.slug})` });
    updateTags([cacheTags.sections]);
    return reply.accept(`Section “${fields.name}” created: it is in the site’s navigation now.`, { values: emptySectionForm });
  });
}

/** Deletes a section that holds no articles. */
export async function deleteSection(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, z.object({ id: formFields.recordId }), ({ id }, user, reply) => {
    const section = getNewsroomSection(id);
    if (!section) return reply.refuse(GONE);
    const result = deleteEmptySection(id);
    if (!result.deleted) {
      return reply.refuse(
        result.reason === 'missing'
          ? GONE
          : `“${section.name}” still holds ${countOf(result.articleCount, 'article')} (drafts and archived ones included). Move them to another section, then delete it.`,
      );
    }
    recordAudit({ userId: user.id, action: 'deleted', entity: 'section', entityId: id, detail: `“${section.name}” (/${section.slug})` });
    updateTags([cacheTags.sections, cacheTags.section(section.slug)]);
    redirect(`${newsroomPages.sections.path}?done=deleted`);
  });
}
