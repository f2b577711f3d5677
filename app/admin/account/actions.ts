'use server';

import { clientAddress, getCurrentUser, readSessionToken } from '@/lib/auth/current-user';
import { changeOwnPasswordOf, type PasswordState } from '@/lib/newsroom/use-cases/users';

export type { PasswordState };

/**
 * Changes the signed-in user's own password and signs out their other sessions (passwords are never echoed
 * back): lib/newsroom/use-cases/users.ts.
 */
export async function changeOwnPassword(_previous: PasswordState, form: FormData): Promise<PasswordState> {
  const passwords = { current: String(form.get('current') ?? ''), next: String(form.get('next') ?? ''), confirm: String(form.get('confirm') ?? '') };
  return changeOwnPasswordOf(passwords, await getCurrentUser(), { address: await clientAddress(), ownSessionToken: await readSessionToken() });
}
