import path from 'node:path';
import { getPublishedArticleCard } from '@/db/articles/reads';
import { dataDir, siteConfig } from '../config';
import { forgetShareImages, type ShareImageKey } from './share-image-store';
import { shareImage, type ShareImageName } from './share-images';

/** Where share cards are kept: DATA_DIR/share. */
export const shareImagesDir = () => path.join(dataDir(), 'share');

export interface ShareCardContent {
  key: ShareImageKey;
  kicker: string;
  headline: string;
  siteName: string;
}

/**
 * What the share image at this name shows; where the article's current card is, for any other version of
 * it (`updatedAt`, as lib/share-images.ts names it: a page cached before an edit, an old share, a made-up
 * version), which costs one indexed lookup and never a drawing; or null when it is missing (the article is
 * not published; its stored card is then deleted).
 */
export function shareCardFor(name: ShareImageName | null): ShareCardContent | { moved: string } | null {
  const { name: siteName } = siteConfig();
  if (name?.kind === 'site') {
    const headline = `${siteName}: the latest news`;
    return { key: { owner: 'site', version: 0, content: ['News', headline, siteName] }, kicker: 'News', headline, siteName };
  }
  if (name?.kind !== 'article') return null;
  const card = getPublishedArticleCard(name.id);
  if (!card) {
    forgetShareImages(shareImagesDir(), String(name.id));
    return null;
  }
  if (card.updatedAt !== name.version) return { moved: shareImage({ id: name.id, ...card }).path };
  return {
    key: { owner: String(name.id), version: card.updatedAt, content: [card.sectionName, card.headline, siteName] },
    kicker: card.sectionName,
    headline: card.headline,
    siteName,
  };
}
