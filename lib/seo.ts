import type { Metadata } from 'next';
import { siteConfig } from './config';

/** Head tags shared by every public page: description, absolute canonical URL, Open Graph and Twitter card. */
export function pageMetadata({
  title,
  description,
  path,
  type = 'website',
  index = true,
}: {
  title: string;
  description: string;
  path: string;
  type?: 'website' | 'article';
  index?: boolean;
}): Metadata {
  const { name, baseUrl } = siteConfig();
  const url = `${baseUrl}${path}`;
  return {
    title,
    description,
    alternates: { canonical: url },
    robots: index ? { index: true, follow: true, 'max-image-preview': 'large' } : { index: false, follow: true },
    openGraph: { title, description, url, siteName: name, type },
    twitter: { card: 'summary_large_image', title, description },
  };
}
