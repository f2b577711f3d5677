import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DataTable } from '@/components/admin/DataTable';
import { DoneNotice } from '@/components/admin/DoneNotice';
import { MediaThumbnail } from '@/components/admin/MediaThumbnail.client';
import { MediaUploadForm } from '@/components/admin/MediaUploadForm.client';
import { Panel, RecordLink } from '@/components/admin/PageParts';
import { listMedia } from '@/db/media';
import { countOf, initialFormState } from '@/lib/newsroom/forms/admin-form';
import { requireUser } from '@/lib/auth/current-user';
import { mediaUploadLimits } from '@/lib/config';
import { parsePageNumber } from '@/lib/reader/page-number';
import { emptyMediaText, mediaLibrary, mediaTextFields } from '@/lib/newsroom/forms/media-form';
import { uploadMedia } from './actions';

export const metadata: Metadata = { title: 'Media' };

export default async function MediaPage({ searchParams }: PageProps<'/admin/media'>) {
  await requireUser(mediaLibrary.permission);
  const { page: rawPage, done } = await searchParams;
  const page = parsePageNumber(typeof rawPage === 'string' ? rawPage : undefined);
  if (page === null) notFound();
  const { items, total, pageCount } = listMedia({ page });
  if (page > pageCount) notFound();
  const pageHref = (n: number) => (n > 1 ? `${mediaLibrary.path}?page=${n}` : mediaLibrary.path);
  const megabytes = Math.floor(mediaUploadLimits().maxBytes / 1024 / 1024);
  return (
    <>
      <h1>Media</h1>
      <DoneNotice done={done} messages={{ uploaded: 'Uploaded: the image is first in the library below, ready to use.' }} />
      <Panel id="upload-image" title="Upload an image">
        <MediaUploadForm
          uploadMedia={uploadMedia}
          initial={initialFormState(emptyMediaText)}
          textFields={mediaTextFields}
          fileHint={`A photo or graphic as JPEG, PNG, WebP, AVIF or GIF (its first frame), up to ${megabytes} MB. Readers get a WebP copy without the camera’s metadata (location included).`}
        />
      </Panel>
      <Panel id="library" title="Library">
        <p>
          {countOf(total, 'image')}, newest first{pageCount > 1 && `; page ${page} of ${pageCount}`}.
        </p>
        <DataTable
          caption="Uploaded images, newest first"
          rows={items}
          columns={[
            { header: 'Image', cell: (m) => <MediaThumbnail media={m} /> },
            { header: 'Alt text', cell: (m) => m.alt },
            { header: 'Caption', cell: (m) => m.caption },
            { header: 'Credit', cell: (m) => m.credit },
            { header: 'Size', cell: (m) => `${m.width} × ${m.height}` },
            {
              header: 'Text',
              cell: (m) => (
                <RecordLink listPath={mediaLibrary.path} id={m.id}>
                  Edit text<span className="visually-hidden"> of image {m.id}</span>
                </RecordLink>
              ),
            },
          ]}
        />
        {pageCount > 1 && (
          <nav aria-label="Library pages" className="filters">
            {page > 1 && <Link href={pageHref(page - 1)} prefetch={false} rel="prev">← Newer images</Link>}
            {page < pageCount && <Link href={pageHref(page + 1)} prefetch={false} rel="next">Older images →</Link>}
          </nav>
        )}
      </Panel>
    </>
  );
}
