import type { Metadata } from 'next';
import { DataTable } from '@/components/admin/DataTable';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { listNewsroomTags } from '@/db/tags';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { tagPath } from '@/lib/paths';

export const metadata: Metadata = { title: 'Tags' };

export default async function TagsPage() {
  const { path, permission } = newsroomPages.tags;
  await requireUser(permission);
  return (
    <>
      <h1>Tags</h1>
      <p>Tags are created from the article editor. Rename a tag, or merge it into another, from its page.</p>
      <Panel id="tags" title="A to Z">
        <DataTable
          caption="Tags with their article counts"
          rows={listNewsroomTags()}
          columns={[
            { header: 'Name', cell: (t) => <RecordLink listPath={path} id={t.id}>{t.name}</RecordLink> },
            { header: 'Address', cell: (t) => tagPath(t) },
            { header: 'Articles', cell: (t) => t.articleCount },
            { header: 'Published', cell: (t) => t.publishedCount },
          ]}
        />
      </Panel>
    </>
  );
}
