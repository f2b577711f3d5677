import Link from 'next/link';

function MissingPage({ heading, explanation }: { heading: string; explanation: string }) {
  return (
    <div className="wrap not-found">
      <h1>{heading}</h1>
      <p>{explanation}</p>
      <p>
        <Link href="/" prefetch={false}>
          Go to the front page
        </Link>
      </p>
    </div>
  );
}

export function NotFound() {
  return <MissingPage heading="Page not found" explanation="We could not find that page. It may have moved, or the address may be mistyped." />;
}

/** Shown (with status 410) at the address of an article that was published and has since been removed. */
export function ArticleRemoved() {
  return <MissingPage heading="This article has been removed" explanation="The article that was published at this address is no longer available." />;
}
