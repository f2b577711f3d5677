'use client';

import { errorAria, Field, type EditorFieldsProps } from './EditorField.client';
import { RelatedFinder } from './RelatedFinder.client';

/** What goes around the story: why it matters, the related articles (with a finder) and a context note. */
export function EditorContextFields({
  values,
  errors,
  findArticlesToRelate,
}: EditorFieldsProps & { findArticlesToRelate: (query: string) => Promise<{ slug: string; headline: string }[]> }) {
  return (
    <>
      <Field name="whyItMatters" label="Why it matters" hint="Markdown." error={errors.whyItMatters}>
        <textarea id="whyItMatters" name="whyItMatters" rows={5} defaultValue={values.whyItMatters} {...errorAria(errors, 'whyItMatters')} />
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
