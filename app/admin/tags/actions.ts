'use server';

import { redirect } from 'next/navigation';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { mergeSchema, tagSchema } from '@/lib/newsroom/forms/tag-form';
import { mergeTagRecord, renameTagRecord } from '@/lib/newsroom/use-cases/tags';

const { permission } = newsroomPages.tags;

/** Renames a tag (its name, its slug or both): lib/newsroom/use-cases/tags.ts. */
export async function saveTag(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, tagSchema, renameTagRecord);
}

/** Moves every article of this tag to another one and deletes this tag. */
export async function mergeTag(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, mergeSchema, (input, user, reply) => {
    const result = mergeTagRecord(input, user, reply);
    if ('redirect' in result) redirect(result.redirect);
    return result;
  });
}
