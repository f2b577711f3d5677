import type { Metadata } from 'next';
import { CacheTagsMark } from '@/components/site/CacheTagsMark';
import { pageCacheTags } from '@/lib/cache/page-tags';
import { notFound, permanentRedirect } from 'next/navigation';
import { ArticleView } from '@/components/site/ArticleView';
import { LiveBlog } from '@/components/site/LiveBlog';
import { JsonLd } from '@/components/site/JsonLd';
import { siteConfig } from '@/lib/config';
import { articlePath } from '@/lib/paths';
import { livePollMs, loadArticlePage } from '@/lib/reader/pages';
import { pageMetadata } from '@/lib/reader/seo';
import { articleJsonLd, liveBlogJsonLd } from '@/lib/reader/structured-data';

export const revalidate = 60;
export const generateStaticParams = () => [];

export async function generateMetadata({ params }: PageProps<'/[section]/[slug]'>): Promise<Metadata> {
  const { section, slug } = await params;
  const data = await loadArticlePage(section, slug);
  if (data.kind !== 'article') return {};
  const { article } = data;
  return pageMetadata({
    title: article.seoTitle || article.headline,
    description: article.seoDescription || article.summary,
    path: articlePath(article),
    article,
    feedSection: article.section,
  });
}

export default async function ArticlePage({ params }: PageProps<'/[section]/[slug]'>) {
  const { section, slug } = await params;
  const data = await loadArticlePage(section, slug);
  if (data.kind === 'missing') notFound();
  if (data.kind === 'moved') permanentRedirect(data.path);
  const { article, liveBlog } = data;
  const { timeZone } = siteConfig();
  return (
    <>
      <CacheTagsMark tags={pageCacheTags()} />
      <JsonLd graph={liveBlog ? liveBlogJsonLd(article, { ...liveBlog.coverage, updates: liveBlog.updates }) : articleJsonLd(article)} />
      <ArticleView
        article={article}
        related={data.related}
        trending={data.trending}
        timeZone={timeZone}
        shareUrl={`${siteConfig().baseUrl}${articlePath(article)}`}
        liveBlog={
          liveBlog && <LiveBlog articleId={article.id} coverage={liveBlog.coverage} updates={liveBlog.updates} timeZone={timeZone} pollMs={livePollMs()} />
        }
      />
    </>
  );
}
