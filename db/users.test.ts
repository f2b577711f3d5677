import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from './client';
import { insertSession } from './sessions';
import { withTestDatabase } from '@/test/support/database';
import {
  changeUserAccess,
  countUsers,
  createUser,
  EmailTakenError,
  getUserByEmail,
  getUserById,
  getUserListItem,
  listUsers,
  setUserDisabled,
  setUserPassword,
  setUserRole,
} from './users';

const database = withTestDatabase();
let db: Db;
beforeEach(() => {
  db = database();
});

const add = (email: string, role: 'admin' | 'editor' | 'writer' = 'writer') =>
  createUser({ email, name: 'Someone', role, passwordHash: 'hash' }, db);

it('stores emails trimmed and lowercased, and finds them however they are typed', () => {
  const id = add('  Jo.Bloggs@Example.COM ');
  expect(getUserById(id, db)).toEqual({
    id,
    email: 'jo.bloggs@example.com',
    name: 'Someone',
    role: 'writer',
    passwordHash: 'hash',
    authorId: null,
    disabledAt: null,
  });
  expect(getUserByEmail('JO.BLOGGS@example.com ', db)?.id).toBe(id);
  expect(getUserByEmail('other@example.com', db)).toBeNull();
  expect(getUserById(id + 1, db)).toBeNull();
});

it('refuses a second account with the same email, in any case', () => {
  add('jo@example.com');
  expect(() => add('JO@example.com')).toThrow(EmailTakenError);
  expect(() => add('jo@example.com')).toThrow('The email jo@example.com is already taken by another account.');
  expect(countUsers(db)).toBe(1);
});

it('lists accounts by email without their password hashes', () => {
  add('b@example.com');
  add('a@example.com', 'admin');
  const list = listUsers(db);
  expect(list.map((u) => [u.email, u.role])).toEqual([
    ['a@example.com', 'admin'],
    ['b@example.com', 'writer'],
  ]);
  expect(list[0]).not.toHaveProperty('passwordHash');
  expect(list[0]?.createdAt).toEqual(expect.any(Number));
  expect(getUserListItem(list[1]!.id, db)).toEqual(list[1]);
  expect(getUserListItem(999, db)).toBeNull();
});

it('changes passwords and roles, and says when there is no such account', () => {
  const id = add('jo@example.com');
  expect(setUserPassword(id, 'new hash', db)).toBe(true);
  expect(setUserRole(id, 'editor', db)).toBe(true);
  expect(getUserById(id, db)).toMatchObject({ passwordHash: 'new hash', role: 'editor' });
  expect(setUserPassword(999, 'x', db)).toBe(false);
  expect(setUserRole(999, 'admin', db)).toBe(false);
});

it('disables an account (keeping the first time), ends its sessions, and enables it again', () => {
  const id = add('jo@example.com');
  const other = add('other@example.com');
  insertSession('jo-session', id, 10_000, 0, db);
  insertSession('other-session', other, 10_000, 0, db);
  expect(setUserDisabled(id, true, 1_000, db)).toBe(true);
  expect(setUserDisabled(id, true, 2_000, db)).toBe(true);
  expect(getUserById(id, db)?.disabledAt).toBe(1_000);
  expect(db.$client.prepare('select token_hash from sessions').pluck().all()).toEqual(['other-session']);
  expect(setUserDisabled(id, false, 3_000, db)).toBe(true);
  expect(getUserById(id, db)?.disabledAt).toBeNull();
  expect(setUserDisabled(999, true, 1_000, db)).toBe(false);
});

it('counts accounts', () => {
  expect(countUsers(db)).toBe(0);
  add('a@example.com');
  add('b@example.com');
  expect(countUsers(db)).toBe(2);
});

describe('changeUserAccess', () => {
  it('changes roles and disables accounts while another active admin remains', () => {
    const first = add('first@example.com', 'admin');
    const second = add('second@example.com', 'admin');
    const writer = add('writer@example.com');
    insertSession('first-session', first, 10_000, 0, db);
    expect(changeUserAccess({ userId: writer, role: 'editor' }, 1_000, db)).toBe('changed');
    expect(changeUserAccess({ userId: first, disabled: true }, 1_000, db)).toBe('changed');
    expect(getUserById(first, db)?.disabledAt).toBe(1_000);
    expect(db.$client.prepare('select count(*) from sessions').pluck().get()).toBe(0);
    expect(getUserById(writer, db)?.role).toBe('editor');
    expect(getUserById(second, db)?.role).toBe('admin');
  });

  it('refuses to demote or disable the last active admin, changing nothing', () => {
    const admin = add('admin@example.com', 'admin');
    const disabledAdmin = add('old.admin@example.com', 'admin');
    setUserDisabled(disabledAdmin, true, 500, db);
    expect(changeUserAccess({ userId: admin, role: 'editor' }, 1_000, db)).toBe('last-admin');
    expect(changeUserAccess({ userId: admin, disabled: true }, 1_000, db)).toBe('last-admin');
    expect(getUserById(admin, db)).toMatchObject({ role: 'admin', disabledAt: null });
    // Re-enabling the other admin makes room to step down.
    expect(changeUserAccess({ userId: disabledAdmin, disabled: false }, 1_000, db)).toBe('changed');
    expect(changeUserAccess({ userId: admin, role: 'writer' }, 1_000, db)).toBe('changed');
  });

  it('says when there is no such account', () => {
    add('admin@example.com', 'admin');
    expect(changeUserAccess({ userId: 999, disabled: true }, 1_000, db)).toBe('missing');
  });
});
