import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ArticleView } from '@/components/site/ArticleView';
import { LiveBlog } from '@/components/site/LiveBlog';
import { getArticleForPreview, listRelatedArticles } from '@/db/articles/reads';
import { getLiveBlog, listPostedUpdates } from '@/db/live-blogs';
import { getEditableArticle } from '@/db/newsroom';
import type { ArticleStatus } from '@/db/schema';
import { listTrendingArticles } from '@/db/views';
import { getCurrentUser } from '@/lib/auth/current-user';
import { canEditArticle } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';

/** The byline of an article readers cannot see: never "Published" with a date it was not. */
const NOT_PUBLISHED: Record<ArticleStatus, string | undefined> = {
  draft: 'Not published yet',
  review: 'Not published yet: in review',
  scheduled: 'Not published yet: scheduled',
  published: undefined,
  archived: 'Archived: readers cannot see it',
};

export const metadata: Metadata = { title: 'Preview', robots: { index: false, follow: false } };

/**
 * An article exactly as readers will see it, whatever its status, for signed-in newsroom users who may
 * edit it. Reading the session cookie makes this page dynamic: it is rendered per request and never cached.
 */
export default async function PreviewPage({ params }: PageProps<'/preview/[id]'>) {
  const user = await getCurrentUser();
  if (!user) redirect('/admin/login');
  const id = Number((await params).id);
  const editable = Number.isSafeInteger(id) && id > 0 ? getEditableArticle(id) : null;
  if (!editable || !canEditArticle(user, editable.createdBy)) notFound();
  const article = getArticleForPreview(id);
  if (!article) notFound();
  const coverage = getLiveBlog(id);
  const { timeZone } = siteConfig();
  return (
    <>
      <p className="preview-banner wrap" role="status">
        {`Preview of a ${editable.status} article. `}
        <Link href={`/admin/articles/${id}`} prefetch={false}>
          Back to the editor
        </Link>
      </p>
      <ArticleView
        article={article}
        related={listRelatedArticles(id, 4)}
        trending={listTrendingArticles(8)}
        timeZone={timeZone}
        countViews={false}
        notPublished={NOT_PUBLISHED[editable.status]}
        liveBlog={
          coverage && <LiveBlog articleId={id} coverage={coverage} updates={listPostedUpdates(id)} timeZone={timeZone} pollMs={0} checksForUpdates={false} />
        }
      />
    </>
  );
}
