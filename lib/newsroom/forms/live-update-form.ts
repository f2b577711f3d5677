import { z } from 'zod';
import type { LiveUpdate } from '@/db/live-blogs';

/** A live update as the composer's form sends it, kept verbatim so a refused one comes back as typed. */
export interface LiveUpdateValues {
  title: string;
  body: string;
  keyEvent: boolean;
}

export const LIVE_UPDATE_TITLE_MAX = 200;
export const LIVE_UPDATE_BODY_MAX = 20_000;
export const LIVE_UPDATE_INTENTS = ['post', 'draft'] as const;
export type LiveUpdateIntent = (typeof LIVE_UPDATE_INTENTS)[number];

/** The composer's state after a submission: the text as typed and why it was refused, or a cleared form. */
export interface LiveComposerState {
  /** The update being edited (null: a new one). */
  updateId: number | null;
  values: LiveUpdateValues;
  errors: Partial<Record<'title' | 'body' | 'form', string>>;
  message: string | null;
  /** Bumped on every success, so the form resets. */
  formKey: number;
  /** The composer's list after the change (null: unchanged). */
  updates: LiveUpdate[] | null;
}

export const EMPTY_LIVE_UPDATE: LiveUpdateValues = { title: '', body: '', keyEvent: false };

/** Reads the composer's fields from a form (missing ones are empty). */
export function readLiveUpdateForm(form: FormData): LiveUpdateValues {
  return {
    title: String(form.get('title') ?? ''),
    body: String(form.get('body') ?? ''),
    keyEvent: form.get('keyEvent') === 'on' || form.get('keyEvent') === 'true',
  };
}

export const liveUpdateSchema = z.object({
  title: z
    .string()
    .trim()
    .max(LIVE_UPDATE_TITLE_MAX, `Keep the title under ${LIVE_UPDATE_TITLE_MAX} characters (it has {n}).`),
  body: z
    .string()
    .trim()
    .min(1, 'Write the update before posting it.')
    .max(LIVE_UPDATE_BODY_MAX, `An update can be at most ${LIVE_UPDATE_BODY_MAX.toLocaleString('en')} characters (this one has {n}): split it into several updates.`),
  keyEvent: z.boolean(),
});

/** The validated values, or the reason per field (with the length filled in). */
export function validateLiveUpdate(values: LiveUpdateValues): { ok: true; values: LiveUpdateValues } | { ok: false; errors: LiveComposerState['errors'] } {
  const parsed = liveUpdateSchema.safeParse(values);
  if (parsed.success) return { ok: true, values: parsed.data };
  const errors: LiveComposerState['errors'] = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] === 'title' ? 'title' : 'body';
    errors[field] ??= issue.message.replace('{n}', values[field].trim().length.toLocaleString('en'));
  }
  return { ok: false, errors };
}
