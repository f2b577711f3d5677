import { describe, expect, it } from 'vitest';
import { removesLastActiveAdmin, type AccountAccess } from './last-admin';

const admin: AccountAccess = { id: 1, role: 'admin', disabledAt: null };
const otherAdmin: AccountAccess = { id: 2, role: 'admin', disabledAt: null };
const disabledAdmin: AccountAccess = { id: 3, role: 'admin', disabledAt: 1_000 };
const editor: AccountAccess = { id: 4, role: 'editor', disabledAt: null };

describe('removesLastActiveAdmin', () => {
  it.each([
    ['demoting the only active admin', [admin, disabledAdmin, editor], { userId: 1, role: 'editor' as const }, true],
    ['disabling the only active admin', [admin, editor], { userId: 1, disabled: true }, true],
    ['demoting one of two active admins', [admin, otherAdmin], { userId: 1, role: 'writer' as const }, false],
    ['disabling one of two active admins', [admin, otherAdmin], { userId: 2, disabled: true }, false],
    ['keeping the only admin an admin', [admin], { userId: 1, role: 'admin' as const }, false],
    ['enabling the only active admin again', [admin], { userId: 1, disabled: false }, false],
    ['changing an editor', [admin, editor], { userId: 4, role: 'writer' as const }, false],
    ['disabling an editor', [admin, editor], { userId: 4, disabled: true }, false],
    ['disabling an already disabled admin', [admin, disabledAdmin], { userId: 3, disabled: true }, false],
    ['demoting a disabled admin', [admin, disabledAdmin], { userId: 3, role: 'editor' as const }, false],
    ['changing an account that does not exist', [admin], { userId: 9, disabled: true }, false],
  ])('%s: %s', (_label, accounts, change, refused) => {
    expect(removesLastActiveAdmin(accounts, change)).toBe(refused);
  });

  it('counts a disabled admin as no admin at all', () => {
    expect(removesLastActiveAdmin([admin, disabledAdmin], { userId: 1, disabled: true })).toBe(true);
  });
});
