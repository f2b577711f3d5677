import { z } from 'zod';
import type { NewsroomSection } from '@/db/sections';
import { formFields, type FieldSpec, type FormValues } from '@/lib/newsroom/forms/admin-form';

export const sectionFields: readonly FieldSpec[] = [
  { name: 'name', label: 'Name', hint: 'As shown in the site’s navigation.' },
  {
    name: 'slug',
    label: 'Slug',
    hint: 'The section’s address (/slug): lowercase letters, digits and hyphens. Leave empty to make one from the name. Changing it moves the section page; links to its articles redirect.',
  },
  { name: 'position', label: 'Position', kind: 'number', hint: 'Order in the navigation: lower numbers come first.' },
  { name: 'description', label: 'Description', kind: 'textarea', hint: 'Optional: shown on the section page and to search engines.' },
];

export const sectionSchema = z.object({
  id: formFields.optionalRecordId,
  name: formFields.requiredText('The name', 60),
  slug: formFields.slug,
  position: z
    .string()
    .trim()
    .regex(/^[0-9]{1,4}$/, 'Use a whole number from 0 to 9999.')
    .transform(Number),
  description: formFields.text('The description', 300),
});

export const emptySectionForm: FormValues = { name: '', slug: '', position: '0', description: '' };

export const sectionFormValues = (section: Pick<NewsroomSection, 'name' | 'slug' | 'position' | 'description'>): FormValues => ({
  name: section.name,
  slug: section.slug,
  position: String(section.position),
  description: section.description,
});
