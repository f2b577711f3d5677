'use server';

import { getCurrentUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { NOT_ALLOWED, SIGNED_OUT } from '@/lib/newsroom/forms/form-actions';
import { readFrontForm, type FrontFormState } from '@/lib/newsroom/forms/front-form';
import { newsroomPages } from '@/lib/newsroom/pages';
import { arrangeFront, findStoriesForFront } from '@/lib/newsroom/use-cases/fronts';

const { permission } = newsroomPages.front;

/** Saves a front's arrangement, or moves/clears a slot for a browser without JavaScript (lib/newsroom/use-cases/fronts.ts). */
export async function saveFront(previous: FrontFormState, form: FormData): Promise<FrontFormState> {
  const input = readFrontForm(form);
  // `previous` comes from the browser: only its count is reused.
  const answers = (Number.isSafeInteger(previous?.answers) ? previous.answers : 0) + 1;
  const user = await getCurrentUser();
  const refusal = !user ? SIGNED_OUT : !can(user.role, permission) ? NOT_ALLOWED : null;
  if (!user || refusal) {
    return { front: input.front, version: input.version, slots: input.slots, errors: {}, changes: [], answers, message: { kind: 'error', text: refusal ?? SIGNED_OUT } };
  }
  return arrangeFront(input, user, answers);
}

/** Published and scheduled stories whose headline or slug contains the words typed, for a slot. */
export async function findStoriesToPlace(query: string): Promise<{ slug: string; headline: string }[]> {
  const user = await getCurrentUser();
  if (!user || !can(user.role, permission)) return [];
  return findStoriesForFront(String(query));
}
