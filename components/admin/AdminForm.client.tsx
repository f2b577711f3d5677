'use client';

import { useActionState } from 'react';
import type { FieldSpec, FormAction, FormState } from '@/lib/newsroom/forms/admin-form';

/**
 * A newsroom management form (section, tag, author, account). A plain form posting to a server action,
 * so it works without JavaScript; a refused submit comes back with every field as typed and each
 * message next to its field. `hidden` carries which record the form is about, never who may change it:
 * the action checks that itself.
 */
export function AdminForm({
  id,
  action,
  initial,
  fields = [],
  hidden = {},
  submitLabel,
  danger = false,
  oneTimeLabel = 'One-time password',
}: {
  /** Unique on the page: prefixes the field ids. */
  id: string;
  action: FormAction;
  initial: FormState;
  fields?: readonly FieldSpec[];
  hidden?: Readonly<Record<string, string | number>>;
  submitLabel: string;
  danger?: boolean;
  /** What the secret shown once after a success is (a password; an integration key). */
  oneTimeLabel?: string;
}) {
  const [state, formAction, pending] = useActionState(action, initial);
  return (
    <form action={formAction} className="admin-form" id={id} noValidate>
      {state.message && (
        <p className={`notice notice--${state.message.kind}`} role={state.message.kind === 'error' ? 'alert' : 'status'}>
          {state.message.text}
        </p>
      )}
      {state.oneTimePassword && (
        <div className="one-time-password notice notice--ok">
          <p>
            {oneTimeLabel}: <code>{state.oneTimePassword}</code>
          </p>
          <p className="field__hint">
            Copy it now and give it to its owner in person or by another safe channel: it will not be shown again.
          </p>
        </div>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => (
        <Field
          key={`${field.name}-${state.answers}`}
          field={field}
          inputId={`${id}-${field.name}`}
          value={state.values[field.name] ?? ''}
          error={state.errors[field.name]}
        />
      ))}
      <button className={danger ? 'button button--danger' : 'button'} type="submit" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}

function Field({ field, inputId, value, error }: { field: FieldSpec; inputId: string; value: string; error?: string }) {
  const hintId = field.hint ? `${inputId}-hint` : undefined;
  const errorId = error ? `${inputId}-error` : undefined;
  const common = {
    id: inputId,
    name: field.name,
    defaultValue: value,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={inputId}>{field.label}</label>
      {field.hint && (
        <p className="field__hint" id={hintId}>
          {field.hint}
        </p>
      )}
      {field.kind === 'textarea' ? (
        <textarea rows={4} {...common} />
      ) : field.kind === 'select' ? (
        <select {...common}>
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          // A text box, not type=number: what was typed comes back exactly, and the server says what is wrong.
          type={field.kind === 'email' ? 'email' : 'text'}
          inputMode={field.kind === 'number' ? 'numeric' : undefined}
          autoComplete={field.autoComplete}
          {...common}
        />
      )}
      {error && (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
