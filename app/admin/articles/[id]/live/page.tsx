import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { LiveComposer } from '@/components/admin/LiveComposer.client';
import { getLiveBlog, getLiveUpdate, listComposerUpdates } from '@/db/live-blogs';
import { getEditableArticle } from '@/db/newsroom';
import { requireUser } from '@/lib/auth/current-user';
import { can } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { endLiveBlogAction, postLiveUpdate, startLiveBlogAction } from './actions';

export const metadata: Metadata = { title: 'Live blog' };

/** The live blog's composer: fast updates from a desk or a phone, without the article editor. */
export default async function LiveBlogPage({ params, searchParams }: PageProps<'/admin/articles/[id]/live'>) {
  const user = await requireUser();
  const id = Number((await params).id);
  const article = Number.isSafeInteger(id) && id > 0 ? getEditableArticle(id) : null;
  if (!article || article.deletedAt !== null) notFound();
  const { edit, done } = await searchParams;
  const blog = getLiveBlog(article.id);
  const isEditor = can(user.role, 'article:publish');
  const publicPath = `/${article.sectionSlug}/${article.slug}`;
  if (!blog) {
    return (
      <>
        <h1>Live blog: {article.headline}</h1>
        <p>This article is not a live blog.</p>
        {isEditor && (
          <form action={startLiveBlogAction}>
            <input type="hidden" name="articleId" value={article.id} />
            <button className="button" type="submit">
              Make this a live blog
            </button>
          </form>
        )}
      </>
    );
  }
  const editId = Number(edit);
  const editing = Number.isSafeInteger(editId) && editId > 0 ? getLiveUpdate(editId) : null;
  return (
    <>
      <h1>
        Live blog: {article.headline} {blog.endedAt === null ? <span className="live-label">LIVE</span> : <span>(coverage ended)</span>}
      </h1>
      <p className="live-composer__links">
        <Link href={`/admin/articles/${article.id}`}>Edit the article</Link>
        {article.status === 'published' ? (
          <>
            {' · '}
            <a href={publicPath}>See it as readers do</a>
          </>
        ) : (
          <> · Not published yet: readers see updates once the article is published.</>
        )}
      </p>
      {done === 'ended' && (
        <p className="notice notice--ok" role="status">
          Coverage ended: the LIVE label is gone; the page stays as an archive.
        </p>
      )}
      <LiveComposer
        articleId={article.id}
        canPost={isEditor}
        timeZone={siteConfig().timeZone}
        initialUpdates={listComposerUpdates(article.id)}
        initialEditing={editing && editing.articleId === article.id ? editing : null}
        postLiveUpdate={postLiveUpdate}
      />
      {isEditor && (
        <form action={blog.endedAt === null ? endLiveBlogAction : startLiveBlogAction} className="panel">
          <input type="hidden" name="articleId" value={article.id} />
          <button className={blog.endedAt === null ? 'button button--danger' : 'button button--secondary'} type="submit">
            {blog.endedAt === null ? 'End coverage' : 'Restart coverage'}
          </button>
        </form>
      )}
    </>
  );
}
