import type { ReactNode } from 'react';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';
import { siteConfig } from '@/lib/config';
import { loadSections } from '@/lib/reader-pages';

export default async function SiteLayout({ children }: { children: ReactNode }) {
  const sections = await loadSections();
  const { name } = siteConfig();
  return (
    <>
      <SiteHeader siteName={name} sections={sections} />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter siteName={name} sections={sections} />
    </>
  );
}
