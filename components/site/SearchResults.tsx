import Link from 'next/link';
import { Fragment } from 'react';
import type { Highlighted, SearchHit } from '@/db/search';
import { articlePath, sectionPath } from '@/lib/paths';
import { Timestamp } from './Timestamp';

/** Text with its matched words in <mark>; every part is a React text node, so it is always escaped. */
function Highlight({ parts }: { parts: Highlighted }) {
  return parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>));
}

/** Search results, best first: section, headline and a snippet with the searched words marked, and the date. */
export function SearchResults({ hits, timeZone }: { hits: readonly SearchHit[]; timeZone: string }) {
  return (
    <ol className="search-results">
      {hits.map((hit) => (
        <li key={hit.id} className="search-result">
          <Link className="teaser__section" href={sectionPath(hit.section)} prefetch={false}>
            {hit.section.name}
          </Link>
          <h2 className="teaser__headline">
            <Link href={articlePath({ slug: hit.slug, section: hit.section })} prefetch={false}>
              <Highlight parts={hit.headline} />
            </Link>
          </h2>
          <p className="search-result__snippet">
            <Highlight parts={hit.snippet} />
          </p>
          <p className="teaser__meta">
            <Timestamp epochMs={hit.publishedAt} timeZone={timeZone} />
          </p>
        </li>
      ))}
    </ol>
  );
}
