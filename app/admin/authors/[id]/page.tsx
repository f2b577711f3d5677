import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { getNewsroomAuthor } from '@/db/authors';
import { countOf, initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { authorPath } from '@/lib/paths';
import { saveAuthor } from '../actions';
import { listMediaChoices } from '@/db/media';
import { AUTHOR_PHOTO_CHOICES, authorFields, authorFormValues } from '@/lib/newsroom/forms/author-form';

export const metadata: Metadata = { title: 'Edit author' };

export default async function EditAuthorPage({ params }: PageProps<'/admin/authors/[id]'>) {
  await requireUser(newsroomPages.authors.permission);
  const id = parseRecordId((await params).id);
  const author = id === null ? null : getNewsroomAuthor(id);
  if (!author) notFound();
  return (
    <>
      <RecordHeading title={`Author: ${author.name}`} backHref={newsroomPages.authors.path} backLabel="All authors" />
      <Panel id="edit-author" title="Details">
        <p>
          In {countOf(author.articleCount, 'byline')}. Live at <a href={authorPath(author)}>{authorPath(author)}</a>
        </p>
        <AdminForm
          id="edit-author"
          action={saveAuthor}
          initial={initialFormState(authorFormValues(author))}
          fields={authorFields(listMediaChoices(AUTHOR_PHOTO_CHOICES, author.photoMediaId))}
          hidden={{ id: author.id }}
          submitLabel="Save author"
        />
      </Panel>
    </>
  );
}
