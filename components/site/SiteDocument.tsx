import type { ReactNode } from 'react';
import type { Section } from '@/db/types';
import { BreakingNewsBanner, type BreakingNewsProps } from './BreakingNewsBanner';
import { SiteFooter } from './SiteFooter';
import { SiteHeader } from './SiteHeader';

/** The reader site's whole document: skip link, header with section navigation, main content, footer. */
export function SiteDocument({
  siteName,
  language,
  sections,
  breakingNews = null,
  children,
}: {
  siteName: string;
  language: string;
  sections: readonly Section[];
  /** The breaking-news banner, shown above the header, or null. */
  breakingNews?: BreakingNewsProps | null;
  children: ReactNode;
}) {
  return (
    <html lang={language}>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {breakingNews && <BreakingNewsBanner {...breakingNews} />}
        <SiteHeader siteName={siteName} sections={sections} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter siteName={siteName} sections={sections} />
      </body>
    </html>
  );
}
