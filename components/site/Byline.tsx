import Link from 'next/link';
import type { AuthorRef } from '@/db/types';
import { authorPath } from '@/lib/paths';
import { Timestamp } from './Timestamp';

export function Byline({
  authors,
  publishedAt,
  updatedAt,
  timeZone,
  notPublished,
}: {
  authors: readonly AuthorRef[];
  publishedAt: number;
  updatedAt: number;
  timeZone: string;
  /** Shown instead of the dates for an article readers cannot see (the newsroom's preview). */
  notPublished?: string;
}) {
  // Small fixes right after publication are not worth an "Updated" line.
  const updated = updatedAt - publishedAt > 60_000;
  return (
    <div className="byline">
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
        <p className="byline__times">{notPublished}</p>
      ) : (
      <p className="byline__times">
        Published <Timestamp epochMs={publishedAt} timeZone={timeZone} />
        {updated && (
          <>
            <span aria-hidden="true"> · </span>Updated <Timestamp epochMs={updatedAt} timeZone={timeZone} />
          </>
        )}
      </p>
      )}
    </div>
  );
}
