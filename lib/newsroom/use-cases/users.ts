import type { z } from 'zod';
import { writeWithAudit } from '@/db/audit';
import { getDb } from '@/db/client';
import { changeUserAccess, createUser, EmailTakenError, getUserById, getUserListItem, setUserPassword, type AccessChangeResult } from '@/db/users';
import { LAST_ADMIN_MESSAGE } from '@/lib/auth/last-admin';
import { generatePassword, hashPassword, passwordProblem } from '@/lib/auth/passwords';
import { endOtherSessions, type SessionUser } from '@/lib/auth/sessions';
import { checkCurrentPassword } from '@/lib/auth/sign-in';
import { countOf, type FormState } from '../forms/admin-form';
import type { FormReply } from '../forms/form-actions';
import { emptyUserForm, type accessSchema, type accountSchema, type newUserSchema, type roleSchema } from '../forms/user-form';
import type { PasswordState } from '@/lib/auth/form-states';

// Accounts change no reader page: nothing to invalidate (the adapters re-render the newsroom page instead).
const GONE = 'This account no longer exists.';
const EMAIL_TAKEN = 'Another account already uses this email.';

const refusalFor = (result: Exclude<AccessChangeResult, 'changed'>, reply: FormReply) => reply.refuse(result === 'last-admin' ? LAST_ADMIN_MESSAGE : GONE);

/** Creates an account with a generated password, shown once in the answer; audited in the same transaction. */
export async function createUserAccount(input: z.output<typeof newUserSchema>, user: SessionUser, reply: FormReply): Promise<FormState> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const db = getDb();
  try {
    writeWithAudit(
      db,
      () => createUser({ ...input, passwordHash }, db),
      (id) => ({ userId: user.id, action: 'created', entity: 'user', entityId: id, detail: `${input.email} as ${input.role}` }),
    );
  } catch (error) {
    if (error instanceof EmailTakenError) return reply.refuseField('email', EMAIL_TAKEN);
    throw error;
  }
  return reply.accept(`Account created for ${input.email} (${input.role}). They can sign in with the password below.`, {
    values: emptyUserForm,
    oneTimePassword: password,
  });
}

/** Changes an account's role, unless it is the last active admin's. */
export function changeUserRole({ id, role }: z.output<typeof roleSchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const account = getUserListItem(id);
  if (!account) return reply.refuse(GONE);
  if (account.role === role) return reply.accept(`The role is ${role} already.`, { values: { role } });
  const db = getDb();
  const result = writeWithAudit(
    db,
    () => changeUserAccess({ userId: id, role }, now, db),
    (changed) => (changed === 'changed' ? { userId: user.id, action: 'role changed', entity: 'user', entityId: id, detail: `${account.email}: ${account.role} → ${role}` } : null),
  );
  if (result !== 'changed') return refusalFor(result, reply);
  return reply.accept(`${account.email} is ${role === 'admin' ? 'an' : 'a'} ${role} now, from their next page on.`, { values: { role } });
}

/** Disables an account (ending its sessions) or enables it again, unless it is the last active admin's. */
export function setUserDisabled({ id, disable }: z.output<typeof accessSchema>, user: SessionUser, reply: FormReply, now: number = Date.now()): FormState {
  const account = getUserListItem(id);
  if (!account) return reply.refuse(GONE);
  const db = getDb();
  const result = writeWithAudit(
    db,
    () => changeUserAccess({ userId: id, disabled: disable }, now, db),
    (changed) => (changed === 'changed' ? { userId: user.id, action: disable ? 'disabled' : 'enabled', entity: 'user', entityId: id, detail: account.email } : null),
  );
  if (result !== 'changed') return refusalFor(result, reply);
  return reply.accept(disable ? 'Account disabled: it is signed out everywhere and cannot sign in.' : 'Account enabled: it can sign in again.', { values: {} });
}

/**
 * Gives an account a new generated password, shown once, and ends its sessions: all of them, except
 * `ownSessionToken` when admins reset their own (they stay signed in here).
 */
export async function resetUserPassword(
  { id }: z.output<typeof accountSchema>,
  user: SessionUser,
  reply: FormReply,
  ownSessionToken: string | undefined,
): Promise<FormState> {
  const account = getUserListItem(id);
  if (!account) return reply.refuse(GONE);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const keep = id === user.id ? ownSessionToken : undefined;
  const db = getDb();
  const ended = writeWithAudit(
    db,
    () => {
      setUserPassword(id, passwordHash, db);
      return endOtherSessions(id, keep, db);
    },
    (count) => ({ userId: user.id, action: 'password reset', entity: 'user', entityId: id, detail: `${account.email}; ${countOf(count, 'session')} ended` }),
  );
  return reply.accept(`New password set for ${account.email}; ${countOf(ended, 'session')} ended.`, { values: {}, oneTimePassword: password });
}

export type { PasswordState };

/**
 * Changes the signed-in user's own password and signs out their other sessions (all but
 * `ownSessionToken`). The current password is checked through the sign-in throttle, keyed by the account.
 */
export async function changeOwnPasswordOf(
  { current, next, confirm }: { current: string; next: string; confirm: string },
  session: SessionUser | null,
  { address, ownSessionToken, now = Date.now() }: { address: string; ownSessionToken: string | undefined; now?: number },
): Promise<PasswordState> {
  const user = session && getUserById(session.id);
  if (!session || !user) return { errors: {}, message: { kind: 'error', text: 'You have been signed out. Sign in again first.' } };

  const errors: PasswordState['errors'] = {};
  const wrongCurrent = await checkCurrentPassword({ user, password: current, address, now });
  if (wrongCurrent) errors.current = wrongCurrent;
  const problem = passwordProblem(next);
  if (problem) errors.next = problem;
  else if (next === current) errors.next = 'Choose a password different from the current one.';
  if (confirm !== next) errors.confirm = 'The two new passwords differ.';
  if (Object.keys(errors).length > 0) {
    return { errors, message: { kind: 'error', text: 'The password was not changed: see the messages next to the fields.' } };
  }

  const passwordHash = await hashPassword(next);
  const db = getDb();
  writeWithAudit(
    db,
    () => {
      setUserPassword(user.id, passwordHash, db);
      return endOtherSessions(user.id, ownSessionToken, db);
    },
    (ended) => ({ userId: user.id, action: 'changed own password', entity: 'user', entityId: user.id, detail: `${ended} other sessions ended` }),
  );
  return { errors: {}, message: { kind: 'ok', text: 'Password changed. Your other sessions have been signed out.' } };
}
