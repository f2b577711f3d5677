import Link from 'next/link';

/** Numbered page links with previous/next; the current page is marked for assistive technology. */
export function Pagination({
  page,
  pageCount,
  pathFor,
  label,
  previous = '← Newer',
  next = 'Older →',
}: {
  page: number;
  pageCount: number;
  pathFor: (page: number) => string;
  label: string;
  /** Link texts: lists run newest first, search results best first. */
  previous?: string;
  next?: string;
}) {
  if (pageCount <= 1) return null;
  const pages = pageWindow(page, pageCount);
  return (
    <nav className="pagination" aria-label={label}>
      <ul>
        {page > 1 && (
          <li>
            <Link href={pathFor(page - 1)} rel="prev" prefetch={false}>
              {previous}
            </Link>
          </li>
        )}
        {pages.map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} aria-hidden="true">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                href={pathFor(n)}
                prefetch={false}
                aria-current={n === page ? 'page' : undefined}
                aria-label={`Page ${n}`}
              >
                {n}
              </Link>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <Link href={pathFor(page + 1)} rel="next" prefetch={false}>
              {next}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** First, last and the pages around the current one, with null for a gap. */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...shown].sort((a, b) => a - b);
  const result: (number | null)[] = [];
  for (const n of sorted) {
    const previous = result[result.length - 1];
    if (typeof previous === 'number' && n - previous > 1) result.push(null);
    result.push(n);
  }
  return result;
}
