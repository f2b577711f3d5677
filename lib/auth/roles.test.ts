import { describe, expect, it } from 'vitest';
import { articleStatuses } from '@/db/schema';
import { can, canEditArticle, isUserRole, permissions, type Permission, type UserRole } from './roles';

// The whole policy, written out: a change to a role's rights must change this table too.
const matrix: Record<Permission, Record<UserRole, boolean>> = {
  'article:create': { admin: true, editor: true, writer: true },
  'article:edit-own': { admin: true, editor: true, writer: true },
  'article:edit-any': { admin: true, editor: true, writer: false },
  'article:submit': { admin: true, editor: true, writer: true },
  'article:publish': { admin: true, editor: true, writer: false },
  'article:delete': { admin: true, editor: true, writer: false },
  'section:manage': { admin: true, editor: true, writer: false },
  'tag:manage': { admin: true, editor: true, writer: false },
  'author:manage': { admin: true, editor: true, writer: false },
  'redirect:manage': { admin: true, editor: true, writer: false },
  'breaking-news:manage': { admin: true, editor: true, writer: false },
  'user:manage': { admin: true, editor: false, writer: false },
  'settings:manage': { admin: true, editor: false, writer: false },
  'audit:read': { admin: true, editor: false, writer: false },
};

describe('can', () => {
  it('covers every permission', () => {
    expect(Object.keys(matrix).sort()).toEqual([...permissions].sort());
  });

  it.each(
    Object.entries(matrix).flatMap(([permission, roles]) =>
      Object.entries(roles).map(([role, allowed]) => ({ role: role as UserRole, permission: permission as Permission, allowed })),
    ),
  )('$role may $permission: $allowed', ({ role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
  });
});

describe('canEditArticle', () => {
  const writer = { id: 7, role: 'writer' as const };

  it.each([
    ['their own article', 7, true],
    ['an article they co-wrote', [3, 7], true],
    ["someone else's article", 3, false],
    ["others' article", [3, 4], false],
    ['an article with no owner', null, false],
    ['an article with no owners', [], false],
  ] as const)('lets a writer edit %s: %s', (_label, owners, allowed) => {
    expect(canEditArticle(writer, owners)).toBe(allowed);
  });

  it.each(articleStatuses)('lets a writer edit their own %s article only before it is scheduled', (status) => {
    expect(canEditArticle(writer, 7, status)).toBe(status === 'draft' || status === 'review');
  });

  it.each(['editor', 'admin'] as const)('lets an %s edit any article in any state', (role) => {
    for (const status of articleStatuses) expect(canEditArticle({ id: 1, role }, [3], status)).toBe(true);
    expect(canEditArticle({ id: 1, role }, null)).toBe(true);
  });
});

it('recognises roles', () => {
  expect(['admin', 'editor', 'writer'].every(isUserRole)).toBe(true);
  expect(['Admin', 'owner', '', null, 1].some(isUserRole)).toBe(false);
});
