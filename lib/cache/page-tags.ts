import { unstable_cache } from 'next/cache';
import { cache } from 'react';

// Next keeps at most 128 tags on one cached read and drops the rest, with only a warning
// (NEXT_CACHE_TAG_MAX_ITEMS): the topic index of a large archive names hundreds.
export const TAGS_PER_CACHED_READ = 100;

/**
 * Tags the page being rendered with what it shows. Reader pages are cached whole (ISR); Next gives a
 * page the tags of the cached reads made while rendering it, so these cheap cached reads (one for each
 * hundred tags) carry the tags that are only known after the data is loaded (which articles a list holds).
 */
export async function tagThisPage(tags: readonly string[]): Promise<void> {
  const unique = [...new Set(tags)].sort();
  const tagged = tagsOfThisRender();
  for (const tag of unique) tagged.add(tag);
  const reads: Promise<boolean>[] = [];
  for (let start = 0; start < unique.length; start += TAGS_PER_CACHED_READ) {
    const chunk = unique.slice(start, start + TAGS_PER_CACHED_READ);
    reads.push(unstable_cache(async () => true, ['page-tags', ...chunk], { tags: chunk })());
  }
  await Promise.all(reads);
}

/** The tags of this render so far (React's cache(): one set per request). */
const tagsOfThisRender = cache(() => new Set<string>());

/**
 * Every tag this page was tagged with so far, sorted: what a page's tag mark names once its data is loaded
 * (components/site/CacheTagsMark.tsx), so that a cache in front of the site can purge it by them (decision 0022).
 */
export function pageCacheTags(): string[] {
  return [...tagsOfThisRender()].sort();
}
