'use client';

import { errorAria, Field, type EditorFieldsProps } from './EditorField.client';
import { MarkdownPreview } from './MarkdownPreview.client';

/** The story's text: headline, summary and the Markdown body with its preview. */
export function EditorTextFields({
  values,
  errors,
  body,
  onBodyChange,
  previewing,
  onPreviewToggle,
  previewMarkdown,
}: EditorFieldsProps & {
  /** The body as typed, for the preview. */
  body: string;
  onBodyChange: (body: string) => void;
  previewing: boolean;
  onPreviewToggle: () => void;
  previewMarkdown: (markdown: string) => Promise<string>;
}) {
  return (
    <>
      <Field name="headline" label="Headline" error={errors.headline}>
        <input id="headline" name="headline" type="text" defaultValue={values.headline} {...errorAria(errors, 'headline')} />
      </Field>
      <Field name="summary" label="Summary" hint="A standalone sentence or two, shown under the headline and in lists." error={errors.summary}>
        <textarea id="summary" name="summary" rows={3} defaultValue={values.summary} {...errorAria(errors, 'summary')} />
      </Field>
      <Field name="body" label="Body" hint="Markdown: blank lines between paragraphs, ## for a subheading, > for a quote, - for a list." error={errors.body}>
        <textarea id="body" name="body" rows={18} defaultValue={values.body} onChange={(event) => onBodyChange(event.target.value)} {...errorAria(errors, 'body')} />
        <button type="button" className="button button--secondary" aria-expanded={previewing} onClick={onPreviewToggle}>
          {previewing ? 'Hide preview' : 'Show preview'}
        </button>
        {previewing && <MarkdownPreview markdown={body} previewMarkdown={previewMarkdown} />}
      </Field>
    </>
  );
}
