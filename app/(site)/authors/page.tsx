import type { Metadata } from 'next';
import { CacheTagsMark } from '@/components/site/CacheTagsMark';
import { pageCacheTags } from '@/lib/cache/page-tags';
import { NameIndex } from '@/components/site/NameIndex';
import { authorPath } from '@/lib/paths';
import { loadAuthorIndex } from '@/lib/reader/pages';
import { pageMetadata } from '@/lib/reader/seo';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: 'Our journalists',
    description: 'The reporters and editors who write for us.',
    path: '/authors',
  });
}

export default async function AuthorIndexPage() {
  const authors = await loadAuthorIndex();
  return (
    <>
      <CacheTagsMark tags={pageCacheTags()} />
      <NameIndex
        title="Our journalists"
        entries={authors.map((author) => ({ name: author.name, path: authorPath(author), detail: author.title }))}
      />
    </>
  );
}
