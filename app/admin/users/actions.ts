'use server';

import { refresh } from 'next/cache';
import { recordAudit } from '@/db/audit';
import { changeUserAccess, createUser, EmailTakenError, getUserListItem, setUserPassword, type AccessChangeResult } from '@/db/users';
import { countOf, type FormState } from '@/lib/newsroom/admin-form';
import { readSessionToken } from '@/lib/auth/current-user';
import { LAST_ADMIN_MESSAGE } from '@/lib/auth/last-admin';
import { generatePassword, hashPassword } from '@/lib/auth/passwords';
import { endOtherSessions } from '@/lib/auth/sessions';
import { handleNewsroomForm, type FormReply } from '@/lib/newsroom/form-actions';
import { newsroomPages } from '@/lib/newsroom/pages';
import { accessSchema, accountSchema, emptyUserForm, newUserSchema, roleSchema } from '../../../lib/newsroom/user-form';

// Account pages change no reader page: refresh() re-renders the newsroom page the form is on instead.
const { permission } = newsroomPages.users;
const GONE = 'This account no longer exists.';
const EMAIL_TAKEN = 'Another account already uses this email.';

const refusalFor = (result: Exclude<AccessChangeResult, 'changed'>, reply: FormReply) =>
  reply.refuse(result === 'last-admin' ? LAST_ADMIN_MESSAGE : GONE);

/** Creates an account with a generated password, shown once in the answer. */
export async function createAccount(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, newUserSchema, async (input, user, reply) => {
    const password = generatePassword();
    let id: number;
    try {
      id = createUser({ ...input, passwordHash: await hashPassword(password) });
    } catch (error) {
      if (error instanceof EmailTakenError) return reply.refuseField('email', EMAIL_TAKEN);
      throw error;
    }
    recordAudit({ userId: user.id, action: 'created', entity: 'user', entityId: id, detail: `${input.email} as ${input.role}` });
    refresh();
    return reply.accept(`Account created for ${input.email} (${input.role}). They can sign in with the password below.`, {
      values: emptyUserForm,
      oneTimePassword: password,
    });
  });
}

/** Changes an account's role, unless it is the last active admin's. */
export async function changeRole(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, roleSchema, ({ id, role }, user, reply) => {
    const account = getUserListItem(id);
    if (!account) return reply.refuse(GONE);
    if (account.role === role) return reply.accept(`The role is ${role} already.`, { values: { role } });
    const result = changeUserAccess({ userId: id, role }, Date.now());
    if (result !== 'changed') return refusalFor(result, reply);
    recordAudit({ userId: user.id, action: 'role changed', entity: 'user', entityId: id, detail: `${account.email}: ${account.role} → ${role}` });
    refresh();
    return reply.accept(`${account.email} is ${role === 'admin' ? 'an' : 'a'} ${role} now, from their next page on.`, { values: { role } });
  });
}

/** Disables an account (ending its sessions) or enables it again, unless it is the last active admin's. */
export async function setAccountDisabled(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, accessSchema, ({ id, disable }, user, reply) => {
    const account = getUserListItem(id);
    if (!account) return reply.refuse(GONE);
    const result = changeUserAccess({ userId: id, disabled: disable }, Date.now());
    if (result !== 'changed') return refusalFor(result, reply);
    recordAudit({ userId: user.id, action: disable ? 'disabled' : 'enabled', entity: 'user', entityId: id, detail: account.email });
    refresh();
    return reply.accept(disable ? 'Account disabled: it is signed out everywhere and cannot sign in.' : 'Account enabled: it can sign in again.', {
      values: {},
    });
  });
}

/** Gives an account a new generated password, shown once, and ends its sessions (the resetter's own excepted). */
export async function resetPassword(previous: FormState, form: FormData): Promise<FormState> {
  return handleNewsroomForm(previous, form, permission, accountSchema, async ({ id }, user, reply) => {
    const account = getUserListItem(id);
    if (!account) return reply.refuse(GONE);
    const password = generatePassword();
    setUserPassword(id, await hashPassword(password));
    // Whoever had the old password is signed out; an admin resetting their own keeps this session.
    const keep = id === user.id ? await readSessionToken() : undefined;
    const ended = endOtherSessions(id, keep);
    recordAudit({ userId: user.id, action: 'password reset', entity: 'user', entityId: id, detail: `${account.email}; ${countOf(ended, 'session')} ended` });
    return reply.accept(`New password set for ${account.email}; ${countOf(ended, 'session')} ended.`, { values: {}, oneTimePassword: password });
  });
}
