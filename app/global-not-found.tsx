import type { Metadata } from 'next';
import { NotFound } from '@/components/site/NotFound';
import { SiteDocument } from '@/components/site/SiteDocument';
import { siteConfig } from '@/lib/config';
import { loadSections } from '@/lib/reader/pages';
import './styles.css';

export const metadata: Metadata = { title: `Page not found | ${siteConfig().name}` };

/**
 * Every 404: URLs no route matches, which is where server/reader-routing.ts sends requests for things
 * that do not exist (Next renders this page whole, unlike a page's notFound(), see decision 2).
 */
export default async function GlobalNotFound() {
  const { name, language } = siteConfig();
  return (
    <SiteDocument siteName={name} language={language} sections={await loadSections()}>
      <NotFound />
    </SiteDocument>
  );
}
