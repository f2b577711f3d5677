import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { KeepTypedScript } from '@/components/admin/KeepTypedScript';
import { AdminBar } from '@/components/admin/AdminBar';
import { getCurrentUser } from '@/lib/auth/current-user';
import { siteConfig } from '@/lib/config';
import { pagesAllowedFor } from '@/lib/newsroom/pages';
import { signOut } from './session-actions';
import './admin.css';

export const metadata: Metadata = {
  title: { template: `%s | Newsroom`, default: 'Newsroom' },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, colorScheme: 'light dark' };

/** The newsroom's own root layout: never cached, never indexed, the reader site's frame left out. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  const { name, language } = siteConfig();
  // The nonce server/security-headers.ts put in the request's policy, where Next reads it for its own scripts.
  const nonce = /'nonce-([^']+)'/.exec((await headers()).get('content-security-policy') ?? '')?.[1];
  return (
    <html lang={language}>
      <body>
        <KeepTypedScript nonce={nonce} />
        <a className="skip-link" href="#admin-main">
          Skip to content
        </a>
        <AdminBar siteName={name} user={user} allowedPages={pagesAllowedFor(user?.role ?? null)} signOut={signOut} />
        <main id="admin-main" className="admin-main" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
