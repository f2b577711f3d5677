import Link from 'next/link';

/** Links to the next newer and older page of a newest-first newsroom list (none when it fits one page). */
export function NewerOlderLinks({
  label,
  page,
  pageCount,
  pageLink,
}: {
  label: string;
  page: number;
  pageCount: number;
  pageLink: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="filters">
      {page > 1 && (
        <Link href={pageLink(page - 1)} prefetch={false} rel="prev">
          ← Newer
        </Link>
      )}
      {page < pageCount && (
        <Link href={pageLink(page + 1)} prefetch={false} rel="next">
          Older →
        </Link>
      )}
    </nav>
  );
}
