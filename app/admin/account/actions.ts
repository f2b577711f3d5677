'use server';

import { recordAudit } from '@/db/audit';
import { getUserById, setUserPassword } from '@/db/users';
import { clientAddress, getCurrentUser, readSessionToken } from '@/lib/auth/current-user';
import { hashPassword, passwordProblem } from '@/lib/auth/passwords';
import { endOtherSessions } from '@/lib/auth/sessions';
import { checkCurrentPassword } from '@/lib/auth/sign-in';

export interface PasswordState {
  errors: Partial<Record<'current' | 'next' | 'confirm', string>>;
  message: { kind: 'ok' | 'error'; text: string } | null;
}

/**
 * Changes the signed-in user's own password and signs out their other sessions (passwords are never echoed
 * back). The current password is checked through the sign-in throttle, keyed by the account.
 */
export async function changeOwnPassword(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const current = String(form.get('current') ?? '');
  const next = String(form.get('next') ?? '');
  const confirm = String(form.get('confirm') ?? '');
  const session = await getCurrentUser();
  const user = session && getUserById(session.id);
  if (!session || !user) return { errors: {}, message: { kind: 'error', text: 'You have been signed out. Sign in again first.' } };

  const errors: PasswordState['errors'] = {};
  const wrongCurrent = await checkCurrentPassword({ user, password: current, address: await clientAddress(), now: Date.now() });
  if (wrongCurrent) errors.current = wrongCurrent;
  const problem = passwordProblem(next);
  if (problem) errors.next = problem;
  else if (next === current) errors.next = 'Choose a password different from the current one.';
  if (confirm !== next) errors.confirm = 'The two new passwords differ.';
  if (Object.keys(errors).length > 0) {
    return { errors, message: { kind: 'error', text: 'The password was not changed: see the messages next to the fields.' } };
  }

  setUserPassword(user.id, await hashPassword(next));
  const ended = endOtherSessions(user.id, await readSessionToken());
  recordAudit({ userId: user.id, action: 'changed own password', entity: 'user', entityId: user.id, detail: `${ended} other sessions ended` });
  return { errors: {}, message: { kind: 'ok', text: 'Password changed. Your other sessions have been signed out.' } };
}
