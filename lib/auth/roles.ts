import { userRoles, type ArticleStatus, type UserRole } from '@/db/schema';

export { userRoles, type UserRole };

export const permissions = [
  'article:create',
  'article:edit-own',
  'article:edit-any',
  'article:submit',
  'article:publish',
  'article:delete',
  'section:manage',
  'tag:manage',
  'author:manage',
  'redirect:manage',
  'breaking-news:manage',
  'user:manage',
  'settings:manage',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

const writer: readonly Permission[] = ['article:create', 'article:edit-own', 'article:submit'];
const editor: readonly Permission[] = [
  ...writer,
  'article:edit-any',
  'article:publish',
  'article:delete',
  'section:manage',
  'tag:manage',
  'author:manage',
  'redirect:manage',
  'breaking-news:manage',
];

/** What each role may do; a Record, so adding a role without deciding its permissions fails to compile. */
export const rolePermissions: Record<UserRole, ReadonlySet<Permission>> = {
  admin: new Set(permissions),
  editor: new Set(editor),
  writer: new Set(writer),
};

export function can(role: UserRole, permission: Permission): boolean {
  return rolePermissions[role].has(permission);
}

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (userRoles as readonly string[]).includes(value);
}

// Once an article is scheduled or published, a writer's edits would reach readers without review.
const statusesWritersMayEdit: ReadonlySet<ArticleStatus> = new Set(['draft', 'review']);

/**
 * Whether `user` may edit an article owned by `ownerUserIds` (the users linked to its authors, or its
 * creator; null when it has none). Editors and admins edit any article; writers only their own, and,
 * when `status` is given, only while it is a draft or in review.
 */
export function canEditArticle(
  user: { id: number; role: UserRole },
  ownerUserIds: number | readonly number[] | null,
  status?: ArticleStatus,
): boolean {
  if (can(user.role, 'article:edit-any')) return true;
  if (!can(user.role, 'article:edit-own')) return false;
  const owners = typeof ownerUserIds === 'number' ? [ownerUserIds] : (ownerUserIds ?? []);
  return owners.includes(user.id) && (status === undefined || statusesWritersMayEdit.has(status));
}
