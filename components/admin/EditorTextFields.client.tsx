'use client';

import { BodyField } from './BodyField.client';
import { errorAria, Field, type EditorFieldsProps } from './EditorField.client';
import { CharCount, RECOMMENDED } from './EditorStoryFacts.client';
import { MarkdownPreview } from './MarkdownPreview.client';
import type { MediaChoice, MediaPickerActions } from './MediaLibraryPicker.client';

/** The story's text: headline, summary and the Markdown body with its preview. */
export function EditorTextFields({
  values,
  errors,
  body,
  onBodyChange,
  previewing,
  onPreviewToggle,
  previewMarkdown,
  media,
  mediaActions,
}: EditorFieldsProps & {
  /** The body as typed, for the preview. */
  body: string;
  onBodyChange: (body: string) => void;
  previewing: boolean;
  onPreviewToggle: () => void;
  previewMarkdown: (markdown: string) => Promise<string>;
  /** The library images the visual editor offers first, and the picker's actions (search, upload). */
  media: readonly MediaChoice[];
  mediaActions: MediaPickerActions;
}) {
  return (
    <>
      <Field name="headline" label="Headline" error={errors.headline}>
        {/* A headline is one line: it wraps as it grows, and Enter (or a pasted line break) adds no new line. */}
        <textarea
          id="headline"
          name="headline"
          className="field__headline"
          rows={2}
          defaultValue={values.headline}
          onKeyDown={(event) => {
            if (event.key === 'Enter') event.preventDefault();
          }}
          onChange={(event) => {
            const field = event.target;
            const oneLine = field.value.replace(/[\r\n]+/g, ' ');
            if (oneLine !== field.value) field.value = oneLine;
            // Grows with the headline (CSS field-sizing would widen the whole column on a phone).
            field.style.height = 'auto';
            field.style.height = `${field.scrollHeight + 2}px`;
          }}
          {...errorAria(errors, 'headline')}
        />
        <CharCount field="headline" range={RECOMMENDED.headline} />
      </Field>
      <Field name="summary" label="Summary" hint="A standalone sentence or two, shown under the headline and in lists." error={errors.summary}>
        <textarea id="summary" name="summary" rows={3} defaultValue={values.summary} {...errorAria(errors, 'summary')} />
        <CharCount field="summary" range={RECOMMENDED.summary} />
      </Field>
      <Field name="body" label="Body" hint="Markdown: blank lines between paragraphs, ## for a subheading, > for a quote, - for a list." error={errors.body}>
        <BodyField
          initialBody={values.body}
          media={media}
          actions={mediaActions}
          textarea={({ hidden, ref }) => (
            <textarea
              id="body"
              name="body"
              rows={18}
              ref={ref}
              hidden={hidden}
              defaultValue={values.body}
              onChange={(event) => onBodyChange(event.target.value)}
              {...errorAria(errors, 'body')}
            />
          )}
        />
        <button type="button" className="button button--secondary" aria-expanded={previewing} onClick={onPreviewToggle}>
          {previewing ? 'Hide preview' : 'Show preview'}
        </button>
        {previewing && <MarkdownPreview markdown={body} previewMarkdown={previewMarkdown} />}
      </Field>
    </>
  );
}
