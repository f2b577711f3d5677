import type { Metadata } from 'next';
import type { Article } from '@/db/articles/model';
import { siteConfig } from '../config';
import { feedAlternates } from '../syndication/feeds';
import { authorPath } from '../paths';
import { shareImage, siteShareImage, type ShareImage } from '../syndication/share-images';

/** The Open Graph `article:*` facts of an article page. */
function articleFacts(article: Article) {
  const { baseUrl } = siteConfig();
  return {
    publishedTime: new Date(article.publishedAt).toISOString(),
    modifiedTime: new Date(article.updatedAt).toISOString(),
    section: article.section.name,
    tags: article.tags.map((tag) => tag.name),
    authors: article.authors.map((author) => `${baseUrl}${authorPath(author)}`),
  };
}

/**
 * Head tags shared by every public page: description, absolute canonical URL, robots, feed autodiscovery
 * (the site's feeds, and `feedSection`'s too on a section front and its articles), Open Graph and a
 * Twitter large-image card with the page's share image (an article's own card, or the site's).
 */
export function pageMetadata({
  title,
  description,
  path,
  article,
  index = true,
  feedSection,
}: {
  title: string;
  description: string;
  path: string;
  /** Makes the page an Open Graph article with its dates, section, tags, authors and share card. */
  article?: Article;
  index?: boolean;
  /** The section whose feeds the page links to, besides the site's. */
  feedSection?: { slug: string; name: string };
}): Metadata {
  const { name, baseUrl } = siteConfig();
  const url = `${baseUrl}${path}`;
  const image: ShareImage = article ? shareImage(article) : siteShareImage(name);
  const images = [{ url: `${baseUrl}${image.path}`, width: image.width, height: image.height, alt: image.alt }];
  const openGraph = { title, description, url, siteName: name, images };
  return {
    title,
    description,
    alternates: { canonical: url, types: feedAlternates(feedSection) },
    robots: index ? { index: true, follow: true, 'max-image-preview': 'large' } : { index: false, follow: true },
    openGraph: article ? { ...openGraph, type: 'article', ...articleFacts(article) } : { ...openGraph, type: 'website' },
    twitter: { card: 'summary_large_image', title, description, images },
  };
}
