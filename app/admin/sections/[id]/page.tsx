import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { getNewsroomSection } from '@/db/sections';
import { countOf, initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { sectionPath } from '@/lib/paths';
import { deleteSection, saveSection } from '../actions';
import { sectionFields, sectionFormValues } from '@/lib/newsroom/forms/section-form';

export const metadata: Metadata = { title: 'Edit section' };

export default async function EditSectionPage({ params }: PageProps<'/admin/sections/[id]'>) {
  await requireUser(newsroomPages.sections.permission);
  const id = parseRecordId((await params).id);
  const section = id === null ? null : getNewsroomSection(id);
  if (!section) notFound();
  return (
    <>
      <RecordHeading title={`Section: ${section.name}`} backHref={newsroomPages.sections.path} backLabel="All sections" />
      <Panel id="edit-section" title="Details">
        <p>
          Live at <a href={sectionPath(section)}>{sectionPath(section)}</a>
        </p>
        <AdminForm
          id="edit-section"
          action={saveSection}
          initial={initialFormState(sectionFormValues(section))}
          fields={sectionFields}
          hidden={{ id: section.id }}
          submitLabel="Save section"
        />
      </Panel>
      <Panel id="delete-section" title="Delete">
        <p>
          {section.articleCount === 0
            ? 'This section holds no articles, so it can be deleted.'
            : `This section holds ${countOf(section.articleCount, 'article')}: move them to another section before deleting it.`}
        </p>
        <AdminForm id="delete-section" action={deleteSection} initial={initialFormState()} hidden={{ id: section.id }} submitLabel="Delete section" danger />
      </Panel>
    </>
  );
}
