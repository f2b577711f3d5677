'use client';

import { errorAria, Field, type EditorFieldsProps } from './EditorField.client';
import { CharCount, RECOMMENDED } from './EditorStoryFacts.client';

/** How search engines show the story: its own title and description, the headline and summary by default. */
export function EditorSearchFields({ values, errors }: EditorFieldsProps) {
  return (
    <>
      <Field name="seoTitle" label="Search title" hint="Optional; the headline by default." error={errors.seoTitle}>
        <input id="seoTitle" name="seoTitle" type="text" defaultValue={values.seoTitle} {...errorAria(errors, 'seoTitle')} />
        <CharCount field="seoTitle" range={RECOMMENDED.seoTitle} />
      </Field>
      <Field name="seoDescription" label="Search description" hint="Optional; the summary by default." error={errors.seoDescription}>
        <textarea id="seoDescription" name="seoDescription" rows={3} defaultValue={values.seoDescription} {...errorAria(errors, 'seoDescription')} />
        <CharCount field="seoDescription" range={RECOMMENDED.seoDescription} />
      </Field>
    </>
  );
}
