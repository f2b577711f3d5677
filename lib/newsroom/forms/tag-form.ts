import { z } from 'zod';
import type { NewsroomTag } from '@/db/tags';
import { formFields, type FieldSpec, type FormValues } from '@/lib/newsroom/forms/admin-form';

export const tagFields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', hint: 'As readers see it on articles and on the tag’s page.' },
  {
    name: 'slug',
    label: 'Slug',
    hint: 'The tag page’s address (/tags/slug). Leave empty to make one from the name. The article editor finds a tag by the slug of the name typed there, so a slug made from the name is best.',
  },
];

export const tagSchema = z.object({
  id: formFields.recordId,
  name: formFields.requiredText('The name', 60),
  slug: formFields.slug,
});

export const mergeSchema = z.object({
  id: formFields.recordId,
  into: z.string().refine((raw) => raw !== '', 'Choose the tag to keep.').pipe(formFields.recordId),
});

export const tagFormValues = (tag: Pick<NewsroomTag, 'name' | 'slug'>): FormValues => ({ name: tag.name, slug: tag.slug });
