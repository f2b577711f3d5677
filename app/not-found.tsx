import type { Metadata } from 'next';
import { NotFound } from '@/components/site/NotFound';
import { SiteFooter } from '@/components/site/SiteFooter';
import { SiteHeader } from '@/components/site/SiteHeader';
import { siteConfig } from '@/lib/config';
import { loadSections } from '@/lib/reader-pages';

export const metadata: Metadata = { title: 'Page not found', robots: { index: false } };

// Rendered above the (site) layout, so it brings the site's header and footer itself.
export default async function NotFoundPage() {
  const sections = await loadSections();
  const { name } = siteConfig();
  return (
    <>
      <SiteHeader siteName={name} sections={sections} />
      <main id="main" tabIndex={-1}>
        <NotFound />
      </main>
      <SiteFooter siteName={name} sections={sections} />
    </>
  );
}
