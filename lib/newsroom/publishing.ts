import type { ArticleStatus } from '@/db/schema';
import { cacheTags } from '../cache/tags';

/** What decides which reader pages show an article. */
export interface ArticlePlacement {
  id: number;
  status: ArticleStatus;
  sectionSlug: string;
  tagSlugs: readonly string[];
  authorSlugs: readonly string[];
}

/**
 * The cache tags to invalidate when an article changes from `before` to `after` (null: did not exist /
 * no longer exists). Only a change that a reader could see counts: drafts come and go unnoticed.
 */
export function tagsToInvalidate(before: ArticlePlacement | null, after: ArticlePlacement | null): string[] {
  const visible = [before, after].filter((p): p is ArticlePlacement => p?.status === 'published');
  if (visible.length === 0) return [];
  const tags = new Set<string>([cacheTags.home, cacheTags.feedsAndSitemaps]);
  for (const placement of visible) {
    tags.add(cacheTags.article(placement.id));
    tags.add(cacheTags.section(placement.sectionSlug));
    for (const tag of placement.tagSlugs) tags.add(cacheTags.tag(tag));
    if (placement.tagSlugs.length > 0) tags.add(cacheTags.tagIndex);
    for (const author of placement.authorSlugs) tags.add(cacheTags.author(author));
  }
  return [...tags].sort();
}
