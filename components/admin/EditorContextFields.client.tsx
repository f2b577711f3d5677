'use client';

import { BodyField } from './BodyField.client';
import { errorAria, Field, type EditorFieldsProps } from './EditorField.client';
import type { MediaPickerActions } from './MediaLibraryPicker.client';
import { RelatedFinder } from './RelatedFinder.client';

/** What goes around the story: why it matters, the related articles (with a finder) and a context note. */
export function EditorContextFields({
  values,
  errors,
  findArticlesToRelate,
  mediaActions,
}: EditorFieldsProps & {
  findArticlesToRelate: (query: string) => Promise<{ slug: string; headline: string }[]>;
  /** For the compact visual editor of "Why it matters" (it inserts no images, but shares the body's editor). */
  mediaActions: MediaPickerActions;
}) {
  return (
    <>
      <Field name="whyItMatters" label="Why it matters" hint="Markdown." error={errors.whyItMatters}>
        <BodyField
          label="Why it matters"
          compact
          initialBody={values.whyItMatters}
          media={[]}
          actions={mediaActions}
          textarea={({ hidden, ref }) => (
            <textarea id="whyItMatters" name="whyItMatters" rows={5} ref={ref} hidden={hidden} defaultValue={values.whyItMatters} {...errorAria(errors, 'whyItMatters')} />
          )}
        />
      </Field>
      <Field
        name="related"
        label="Related articles"
        hint="One per line, in the order readers should see them: the article's address or slug. Stories sharing tags follow automatically."
        error={errors.related}
      >
        <textarea id="related" name="related" rows={3} defaultValue={values.related} {...errorAria(errors, 'related')} />
        <RelatedFinder targetId="related" findArticlesToRelate={findArticlesToRelate} />
      </Field>
      <Field name="contextNote" label="Context note" hint="Optional: what is confirmed and what is not, how figures were obtained." error={errors.contextNote}>
        <textarea id="contextNote" name="contextNote" rows={2} defaultValue={values.contextNote} {...errorAria(errors, 'contextNote')} />
      </Field>
    </>
  );
}
