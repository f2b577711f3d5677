import type { Metadata } from 'next';
import { siteConfig } from './config';
import { feedAlternates } from './feeds';

/**
 * Head tags shared by every public page: description, absolute canonical URL, feed autodiscovery
 * (the site's feeds, and `feedSection`'s too on a section front and its articles), Open Graph and Twitter card.
 */
export function pageMetadata({
  title,
  description,
  path,
  type = 'website',
  index = true,
  feedSection,
}: {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article';
  index?: boolean;
  feedSection?: { slug: string; name: string };
}): Metadata {
  const { name, baseUrl } = siteConfig();
  const url = `${baseUrl}${path}`;
  return {
    title,
    description,
    alternates: { canonical: url, types: feedAlternates(feedSection) },
    robots: index ? { index: true, follow: true, 'max-image-preview': 'large' } : { index: false, follow: true },
    openGraph: { title, description, url, siteName: name, type },
    twitter: { card: 'summary_large_image', title, description },
  };
}
