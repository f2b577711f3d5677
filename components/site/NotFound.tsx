import Link from 'next/link';

const FRONT_PAGE = { href: '/', label: 'Go to the front page' };

/** What stands in for a page that cannot be shown: what happened, and where to go instead. */
function PageNotice({ heading, explanation, next = FRONT_PAGE }: { heading: string; explanation: string; next?: { href: string; label: string } }) {
  return (
    <div className="wrap not-found">
      <h1>{heading}</h1>
      <p>{explanation}</p>
      <p>
        <Link href={next.href} prefetch={false}>
          {next.label}
        </Link>
      </p>
    </div>
  );
}

export function NotFound() {
  return <PageNotice heading="Page not found" explanation="We could not find that page. It may have moved, or the address may be mistyped." />;
}

/** Shown (with status 410) at the address of an article that was published and has since been removed. */
export function ArticleRemoved() {
  return <PageNotice heading="This article has been removed" explanation="The article that was published at this address is no longer available." />;
}

/**
 * Shown (with a 5xx status) when the site fails to make a page. It says the fault is ours and will pass,
 * and nothing about the fault itself: that is for the server's log.
 */
export function ServerError({ newsroom = false }: { newsroom?: boolean }) {
  return (
    <PageNotice
      heading="Something went wrong on our side"
      explanation="This page could not be shown just now. Please try again in a minute."
      next={newsroom ? { href: '/admin', label: 'Go to the newsroom dashboard' } : FRONT_PAGE}
    />
  );
}
