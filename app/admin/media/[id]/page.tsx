import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AdminForm } from '@/components/admin/AdminForm.client';
import { Panel, RecordHeading } from '@/components/admin/PageParts';
import { getMedia, getMediaUsage } from '@/db/media';
import { countOf, initialFormState, parseRecordId } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { mediaVariantsOf } from '@/lib/media/names';
import { mediaUrl } from '@/lib/paths';
import { saveMediaText } from '../actions';
import { LIVE_FOR_EDITORS, mayEditLiveText, mediaLibrary, mediaTextFields, mediaTextValues } from '@/lib/newsroom/forms/media-form';
import '@/components/admin/media.css';

export const metadata: Metadata = { title: 'Edit image text' };

export default async function EditMediaPage({ params }: PageProps<'/admin/media/[id]'>) {
  const user = await requireUser(mediaLibrary.permission);
  const id = parseRecordId((await params).id);
  const image = id === null ? null : getMedia(id);
  if (!image) notFound();
  const usage = getMediaUsage(image.id);
  const variants = mediaVariantsOf(image);
  // The preview: the variant that fills the page column on most screens without wasting bytes.
  const preview = variants.find((v) => v.width >= 960) ?? variants[variants.length - 1] ?? image;
  return (
    <>
      <RecordHeading title={`Image ${image.id}`} backHref={mediaLibrary.path} backLabel="Media library" />
      <Panel id="image" title="The image">
        <img className="media-preview" src={mediaUrl(preview.fileName)} alt={image.alt} width={preview.width} height={preview.height} />
        <dl className="facts">
          <dt>Size</dt>
          <dd>
            {image.width} × {image.height} pixels
          </dd>
          <dt>Files</dt>
          <dd>
            {variants.map((v, i) => (
              <span key={v.fileName}>
                {i > 0 && ', '}
                <a href={mediaUrl(v.fileName)}>{v.width} wide</a>
              </span>
            ))}
          </dd>
          <dt>Shown on</dt>
          <dd>
            {countOf(usage.publishedArticleIds.length, 'published article')}
            {usage.authorSlugs.length > 0 && `, ${countOf(usage.authorSlugs.length, 'author page')}`}
          </dd>
        </dl>
      </Panel>
      <Panel id="image-text" title="Alt text, caption and credit">
        {mayEditLiveText(user.role, usage) ? (
          <AdminForm
            id="image-text"
            action={saveMediaText}
            initial={initialFormState(mediaTextValues(image))}
            fields={mediaTextFields}
            hidden={{ id: image.id }}
            submitLabel="Save text"
          />
        ) : (
          <p>{LIVE_FOR_EDITORS}</p>
        )}
      </Panel>
    </>
  );
}
