import Link from 'next/link';
import type { ReactNode } from 'react';

/** A titled block of a newsroom page, labelled by its heading for screen-reader navigation. */
export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** The heading of a page about one record, under a link back to the list it came from. */
export function RecordHeading({ title, backHref, backLabel }: { title: string; backHref: string; backLabel: string }) {
  return (
    <>
      <p>
        <Link href={backHref} prefetch={false}>
          ← {backLabel}
        </Link>
      </p>
      <h1>{title}</h1>
    </>
  );
}

/** A link from a list to the page of one of its records. */
export function RecordLink({ listPath, id, children }: { listPath: string; id: number; children: ReactNode }) {
  return (
    <Link href={`${listPath}/${id}`} prefetch={false}>
      {children}
    </Link>
  );
}
