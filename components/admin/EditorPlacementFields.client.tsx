'use client';

import type { ReactNode } from 'react';
import { STORY_TYPE_LABELS, STORY_TYPES } from '@/lib/story-types';
import { errorAria, errorId, Field, FieldError, type EditorFieldsProps } from './EditorField.client';

interface Choice {
  id: number;
  name: string;
}

/** Where the story appears, as what and under whose names: section, story type, image (given), slug, byline and tags. */
export function EditorPlacementFields({
  values,
  errors,
  sections,
  authors,
  image,
}: EditorFieldsProps & {
  sections: readonly Choice[];
  authors: readonly Choice[];
  /** The image picker, shown after the section. */
  image: ReactNode;
}) {
  // One empty author slot to add another, at least two and at most four.
  const authorSlots = Math.min(Math.max(values.authorIds.length + 1, 2), 4);
  return (
    <>
      <Field name="sectionId" label="Section" error={errors.sectionId}>
        <select id="sectionId" name="sectionId" defaultValue={values.sectionId} {...errorAria(errors, 'sectionId')}>
          <option value="">Choose…</option>
          {sections.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <Field name="type" label="Story type" hint="Readers see it above the headline (news has no label)." error={errors.type}>
        <select id="type" name="type" defaultValue={values.type} {...errorAria(errors, 'type')}>
          {STORY_TYPES.map((type) => (
            <option key={type} value={type}>
              {STORY_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      {image}
      <Field name="slug" label="Slug" hint="Leave empty to make one from the headline." error={errors.slug}>
        <input id="slug" name="slug" type="text" defaultValue={values.slug} {...errorAria(errors, 'slug')} />
      </Field>
      <fieldset className="field" aria-describedby={errorId(errors, 'authorIds')}>
        <legend>Byline</legend>
        <FieldError errors={errors} name="authorIds" />
        {Array.from({ length: authorSlots }, (_, i) => (
          <select key={i} name="authorIds" defaultValue={values.authorIds[i] ?? ''} aria-label={`Author ${i + 1}`}>
            <option value="">—</option>
            {authors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        ))}
      </fieldset>
      <Field name="tags" label="Tags" hint="Separated by commas; new tags are created." error={errors.tags}>
        <input id="tags" name="tags" type="text" defaultValue={values.tags} {...errorAria(errors, 'tags')} />
      </Field>
    </>
  );
}
