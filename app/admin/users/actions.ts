'use server';

import { refresh } from 'next/cache';
import type { FormState } from '@/lib/newsroom/forms/admin-form';
import { readSessionToken } from '@/lib/auth/current-user';
import { handleNewsroomForm } from '@/lib/newsroom/forms/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { accessSchema, accountSchema, newUserSchema, roleSchema } from '@/lib/newsroom/forms/user-form';
import { changeUserRole, createUserAccount, resetUserPassword, setUserDisabled } from '@/lib/newsroom/use-cases/users';

// Account pages change no reader page: refresh() re-renders the newsroom page the form is on instead.
const { permission } = newsroomPages.users;
const refreshed = (state: FormState): FormState => {
  if (state.message?.kind === 'ok') refresh();
  return state;
};

/** Creates an account with a generated password, shown once in the answer (lib/newsroom/use-cases/users.ts). */
export async function createAccount(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, newUserSchema, createUserAccount));
}

/** Changes an account's role, unless it is the last active admin's. */
export async function changeRole(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, roleSchema, (input, user, reply) => changeUserRole(input, user, reply)));
}

/** Disables an account (ending its sessions) or enables it again, unless it is the last active admin's. */
export async function setAccountDisabled(previous: FormState, form: FormData): Promise<FormState> {
  return refreshed(await handleNewsroomForm(previous, form, permission, accessSchema, (input, user, reply) => setUserDisabled(input, user, reply)));
}

/** Gives an account a new generated password, shown once, and ends its sessions (the resetter's own excepted). */
export async function resetPassword(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, accountSchema, async (input, user, reply) => resetUserPassword(input, user, reply, await readSessionToken()));
}
