import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { ConfirmButton } from '@/components/admin/ConfirmButton.client';
import { TextDiff } from '@/components/admin/TextDiff.client';
import { Timestamp } from '@/components/site/Timestamp';
import { getEditableArticle } from '@/db/newsroom';
import { getArticleRevision, listArticleRevisions } from '@/db/articles/revisions';
import { requireUser } from '@/lib/auth/current-user';
import { canEditArticle } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { revisionLabels } from '@/lib/newsroom/revision-labels';
import { articleAsText, diffWords } from '@/lib/newsroom/text-diff';
import { restoreRevision } from '../../../actions';

export const metadata: Metadata = { title: 'Revision' };

// What restoring onto a live article does on this branch: the live text changes at once. (Once live edits
// are held as a pending revision until "Update live article", say that here instead.)
const RESTORE_ONTO_LIVE =
  'The article is live: this version’s text becomes unpublished changes in the editor. Readers keep the live text until you review it and press “Update live article”.';

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
  // Labelled as in the list (what it did depends on the revision before it).
  const all = listArticleRevisions(id);
  const label = revisionLabels(all)[all.findIndex((r) => r.id === revision.id)] ?? '';
  return (
    <>
      <h1>Revision of “{article.headline}”</h1>
      <p>
        Revision {revision.number} ({label}), <Timestamp epochMs={revision.createdAt} timeZone={siteConfig().timeZone} />
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
          {article.status === 'published' ? (
            <>
              <p>This article is live. Restoring this version onto it asks first.</p>
              <ConfirmButton
                label="Restore this version"
                title="Restore this version onto the live article?"
                confirmLabel="Yes, restore"
                className="button"
              >
                <p>{RESTORE_ONTO_LIVE}</p>
              </ConfirmButton>
            </>
          ) : (
            <>
              <p>Restoring makes this revision the current text (as a new revision); the article keeps its status.</p>
              <button className="button" type="submit">
                Restore this version
              </button>
            </>
          )}
        </form>
      )}
    </>
  );
}
