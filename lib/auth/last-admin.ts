import type { UserRole } from '@/db/schema';

/** The part of an account that decides whether it is an active admin. */
export interface AccountAccess {
  id: number;
  role: UserRole;
  disabledAt: number | null;
}

/** A change to one account's access: a new role, or disabling / enabling it. */
export type AccessChange = { userId: number } & ({ role: UserRole } | { disabled: boolean });

export const LAST_ADMIN_MESSAGE =
  'This is the last active admin account: nobody could manage accounts after this change. Make another account an admin first.';

const isActiveAdmin = (account: AccountAccess) => account.role === 'admin' && account.disabledAt === null;

/**
 * Whether `change` would leave the newsroom with no active admin, so that nobody could manage accounts
 * again without the command line. `accounts` must include every admin and the changed account.
 */
export function removesLastActiveAdmin(accounts: readonly AccountAccess[], change: AccessChange): boolean {
  const target = accounts.find((a) => a.id === change.userId);
  if (!target || !isActiveAdmin(target)) return false;
  const after: AccountAccess =
    'role' in change ? { ...target, role: change.role } : { ...target, disabledAt: change.disabled ? 0 : null };
  if (isActiveAdmin(after)) return false;
  return !accounts.some((a) => a.id !== target.id && isActiveAdmin(a));
}
