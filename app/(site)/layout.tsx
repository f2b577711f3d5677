import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { SiteDocument } from '@/components/site/SiteDocument';
import { siteConfig } from '@/lib/config';
import { loadBreakingNews, loadSections } from '@/lib/reader/pages';
import '../styles.css';

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

/** The reader site's root layout (the newsroom under /admin has its own). */
export default async function SiteLayout({ children }: { children: ReactNode }) {
  const { name, language } = siteConfig();
  return (
    <SiteDocument siteName={name} language={language} sections={await loadSections()} breakingNews={await loadBreakingNews()}>
      {children}
    </SiteDocument>
  );
}
