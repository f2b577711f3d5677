import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Timestamp } from '@/components/site/Timestamp';
import { getEditableArticle } from '@/db/newsroom';
import { listArticleRevisions } from '@/db/articles/revisions';
import { requireUser } from '@/lib/auth/current-user';
import { canEditArticle } from '@/lib/auth/roles';
import { siteConfig } from '@/lib/config';
import { revisionLabels } from '@/lib/newsroom/revision-labels';

export const metadata: Metadata = { title: 'Revisions' };

export default async function RevisionsPage({ params }: PageProps<'/admin/articles/[id]/revisions'>) {
  const user = await requireUser();
  const id = Number((await params).id);
  const article = Number.isSafeInteger(id) && id > 0 ? getEditableArticle(id) : null;
  if (!article) notFound();
  if (!canEditArticle(user, article.createdBy)) redirect('/admin?denied=1');
  const revisions = listArticleRevisions(id);
  const labels = revisionLabels(revisions);
  const { timeZone } = siteConfig();
  return (
    <>
      <h1>Revisions</h1>
      <p>
        <Link href={`/admin/articles/${id}`} prefetch={false}>
          ← Back to “{article.headline}”
        </Link>
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Revisions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">What</th>
            <th scope="col">When</th>
            <th scope="col">Who</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision, i) => (
            <tr key={revision.id}>
              <th scope="row">{revision.number}</th>
              <td>{labels[i]}</td>
              <td>
                <Link href={`/admin/articles/${id}/revisions/${revision.id}`} prefetch={false}>
                  <Timestamp epochMs={revision.createdAt} timeZone={timeZone} />
                </Link>
              </td>
              <td>{revision.userName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
