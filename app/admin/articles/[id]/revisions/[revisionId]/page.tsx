import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { TextDiff } from '@/components/admin/TextDiff';
import { Timestamp } from '@/components/site/Timestamp';
import { getEditableArticle } from '@/db/newsroom';
import { getArticleRevision } from '@/db/revisions';
import { requireUser } from '@/lib/auth/current-user';
import { canEditArticle } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { articleAsText, diffWords } from '@/lib/text-diff';
import { restoreRevision } from '../../../actions';

export const metadata: Metadata = { title: 'Revision' };

export default async function RevisionPage({ params, searchParams }: PageProps<'/admin/articles/[id]/revisions/[revisionId]'>) {
  const user = await requireUser();
  const { id: rawId, revisionId: rawRevision } = await params;
  const id = Number(rawId);
  const article = Number.isSafeInteger(id) && id > 0 ? getEditableArticle(id) : null;
  const revision = article ? getArticleRevision(id, Number(rawRevision)) : null;
  if (!article || !revision) notFound();
  if (!canEditArticle(user, article.createdBy)) redirect('/admin?denied=1');
  const { error } = await searchParams;
  const mayRestore = canEditArticle(user, article.createdBy, article.status);
  return (
    <>
      <h1>Revision of “{article.headline}”</h1>
      <p>
        Version {revision.version}, <Timestamp epochMs={revision.createdAt} timeZone={siteConfig().timeZone} />
        {revision.userName && `, by ${revision.userName}`}.{' '}
        <Link href={`/admin/articles/${id}/revisions`} prefetch={false}>
          All revisions
        </Link>
      </p>
      {error && (
        <p className="notice notice--error" role="alert">
          {error === 'conflict' ? 'The article was saved by someone else meanwhile; look again before restoring.' : 'That cannot be restored.'}
        </p>
      )}
      <h2>Changes from this revision to the current text</h2>
      <TextDiff parts={diffWords(articleAsText(revision.snapshot), articleAsText(article))} label="Differences" />
      {mayRestore && (
        <form action={restoreRevision} className="panel restore-form">
          <input type="hidden" name="articleId" value={id} />
          <input type="hidden" name="revisionId" value={revision.id} />
          <input type="hidden" name="version" value={article.version} />
          <p>Restoring makes this revision the current text (as a new revision); the article keeps its status.</p>
          <button className="button" type="submit">
            Restore this version
          </button>
        </form>
      )}
    </>
  );
}
