import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { DoneNotice } from '@/components/admin/DoneNotice';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { getNewsroomTag, listNewsroomTags } from '@/db/tags';
import { countOf, initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { newsroomPages } from '@/lib/newsroom/pages';
import { tagPath } from '@/lib/paths';
import { mergeTag, saveTag } from '../actions';
import { tagFields, tagFormValues } from '@/lib/newsroom/forms/tag-form';

export const metadata: Metadata = { title: 'Edit tag' };

export default async function EditTagPage({ params, searchParams }: PageProps<'/admin/tags/[id]'>) {
  await requireUser(newsroomPages.tags.permission);
  const id = parseRecordId((await params).id);
  const tag = id === null ? null : getNewsroomTag(id);
  if (!tag) notFound();
  const { done } = await searchParams;
  const others = listNewsroomTags().filter((t) => t.id !== tag.id);
  return (
    <>
      <RecordHeading title={`Tag: ${tag.name}`} backHref={newsroomPages.tags.path} backLabel="All tags" />
      <DoneNotice done={done} messages={{ merged: 'Merged: the other tag’s articles carry this tag now, and the other tag is gone.' }} />
      <Panel id="rename-tag" title="Rename">
        <p>
          {countOf(tag.articleCount, 'article')}, {tag.publishedCount} published.{' '}
          {tag.publishedCount > 0 && (
            <>
              Live at <a href={tagPath(tag)}>{tagPath(tag)}</a>
            </>
          )}
        </p>
        <AdminForm
          id="rename-tag"
          action={saveTag}
          initial={initialFormState(tagFormValues(tag))}
          fields={tagFields}
          hidden={{ id: tag.id }}
          submitLabel="Save tag"
        />
      </Panel>
      <Panel id="merge-tag" title="Merge into another tag">
        <p>
          Every article tagged “{tag.name}” gets the chosen tag instead, and this tag and its page are deleted. This cannot be
          undone.
        </p>
        <AdminForm
          id="merge-tag"
          action={mergeTag}
          initial={initialFormState({ into: '' })}
          fields={[
            {
              name: 'into',
              label: 'Tag to keep',
              kind: 'select',
              options: [{ value: '', label: 'Choose…' }, ...others.map((t) => ({ value: String(t.id), label: `${t.name} (${t.slug})` }))],
            },
          ]}
          hidden={{ id: tag.id }}
          submitLabel="Merge and delete this tag"
          danger
        />
      </Panel>
    </>
  );
}
