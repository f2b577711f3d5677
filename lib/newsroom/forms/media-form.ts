import { z } from 'zod';
import type { MediaText } from '@/db/media';
import { formFields, type FieldSpec, type FormValues } from '@/lib/newsroom/forms/admin-form';
import { can, type Permission, type UserRole } from '@/lib/auth/roles';

/** The media library: writers may upload too, since they illustrate their own drafts. */
export const mediaLibrary = { path: '/admin/media', permission: 'article:create' } as const satisfies {
  path: string;
  permission: Permission;
};

export const LIVE_FOR_EDITORS =
  'This image is on published pages, so only an editor can change its text (a writer’s change would reach readers without review).';

/**
 * Whether this role may change the text of an image shown where `usage` says: anyone who may upload,
 * while no reader sees it; once it heads a published article, is shown in one's text (inline or in a
 * gallery) or portrays an author, only those who may publish, as with the article itself.
 */
export function mayEditLiveText(role: UserRole, usage: { publishedArticleIds: readonly number[]; authorSlugs: readonly string[] }): boolean {
  return can(role, 'article:publish') || (usage.publishedArticleIds.length === 0 && usage.authorSlugs.length === 0);
}

export const ALT_REQUIRED =
  'Describe what the image shows: alt text is required, for readers who cannot see the image.';

/** The text that goes with an image, in the upload form and the edit form alike. */
export const mediaTextFields: readonly FieldSpec[] = [
  {
    name: 'alt',
    label: 'Alt text (required)',
    hint: 'What the image shows, in a sentence, for readers who cannot see it. Not a caption: say what is in the picture.',
  },
  { name: 'caption', label: 'Caption', kind: 'textarea', hint: 'Optional. Shown under the image.' },
  { name: 'credit', label: 'Credit', hint: 'Optional. The photographer or agency, e.g. “Photo: A. Reporter / CRBC”.' },
];

export const mediaTextSchema = z.object({
  alt: z.string().trim().min(1, ALT_REQUIRED).max(300, 'Alt text can be at most 300 characters: put the rest in the caption.'),
  caption: formFields.text('The caption', 600),
  credit: formFields.text('The credit', 200),
});

export const editMediaSchema = mediaTextSchema.extend({ id: formFields.recordId });

export const emptyMediaText: FormValues = { alt: '', caption: '', credit: '' };

export const mediaTextValues = (text: MediaText): FormValues => ({ alt: text.alt, caption: text.caption, credit: text.credit });
