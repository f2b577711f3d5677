'use client';

import { useActionState } from 'react';
import type { PasswordState } from '@/lib/auth/form-states';

const initial: PasswordState = { errors: {}, message: null };

const FIELDS = [
  { name: 'current', label: 'Current password', autoComplete: 'current-password' },
  { name: 'next', label: 'New password', autoComplete: 'new-password', hint: 'At least 12 characters.' },
  { name: 'confirm', label: 'New password again', autoComplete: 'new-password' },
] as const;

export function PasswordForm({ changeOwnPassword }: { changeOwnPassword: (previous: PasswordState, form: FormData) => Promise<PasswordState> }) {
  const [state, action, pending] = useActionState(changeOwnPassword, initial);
  return (
    <form action={action} className="panel">
      {state.message && (
        <p className={`notice notice--${state.message.kind}`} role={state.message.kind === 'error' ? 'alert' : 'status'}>
          {state.message.text}
        </p>
      )}
      {FIELDS.map((field) => {
        const error = state.errors[field.name];
        const hintId = 'hint' in field ? `${field.name}-hint` : undefined;
        return (
          <div className="field" key={field.name}>
            <label htmlFor={`password-${field.name}`}>{field.label}</label>
            {hintId && (
              <p className="field__hint" id={hintId}>
                {'hint' in field && field.hint}
              </p>
            )}
            <input
              id={`password-${field.name}`}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              aria-invalid={error ? true : undefined}
              aria-describedby={[error ? `password-${field.name}-error` : '', hintId ?? ''].join(' ').trim() || undefined}
            />
            {error && (
              <p className="field__error" id={`password-${field.name}-error`}>
                {error}
              </p>
            )}
          </div>
        );
      })}
      <button className="button" type="submit" disabled={pending}>
        Change password
      </button>
    </form>
  );
}
