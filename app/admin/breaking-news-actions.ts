'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { breakingNewsSchema } from '@/lib/newsroom/forms/breaking-news-form';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { clearBreakingNewsBanner, setBreakingNewsBanner } from '@/lib/newsroom/use-cases/breaking-news';

// Editors and admins only: checked here on the server for every submit, whatever the page showed.
const permission = 'breaking-news:manage';
// The dashboard shows the banner now up: re-render it with the answer.
const refreshed = (state: FormState): FormState => {
  if (state.message?.kind === 'ok') refresh();
  return state;
};

/** Sets the breaking-news banner on every reader page (lib/newsroom/use-cases/breaking-news.ts). */
export async function setBanner(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, breakingNewsSchema, (input, user, reply) => setBreakingNewsBanner(input, user, reply)));
}

/** Takes the breaking-news banner down. */
export async function clearBanner(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, z.object({}), (_input, user, reply) => clearBreakingNewsBanner(user, reply)));
}
