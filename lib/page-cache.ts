import { unstable_cache } from 'next/cache';

/**
 * Tags the page being rendered with what it shows. Reader pages are cached whole (ISR); Next gives a
 * page the tags of the cached reads made while rendering it, so this one cheap cached read carries
 * the tags that are only known after the data is loaded (which articles a list holds).
 */
export async function tagThisPage(tags: readonly string[]): Promise<void> {
  const unique = [...new Set(tags)].sort();
  await unstable_cache(async () => true, ['page-tags', ...unique], { tags: unique })();
}
