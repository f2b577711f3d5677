import { z } from 'zod';
import type { AuthorFields } from '@/db/authors';
import { formFields, type FieldSpec, type FormValues } from '@/lib/newsroom/forms/admin-form';

/** How many of the newest library images the author form offers as photos (and the current photo, when older). */
export const AUTHOR_PHOTO_CHOICES = 50;

/** The author form; the photo is chosen among library images (`photos`: id and alt text). */
export const authorFields = (photos: readonly { id: number; alt: string }[]): readonly FieldSpec[] => [
  { name: 'name', label: 'Name', hint: 'As shown in bylines.' },
  {
    name: 'slug',
    label: 'Slug',
    hint: 'The author page’s address (/authors/slug). Leave empty to make one from the name.',
  },
  { name: 'title', label: 'Job title', hint: 'Optional, e.g. “Political Correspondent”.' },
  { name: 'bio', label: 'Biography', kind: 'textarea', hint: 'Optional: a few sentences for the author page.' },
  {
    name: 'photoMediaId',
    label: 'Photo',
    kind: 'select',
    hint: 'Optional: an image from the media library, shown on the author page and, small, next to their name in bylines.',
    options: [{ value: '', label: 'No photo' }, ...photos.map((p) => ({ value: String(p.id), label: p.alt }))],
  },
];

export const authorSchema = z.object({
  id: formFields.optionalRecordId,
  name: formFields.requiredText('The name', 100),
  slug: formFields.slug,
  title: formFields.text('The job title', 100),
  bio: formFields.text('The biography', 2_000),
  photoMediaId: formFields.optionalRecordId,
});

export const emptyAuthorForm: FormValues = { name: '', slug: '', title: '', bio: '', photoMediaId: '' };

export const authorFormValues = ({ name, slug, title, bio, photoMediaId }: AuthorFields): FormValues => ({
  name,
  slug,
  title,
  bio,
  photoMediaId: photoMediaId === null ? '' : String(photoMediaId),
});
