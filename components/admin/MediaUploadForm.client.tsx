'use client';

import { useActionState } from 'react';
import type { FieldSpec, FormState } from '@/lib/newsroom/forms/admin-form';

/**
 * The image upload form: a plain multipart form posting to a server action, so it works without
 * JavaScript. A refused upload comes back with the text as typed and each message next to its field;
 * the file itself must be chosen again (no browser lets a page fill in a file input).
 */
export function MediaUploadForm({
  uploadMedia,
  initial,
  textFields,
  fileHint,
}: {
  uploadMedia: (previous: FormState, form: FormData) => Promise<FormState>;
  initial: FormState;
  textFields: readonly FieldSpec[];
  fileHint: string;
}) {
  const [state, action, pending] = useActionState(uploadMedia, initial);
  const describedBy = (name: string, hint: boolean) =>
    [hint && `upload-${name}-hint`, state.errors[name] && `upload-${name}-error`].filter(Boolean).join(' ') || undefined;
  const message = (name: string, text: string | undefined, kind: 'hint' | 'error') =>
    text && (
      <p className={`field__${kind}`} id={`upload-${name}-${kind}`}>
        {text}
      </p>
    );
  return (
    <form action={action} className="admin-form" id="upload" noValidate>
      {state.message && (
        <p className={`notice notice--${state.message.kind}`} role={state.message.kind === 'error' ? 'alert' : 'status'}>
          {state.message.text}
        </p>
      )}
      <div className="field">
        <label htmlFor="upload-file">Image file</label>
        {message('file', state.errors.file ? `${fileHint} Choose the file again after a refusal.` : fileHint, 'hint')}
        <input
          id="upload-file"
          name="file"
          type="file"
          // Only narrows the browser's file chooser: the server judges the file by its content.
          accept="image/jpeg,image/png,image/webp,image/avif,image/gif"
          aria-invalid={state.errors.file ? true : undefined}
          aria-describedby={describedBy('file', true)}
        />
        {message('file', state.errors.file, 'error')}
      </div>
      {textFields.map((field) => {
        const common = {
          id: `upload-${field.name}`,
          name: field.name,
          defaultValue: state.values[field.name] ?? '',
          'aria-invalid': state.errors[field.name] ? true : undefined,
          'aria-describedby': describedBy(field.name, Boolean(field.hint)),
        };
        return (
          <div className="field" key={field.name}>
            <label htmlFor={common.id}>{field.label}</label>
            {message(field.name, field.hint, 'hint')}
            {field.kind === 'textarea' ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
            {message(field.name, state.errors[field.name], 'error')}
          </div>
        );
      })}
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Uploading…' : 'Upload image'}
      </button>
    </form>
  );
}
