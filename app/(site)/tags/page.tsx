import type { Metadata } from 'next';
import { CacheTagsMark } from '@/components/site/CacheTagsMark';
import { pageCacheTags } from '@/lib/cache/page-tags';
import { NameIndex } from '@/components/site/NameIndex';
import { tagPath } from '@/lib/paths';
import { loadTagIndex } from '@/lib/reader/pages';
import { pageMetadata } from '@/lib/reader/seo';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'Topics',
    description: 'Every topic we cover, from A to Z.',
    path: '/tags',
  });
}

export default async function TagIndexPage() {
  const tags = await loadTagIndex();
  return (
    <>
      <CacheTagsMark tags={pageCacheTags()} />
      <NameIndex
        title="Topics"
        entries={tags.map((tag) => ({
          name: tag.name,
          path: tagPath(tag),
          detail: tag.articleCount === 1 ? '1 story' : `${tag.articleCount} stories`,
        }))}
      />
    </>
  );
}
