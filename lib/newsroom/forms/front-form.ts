import { z } from 'zod';
import { HOME_SLOTS } from '../../reader/front-slots';

/**
 * The front page arranger's form (/admin/front): one fieldset per slot (the story's address, and the
 * front's own headline, summary and image), the front, and the version it was opened at. A plain form:
 * without JavaScript, Move up / Move down / Clear post it and come back rearranged, unsaved.
 */

export interface FrontSlotValues {
  /** The story: its slug or address ('' for automatic). */
  article: string;
  headline: string;
  summary: string;
  /** A media library image's number, or ''. */
  image: string;
}

export const emptySlot: FrontSlotValues = { article: '', headline: '', summary: '', image: '' };

export interface FrontFormState {
  /** 'home', or a section's slug. */
  front: string;
  /** The arrangement's version this form was opened at (or last refused at), as a string. */
  version: string;
  slots: FrontSlotValues[];
  /** By field name (`article-2`, `image-0`…), the reason next to the field. */
  errors: Partial<Record<string, string>>;
  message: { kind: 'ok' | 'error'; text: string } | null;
  /** After a refused save: what the other editor's arrangement has where it differs from this form. */
  changes: string[];
  /** Counts the server's answers: the fields are re-created with each answer's values. */
  answers: number;
}

export type FrontFormAction = (previous: FrontFormState, form: FormData) => Promise<FrontFormState>;

export const MAX_OVERRIDE_HEADLINE = 150;
export const MAX_OVERRIDE_SUMMARY = 400;
const MAX_VALUE = 2_000;

export const slotField = (name: keyof FrontSlotValues, index: number) => `${name}-${index}`;

/** What a slot is called, to editors and in messages. */
export const slotLabel = (index: number) => (index === 0 ? 'Lead' : `Top story ${index}`);

/** The strings the browser sent, cut to a sane length (a refused form comes back as typed). */
export function readFrontForm(form: FormData): { front: string; version: string; intent: string; slots: FrontSlotValues[] } {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value.replace(/\r\n/g, '\n').slice(0, MAX_VALUE) : '';
  };
  const slots = Array.from({ length: HOME_SLOTS }, (_, i) => ({
    article: text(slotField('article', i)),
    headline: text(slotField('headline', i)),
    summary: text(slotField('summary', i)),
    image: text(slotField('image', i)),
  }));
  return { front: text('front'), version: text('version'), intent: text('intent'), slots };
}

const slotSchema = z.object({
  article: z.string().transform((s) => s.trim()),
  headline: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= MAX_OVERRIDE_HEADLINE, `At most ${MAX_OVERRIDE_HEADLINE} characters.`),
  summary: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s.length <= MAX_OVERRIDE_SUMMARY, `At most ${MAX_OVERRIDE_SUMMARY} characters.`),
  image: z
    .string()
    .transform((s) => s.trim())
    .refine((s) => s === '' || /^[1-9][0-9]{0,8}$/.test(s), 'The number of an image in the media library, or empty.')
    .transform((s) => (s === '' ? null : Number(s))),
});

export type FrontSlotInput = z.output<typeof slotSchema>;

/** Validates each slot's fields: every slot (a field that failed read as empty) and the errors by field name. */
export function parseFrontSlots(slots: readonly FrontSlotValues[]): { slots: FrontSlotInput[]; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const parsed = slots.map((slot, index) => {
    const result = slotSchema.safeParse(slot);
    if (!result.success) {
      for (const issue of result.error.issues) errors[slotField(String(issue.path[0]) as keyof FrontSlotValues, index)] ??= issue.message;
      return { article: slot.article.trim(), headline: '', summary: '', image: null };
    }
    if (result.data.article === '' && (result.data.headline || result.data.summary || result.data.image !== null)) {
      errors[slotField('article', index)] = 'Pick a story for this slot, or clear its headline, summary and image.';
    }
    return result.data;
  });
  return { slots: parsed, errors };
}

/** The slug an editor means by what they typed: a slug, or an article's address (path or full URL). */
export function slugFromReference(reference: string): string {
  let path = reference.trim();
  try {
    if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
  } catch {
    return path;
  }
  const segments = (path.split(/[?#]/)[0] ?? '').split('/').filter(Boolean);
  return (segments.at(-1) ?? '').toLowerCase();
}

/** Moves or clears a slot as a Move up / Move down / Clear button asks (`up-2`, `down-0`, `clear-3`); null for anything else. */
export function rearrange(slots: readonly FrontSlotValues[], intent: string, slotCount: number): FrontSlotValues[] | null {
  const match = /^(up|down|clear)-([0-9]{1,2})$/.exec(intent);
  if (!match) return null;
  const index = Number(match[2]);
  if (index >= slotCount) return null;
  const next = slots.slice(0, slotCount);
  if (match[1] === 'clear') {
    next[index] = { ...emptySlot };
    return next;
  }
  const other = match[1] === 'up' ? index - 1 : index + 1;
  if (other < 0 || other >= slotCount) return null;
  const [a, b] = [next[index], next[other]];
  if (!a || !b) return null;
  next[index] = b;
  next[other] = a;
  return next;
}
