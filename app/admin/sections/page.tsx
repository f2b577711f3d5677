import type { Metadata } from 'next';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DataTable } from '@/components/admin/DataTable';
import { DoneNotice } from '@/components/admin/DoneNotice';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { listNewsroomSections } from '@/db/sections';
import { initialFormState } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { sectionPath } from '@/lib/paths';
import { saveSection } from './actions';
import { emptySectionForm, sectionFields } from '@/lib/newsroom/forms/section-form';

export const metadata: Metadata = { title: 'Sections' };

export default async function SectionsPage({ searchParams }: PageProps<'/admin/sections'>) {
  const { path, permission } = newsroomPages.sections;
  await requireUser(permission);
  const { done } = await searchParams;
  return (
    <>
      <h1>Sections</h1>
      <DoneNotice done={done} messages={{ deleted: 'Section deleted.' }} />
      <Panel id="sections" title="In navigation order">
        <DataTable
          caption="Sections"
          rows={listNewsroomSections()}
          columns={[
            { header: 'Name', cell: (s) => <RecordLink listPath={path} id={s.id}>{s.name}</RecordLink> },
            { header: 'Address', cell: (s) => <a href={sectionPath(s)}>{sectionPath(s)}</a> },
            { header: 'Position', cell: (s) => s.position },
            { header: 'Articles', cell: (s) => s.articleCount },
          ]}
        />
      </Panel>
      <Panel id="new-section" title="New section">
        <AdminForm
          id="new-section"
          action={saveSection}
          initial={initialFormState(emptySectionForm)}
          fields={sectionFields}
          hidden={{ id: '' }}
          submitLabel="Create section"
        />
      </Panel>
    </>
  );
}
