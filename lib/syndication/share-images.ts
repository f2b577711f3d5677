import type { ArticleTeaser } from '@/db/articles/model';

/**
 * The images the site draws for itself (app/share, app/logo.png): a 1200×630 share card per article for
 * Open Graph, Twitter and JSON-LD, one for every other page, and the publisher logo.
 */

export interface ShareImage {
  path: string;
  width: number;
  height: number;
  alt: string;
}

export const SHARE_IMAGE_SIZE = { width: 1200, height: 630 } as const;
/** Google asks for a news publisher logo that fits 600×60. */
export const SITE_LOGO = { path: '/logo.png', width: 600, height: 60 } as const;

/** The share card of an article. Its address changes with every edit, so caches never show an old headline. */
export function shareImage(article: Pick<ArticleTeaser, 'id' | 'updatedAt' | 'headline'>): ShareImage {
  return { path: `/share/${article.id}-${article.updatedAt}.png`, ...SHARE_IMAGE_SIZE, alt: article.headline };
}

export function siteShareImage(siteName: string): ShareImage {
  return { path: '/share/site.png', ...SHARE_IMAGE_SIZE, alt: siteName };
}

export type ShareImageName = { kind: 'site' } | { kind: 'article'; id: number; version: number };

/** An article's card: `/share/<id>-<version>.png` (the only share images whose address changes with their content). */
export const ARTICLE_SHARE_IMAGE_PATH = /^\/share\/[1-9][0-9]{0,9}-[0-9]{1,15}\.png$/;

/** What a share image's file name asks for, or null when it names nothing. Only the current version exists (lib/share-cards.ts). */
export function parseShareImageName(name: string): ShareImageName | null {
  if (name === 'site.png') return { kind: 'site' };
  const match = /^([1-9][0-9]{0,9})-([0-9]{1,15})\.png$/.exec(name);
  return match?.[1] && match[2] ? { kind: 'article', id: Number(match[1]), version: Number(match[2]) } : null;
}
