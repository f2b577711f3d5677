import type { Metadata } from 'next';
import { CacheTagsMark } from '@/components/site/CacheTagsMark';
import { pageCacheTags } from '@/lib/cache/page-tags';
import { FrontPage } from '@/components/site/FrontPage';
import { JsonLd } from '@/components/site/JsonLd';
import { siteConfig } from '@/lib/config';
import { loadFrontPage } from '@/lib/reader/pages';
import { pageMetadata } from '@/lib/reader/seo';
import { frontPageJsonLd } from '@/lib/reader/structured-data';

export const revalidate = 60;

export function generateMetadata(): Metadata {
  const { name } = siteConfig();
  return {
    ...pageMetadata({ title: name, description: `The latest news from ${name}.`, path: '/' }),
    title: { absolute: `${name}: the latest news` },
  };
}

export default async function HomePage() {
  const { lead, topStories, sectionBlocks, trending } = await loadFrontPage();
  const { name, timeZone } = siteConfig();
  return (
    <>
      <JsonLd graph={frontPageJsonLd()} />
      <CacheTagsMark tags={pageCacheTags()} />
      <FrontPage
        siteName={name}
        lead={lead}
        topStories={topStories}
        sectionBlocks={sectionBlocks}
        trending={trending}
        timeZone={timeZone}
      />
    </>
  );
}
