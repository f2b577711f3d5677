import Link from 'next/link';
import type { SessionUser } from '@/lib/auth/sessions';
import { newsroomPageNames, newsroomPages, type NewsroomPage } from '@/lib/newsroom/pages';

export function AdminBar({
  siteName,
  user,
  allowedPages,
  signOut,
}: {
  siteName: string;
  user: SessionUser | null;
  /** Which management pages the signed-in user's role may open: only those are linked. */
  allowedPages: Readonly<Record<NewsroomPage, boolean>>;
  /** The sign-out action (app/admin/session-actions.ts). */
  signOut: () => Promise<void>;
}) {
  return (
    <header className="admin-bar">
      <span className="admin-bar__name">{siteName} Newsroom</span>
      {user && (
        <nav aria-label="Newsroom">
          <ul>
            <li>
              <Link href="/admin" prefetch={false}>
                Dashboard
              </Link>
            </li>
            <li>
              <Link href="/admin/articles" prefetch={false}>
                Articles
              </Link>
            </li>
            <li>
              <Link href="/admin/articles/new" prefetch={false}>
                New article
              </Link>
            </li>
            {newsroomPageNames
              .filter((page) => allowedPages[page])
              .map((page) => (
                <li key={page}>
                  <Link href={newsroomPages[page].path} prefetch={false}>
                    {newsroomPages[page].label}
                  </Link>
                </li>
              ))}
            <li>
              <Link href="/" prefetch={false}>
                View site
              </Link>
            </li>
          </ul>
        </nav>
      )}
      {user && (
        <form action={signOut} className="admin-bar__user">
          <Link href="/admin/account" prefetch={false}>
            {user.name} <span className="visually-hidden">signed in as</span> ({user.role})
          </Link>
          <button type="submit">Sign out</button>
        </form>
      )}
    </header>
  );
}
