'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { sectionSchema } from '@/lib/newsroom/forms/section-form';
import { deleteSectionRecord, deleteSectionSchema, saveSectionRecord } from '@/lib/newsroom/use-cases/sections';

const { permission } = newsroomPages.sections;

/** Creates a section (no id) or edits one (lib/newsroom/use-cases/sections.ts). */
export async function saveSection(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, sectionSchema, saveSectionRecord);
}

/** Deletes a section that holds no articles. */
export async function deleteSection(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, deleteSectionSchema, (input, user, reply) => {
    const result = deleteSectionRecord(input, user, reply);
    if ('redirect' in result) redirect(result.redirect);
    return result;
  });
}
