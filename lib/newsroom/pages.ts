import type { UserRole } from '@/db/schema';
import { can, type Permission } from '../auth/roles';

/**
 * The newsroom's management pages and the permission each needs: the page, its server actions and the
 * navigation all read it from here, so they cannot disagree about who may use a page.
 */
export const newsroomPages = {
  front: { path: '/admin/front', label: 'Front pages', permission: 'article:publish' },
  media: { path: '/admin/media', label: 'Media', permission: 'article:create' },
  sections: { path: '/admin/sections', label: 'Sections', permission: 'section:manage' },
  tags: { path: '/admin/tags', label: 'Tags', permission: 'tag:manage' },
  authors: { path: '/admin/authors', label: 'Authors', permission: 'author:manage' },
  users: { path: '/admin/users', label: 'Users', permission: 'user:manage' },
  integrations: { path: '/admin/integrations', label: 'Integrations', permission: 'user:manage' },
  audit: { path: '/admin/audit', label: 'Audit log', permission: 'audit:read' },
  webhooks: { path: '/admin/webhooks', label: 'Webhooks', permission: 'settings:manage' },
} as const satisfies Record<string, { path: string; label: string; permission: Permission }>;

export type NewsroomPage = keyof typeof newsroomPages;
export const newsroomPageNames = Object.keys(newsroomPages) as NewsroomPage[];

/** Which management pages a role may open (none when nobody is signed in). */
export function pagesAllowedFor(role: UserRole | null): Record<NewsroomPage, boolean> {
  return Object.fromEntries(
    newsroomPageNames.map((page) => [page, role !== null && can(role, newsroomPages[page].permission)]),
  ) as Record<NewsroomPage, boolean>;
}
