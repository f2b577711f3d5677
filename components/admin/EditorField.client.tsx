'use client';

import type { ReactNode } from 'react';
import type { ArticleFieldName, ArticleFormValues, FieldErrors } from '@/lib/newsroom/forms/article-form-values';

/** What each of the editor's fieldsets gets: the form's values as last answered, and the field messages. */
export interface EditorFieldsProps {
  values: ArticleFormValues;
  errors: FieldErrors;
}

/** A field's error id, for aria-describedby, when it has an error. */
export const errorId = (errors: FieldErrors, field: ArticleFieldName) => (errors[field] ? `${field}-error` : undefined);

/** The control's invalid and described-by attributes: its error, when it has one. */
export const errorAria = (errors: FieldErrors, field: ArticleFieldName) => ({
  'aria-invalid': errors[field] ? true : undefined,
  'aria-describedby': errorId(errors, field),
});

/** A field message shown under a control (its id is what the control's aria-describedby names). */
export function FieldError({ errors, name }: { errors: FieldErrors; name: ArticleFieldName }) {
  return (
    errors[name] && (
      <p className="field__error" id={`${name}-error`}>
        {errors[name]}
      </p>
    )
  );
}

/** One labelled field: the label, an optional hint, the control and its error. */
export function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: ArticleFieldName;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      {hint && <p className="field__hint">{hint}</p>}
      {children}
      {error && (
        <p className="field__error" id={`${name}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
