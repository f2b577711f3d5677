'use server';

import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { authorSchema } from '@/lib/newsroom/forms/author-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { saveAuthorRecord } from '@/lib/newsroom/use-cases/authors';

/** Creates an author (no id) or edits one: lib/newsroom/use-cases/authors.ts. */
export async function saveAuthor(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, newsroomPages.authors.permission, authorSchema, saveAuthorRecord);
}
