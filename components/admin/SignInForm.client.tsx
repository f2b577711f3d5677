'use client';

import { useActionState } from 'react';
import type { SignInState } from '@/lib/auth/form-states';

const initial: SignInState = { email: '', error: null };

/** Works without JavaScript too: the server action answers the form post and re-renders it with the message. */
export function SignInForm({ signIn }: { signIn: (previous: SignInState, form: FormData) => Promise<SignInState> }) {
  const [state, action, pending] = useActionState(signIn, initial);
  return (
    <form action={action} className="panel" noValidate>
      {state.error && (
        <p className="notice notice--error" role="alert" id="sign-in-error">
          {state.error}
        </p>
      )}
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-describedby={state.error ? 'sign-in-error' : undefined}
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
