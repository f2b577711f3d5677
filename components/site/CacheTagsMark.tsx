import { CACHE_TAGS_ATTRIBUTE } from '@/lib/cache/surrogate-keys';

/**
 * Names the page's cache tags for the server, which cuts the mark out and sends them as surrogate keys
 * (server/reader-html.ts, decision 0022): readers never get it.
 */
export function CacheTagsMark({ tags }: { tags: readonly string[] }) {
  return <template {...{ [CACHE_TAGS_ATTRIBUTE]: tags.join(' ') }} />;
}
