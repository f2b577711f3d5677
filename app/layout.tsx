import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';
import { siteConfig } from '@/lib/config';
import { loadSections } from '@/lib/reader-pages';
import './styles.css';

export function generateMetadata(): Metadata {
  const { name, baseUrl } = siteConfig();
  return {
    metadataBase: new URL(baseUrl),
    title: { template: `%s | ${name}`, default: name },
    applicationName: name,
  };
}

export const viewport: Viewport = {
  width: 'device-width',
  initialScale: 1,
  colorScheme: 'light dark',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#0b2d5b' },
    { media: '(prefers-color-scheme: dark)', color: '#0d1520' },
  ],
};

/**
 * The reader site's frame. It is the root layout (not a route group's) because Next renders 404s
 * reliably only from the root: notFound() under a route group's layout gave an empty page without JavaScript.
 */
export default async function RootLayout({ children }: { children: ReactNode }) {
  const { name, language } = siteConfig();
  const sections = await loadSections();
  return (
    <html lang={language}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader siteName={name} sections={sections} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter siteName={name} sections={sections} />
      </body>
    </html>
  );
}
