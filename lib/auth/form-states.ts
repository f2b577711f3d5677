/**
 * What the sign-in and password forms show after each answer from their server actions
 * (app/admin/session-actions.ts, app/admin/account/actions.ts): the form, as a client component, takes
 * the action as a prop and types its state from here, never from app/.
 */

export interface SignInState {
  email: string;
  error: string | null;
}

export interface PasswordState {
  errors: Partial<Record<'current' | 'next' | 'confirm', string>>;
  message: { kind: 'ok' | 'error'; text: string } | null;
}
