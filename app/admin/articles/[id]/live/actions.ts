'use server';

import { redirect } from 'next/navigation';
import { getCurrentUser } from '@/lib/auth/current-user';
import { LIVE_UPDATE_INTENTS, readLiveUpdateForm, type LiveComposerState } from '@/lib/newsroom/forms/live-update-form';
import { endCoverage, makeLiveBlog, removeLiveUpdate, saveLiveUpdate } from '@/lib/newsroom/use-cases/live-blogs';

// Thin adapters for the live-blog composer (lib/newsroom/use-cases/live-blogs.ts checks, writes, audits, invalidates).

/** Post, draft, edit or delete an update (the composer's forms; without JavaScript, the same forms posted). */
export async function postLiveUpdate(previous: LiveComposerState, form: FormData): Promise<LiveComposerState> {
  const updateId = Number(form.get('updateId')) || null;
  if (form.get('intent') === 'delete') {
    return removeLiveUpdate(previous, { articleId: Number(form.get('articleId')), updateId: updateId ?? 0 }, await getCurrentUser());
  }
  const submission = {
    articleId: Number(form.get('articleId')),
    updateId,
    intent: LIVE_UPDATE_INTENTS.find((i) => i === form.get('intent')) ?? 'post',
    values: readLiveUpdateForm(form),
  };
  return saveLiveUpdate(previous, submission, await getCurrentUser());
}

/** "Make this a live blog" (editors). */
export async function startLiveBlogAction(form: FormData): Promise<void> {
  redirect(makeLiveBlog(Number(form.get('articleId')), await getCurrentUser()));
}

/** "End coverage" (editors): the LIVE label goes, the page stays. */
export async function endLiveBlogAction(form: FormData): Promise<void> {
  redirect(endCoverage(Number(form.get('articleId')), await getCurrentUser()));
}
