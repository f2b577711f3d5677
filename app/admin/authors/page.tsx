import type { Metadata } from 'next';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DataTable } from '@/components/admin/DataTable';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { listNewsroomAuthors } from '@/db/authors';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { authorPath } from '@/lib/paths';
import { saveAuthor } from './actions';
import { listMediaChoices } from '@/db/media';
import { AUTHOR_PHOTO_CHOICES, authorFields, emptyAuthorForm } from '@/lib/newsroom/forms/author-form';

export const metadata: Metadata = { title: 'Authors' };

export default async function AuthorsPage() {
  const { path, permission } = newsroomPages.authors;
  await requireUser(permission);
  return (
    <>
      <h1>Authors</h1>
      <Panel id="authors" title="A to Z">
        <DataTable
          caption="Authors"
          rows={listNewsroomAuthors()}
          columns={[
            { header: 'Name', cell: (a) => <RecordLink listPath={path} id={a.id}>{a.name}</RecordLink> },
            { header: 'Job title', cell: (a) => a.title },
            { header: 'Address', cell: (a) => <a href={authorPath(a)}>{authorPath(a)}</a> },
            { header: 'Articles', cell: (a) => a.articleCount },
          ]}
        />
      </Panel>
      <Panel id="new-author" title="New author">
        <AdminForm
          id="new-author"
          action={saveAuthor}
          initial={initialFormState(emptyAuthorForm)}
          fields={authorFields(listMediaChoices(AUTHOR_PHOTO_CHOICES, null))}
          hidden={{ id: '' }}
          submitLabel="Add author"
        />
      </Panel>
    </>
  );
}
