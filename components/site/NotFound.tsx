import Link from 'next/link';

export function NotFound() {
  return (
    <div className="wrap not-found">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/" prefetch={false}>
          Go to the front page
        </Link>
      </p>
    </div>
  );
}
