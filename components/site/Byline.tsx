import Link from 'next/link';
import type { BylineAuthor } from '@/db/types';
import { coverSizes } from '@/lib/media/responsive-images';
import { authorPath } from '@/lib/paths';
import { readingTimeLabel } from '@/lib/reader/reading-time';
import { ResponsiveImage } from './ResponsiveImage';
import { Timestamp } from './Timestamp';

/** `.byline__photo` in app/styles.css: a round photo this many rem wide beside the names. */
const PHOTO_REM = 2.5;

export function Byline({
  authors,
  publishedAt,
  updatedAt,
  timeZone,
  notPublished,
  readingMinutes,
}: {
  authors: readonly BylineAuthor[];
  publishedAt: number;
  updatedAt: number;
  timeZone: string;
  /** Shown instead of the dates for an article readers cannot see (the newsroom's preview). */
  notPublished?: string;
  /** The body's reading time (lib/reader/reading-time.ts); not shown when absent. */
  readingMinutes?: number;
}) {
  // Small fixes right after publication are not worth an "Updated" line.
  const updated = updatedAt - publishedAt > 60_000;
  const photos = authors.flatMap((author) => (author.photo ? [{ ...author, photo: author.photo }] : []));
  const readingTime = readingMinutes !== undefined && (
    <>
      <span aria-hidden="true"> · </span>
      <span className="byline__reading-time">{readingTimeLabel(readingMinutes)}</span>
    </>
  );
  return (
    <div className={`byline${photos.length > 0 ? ' byline--photos' : ''}`}>
      {photos.length > 0 && (
        <p className="byline__photos">
          {photos.map((author) => (
            <ResponsiveImage
              key={author.slug}
              className="byline__photo"
              image={author.photo}
              sizes={coverSizes(author.photo, PHOTO_REM)}
              alt={author.name}
              // Small and beside the text: the hero (or the first teaser image) stays the one image fetched first.
              loading="lazy"
            />
          ))}
        </p>
      )}
      <div className="byline__text">
        {authors.length > 0 && (
          <p className="byline__authors">
            By{' '}
            {authors.map((author, i) => (
              <span key={author.slug}>
                {i > 0 && (i === authors.length - 1 ? ' and ' : ', ')}
                <Link href={authorPath(author)} prefetch={false} rel="author">
                  {author.name}
                </Link>
              </span>
            ))}
          </p>
        )}
        {notPublished ? (
          <p className="byline__times">
            {notPublished}
            {readingTime}
          </p>
        ) : (
          <p className="byline__times">
            Published <Timestamp epochMs={publishedAt} timeZone={timeZone} />
            {updated && (
              <>
                <span aria-hidden="true"> · </span>Updated <Timestamp epochMs={updatedAt} timeZone={timeZone} />
              </>
            )}
            {readingTime}
          </p>
        )}
      </div>
    </div>
  );
}
