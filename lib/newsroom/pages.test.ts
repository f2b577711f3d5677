import { describe, expect, it } from 'vitest';
import { can, userRoles, type UserRole } from '../auth/roles';
import { newsroomPageNames, newsroomPages, pagesAllowedFor, type NewsroomPage } from './pages';

// Who may open each management page, written out: changing a page's permission or a role's rights
// must change this table too.
const access: Record<NewsroomPage, Record<UserRole, boolean>> = {
  front: { admin: true, editor: true, writer: false },
  media: { admin: true, editor: true, writer: true },
  sections: { admin: true, editor: true, writer: false },
  tags: { admin: true, editor: true, writer: false },
  authors: { admin: true, editor: true, writer: false },
  users: { admin: true, editor: false, writer: false },
  integrations: { admin: true, editor: false, writer: false },
  audit: { admin: true, editor: false, writer: false },
  webhooks: { admin: true, editor: false, writer: false },
};

describe('newsroom management pages', () => {
  it('covers every page', () => {
    expect(Object.keys(access).sort()).toEqual([...newsroomPageNames].sort());
  });

  it.each(
    newsroomPageNames.flatMap((page) =>
      userRoles.map((role) => ({ page, role, permission: newsroomPages[page].permission, allowed: access[page][role] })),
    ),
  )('$role may open $page ($permission): $allowed', ({ page, role, permission, allowed }) => {
    expect(can(role, permission)).toBe(allowed);
    expect(pagesAllowedFor(role)[page]).toBe(allowed);
  });

  it('offers nothing to nobody', () => {
    expect(Object.values(pagesAllowedFor(null))).toEqual(newsroomPageNames.map(() => false));
  });

  it('lives under /admin', () => {
    for (const page of newsroomPageNames) expect(newsroomPages[page].path).toMatch(/^\/admin\/[a-z]+$/);
  });
});
